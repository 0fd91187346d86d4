/// The review in a terminal: one compact table per section with status in colour and a sparkline per trend,
/// the section's breakdowns, then the findings by impact.
public enum TerminalReport {
    static let headings = ["figure", "value", "target", "status", "change", "trend"]

    public static func render(_ r: ReviewReport, color: Bool, maxTableRows: Int = 10) -> String {
        var out = bold("\(r.title)", color) + "\n"
        out += "\(r.scope) · \(r.period)"
        let periods = ReviewTables.periodsWithData(r)
        if let first = periods.first, let last = periods.last, periods.count > 1 {
            out += " · trend \(first) to \(last)"
        }
        out += "\n"
        for section in r.sections {
            out += "\n" + bold(section.name, color) + "\n"
            if !section.note.isEmpty { out += section.note + "\n" }
            if !section.figures.isEmpty {
                out += ResultRenderer.render(ReviewTables.figures(section.figures, headings: headings, trend: true),
                                             RenderOptions(mode: .table, maxRows: 0, color: color, compact: true))
            }
            for table in section.tables {
                out += ResultRenderer.render(ReviewTables.spelled(table), RenderOptions(mode: .table, maxRows: maxTableRows, color: color))
            }
        }
        out += "\n" + bold("Findings, by streams affected", color) + "\n"
        if r.findings.isEmpty { out += "none: every figure with data meets its target\n" }
        for (i, f) in r.orderedFindings.enumerated() {
            out += "\(i + 1). [\(f.area)] \(f.title) (\(f.streamsAffected) streams)\n"
            if !f.detail.isEmpty { out += "   \(f.detail)\n" }
            out += "   remedy: \(f.remedy)\n"
        }
        return out
    }

    static func bold(_ s: String, _ color: Bool) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
