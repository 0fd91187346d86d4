/// The review as Markdown a wiki renders: the executive summary first, then one table of figures per section,
/// the breakdowns, and every finding at the end.
public enum MarkdownReport {
    static let headings = ["Figure", "Value", "Target", "Status", "Change", "Trend"]

    public static func render(_ r: ReviewReport) -> String {
        let compact = RenderOptions(mode: .markdown, maxRows: 0, compact: true)
        var out = "# \(MarkdownRenderer.escape(r.title))\n\n"
        out += "**Scope:** \(MarkdownRenderer.escape(r.scope)) · **Period:** \(MarkdownRenderer.escape(r.period))"
        let periods = ReviewTables.periodsWithData(r)
        if periods.count > 1 { out += " · **Trend:** \(MarkdownRenderer.escape(periods.first!)) to \(MarkdownRenderer.escape(periods.last!))" }
        out += "\n\n" + summary(ReviewSummary(r))
        for section in r.sections {
            out += "\n## \(MarkdownRenderer.escape(section.name))\n\n"
            if !section.note.isEmpty { out += MarkdownRenderer.escape(section.note) + "\n\n" }
            if !section.figures.isEmpty {
                out += ResultRenderer.render(ReviewTables.figures(section.figures, headings: headings, trend: true), compact)
            }
            for table in section.tables {
                // The renderer writes the title in bold above the table, once.
                out += "\n" + ResultRenderer.render(ReviewTables.spelled(table), RenderOptions(mode: .markdown, maxRows: 20))
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

    static func summary(_ s: ReviewSummary) -> String {
        var out = "## Summary\n\n**Targets:** " + MarkdownRenderer.escape(s.targetsLine) + "\n"
        if !s.missed.isEmpty {
            out += "\n**Missed:**\n\n" + s.missed.map { "- " + MarkdownRenderer.escape(ReviewSummary.missText($0.section, $0.figure)) + "\n" }.joined()
        }
        out += "\n**Top findings:**\n\n"
        if s.topFindings.isEmpty { return out + "None: every figure with data meets its target.\n" }
        for (i, f) in s.topFindings.enumerated() {
            out += "\(i + 1). **\(MarkdownRenderer.escape(f.title))** (\(MarkdownRenderer.escape(f.area)), \(f.streamsAffected) streams). "
                + "Remedy: \(MarkdownRenderer.escape(f.remedy))\n"
        }
        if s.moreFindings > 0 { out += "\n\(s.moreFindings) more under Findings below.\n" }
        return out
    }
}
