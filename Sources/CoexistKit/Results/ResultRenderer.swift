/// The single entry point for turning a result into text; the shell, scripts and tests all go
/// through it so every output path honours the same options.
public enum ResultRenderer {
    /// The rendered text always ends with a newline when non-empty, so print it with `terminator: ""`.
    public static func render(_ rs: ResultSet, _ options: RenderOptions = RenderOptions()) -> String {
        switch options.mode {
        case .table: return TableRenderer.render(rs, options)
        case .csv: return CSVRenderer.render(rs, options)
        case .json: return JSONRenderer.render(rs, options)
        case .markdown: return MarkdownRenderer.render(rs, options)
        case .line: return LineRenderer.render(rs, options)
        case .html: return HTMLRenderer.table(rs, options)
        }
    }
}
