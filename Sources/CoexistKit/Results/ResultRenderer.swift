/// The single entry point for turning a result into text; the shell, scripts and tests all go
/// through it so every output path honours the same options.
public enum ResultRenderer {
    /// The rendered text always ends with a newline when non-empty, so print it with `terminator: ""`.
    public static func render(_ rs: ResultSet, _ options: RenderOptions = RenderOptions()) -> String {
        var options = options
        if rs.isListing {
            // A catalogue is read whole, and a blank reads better than NULL where a field has no unit.
            options.maxRows = 0
            options.nullValue = ""
        }
        switch options.mode {
        case .table: return TableRenderer.render(rs, options)
        case .box:
            var boxed = options
            boxed.unicode = true
            return TableRenderer.render(rs, boxed)
        case .ascii:
            var plain = options
            plain.unicode = false
            return TableRenderer.render(rs, plain)
        case .tsv: return TSVRenderer.render(rs, options)
        case .csv: return CSVRenderer.render(rs, options)
        case .json: return JSONRenderer.render(rs, options)
        case .markdown: return MarkdownRenderer.render(rs, options)
        case .line: return LineRenderer.render(rs, options)
        case .html: return HTMLRenderer.table(rs, options)
        }
    }
}
