/// The review as Markdown a wiki renders: headings, one table of figures per section, the breakdowns, findings.
public enum MarkdownReport {
    static let headings = ["Figure", "Value", "Target", "Status", "Change", "Trend"]

    public static func render(_ r: ReviewReport) -> String {
        let compact = RenderOptions(mode: .markdown, maxRows: 0, compact: true)
        var out = "# \(MarkdownRenderer.escape(r.title))\n\n"
        out += "**Scope:** \(MarkdownRenderer.escape(r.scope)) · **Period:** \(MarkdownRenderer.escape(r.period))"
        if r.periods.count > 1 { out += " · **Trend:** \(MarkdownRenderer.escape(r.periods.first!)) to \(MarkdownRenderer.escape(r.periods.last!))" }
        out += "\n"
        for section in r.sections {
            out += "\n## \(MarkdownRenderer.escape(section.name))\n\n"
            if !section.note.isEmpty { out += MarkdownRenderer.escape(section.note) + "\n\n" }
            if !section.figures.isEmpty {
                out += ResultRenderer.render(ReviewTables.figures(section.figures, headings: headings, trend: true), compact)
            }
            for table in section.tables {
                // The renderer writes the title in bold above the table.
                out += "\n" + ResultRenderer.render(table, RenderOptions(mode: .markdown, maxRows: 20))
            }
        }
        out += "\n## Findings\n\n"
        if r.findings.isEmpty {
            out += "None: every figure with data meets its target.\n"
        } else {
            out += ResultRenderer.render(ReviewTables.findings(r), compact)
        }
        return out
    }
}
