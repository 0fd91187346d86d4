/// The review in a terminal: one compact table per section with status in colour and a sparkline per trend,
/// the section's breakdowns, then the findings by impact.
public enum TerminalReport {
    public static func render(_ r: ReviewReport, color: Bool, maxTableRows: Int = 10) -> String {
        var out = bold("\(r.title)", color) + "\n"
        out += "\(r.scope) · \(r.period)"
        if let first = r.periods.first, let last = r.periods.last, r.periods.count > 1 {
            out += " · trend \(first) to \(last)"
        }
        out += "\n"
        for section in r.sections {
            out += "\n" + bold(section.name, color) + "\n"
            if !section.note.isEmpty { out += section.note + "\n" }
            if !section.figures.isEmpty { out += figureTable(section.figures, color: color) }
            for table in section.tables {
                out += ResultRenderer.render(table, RenderOptions(mode: .table, maxRows: maxTableRows, color: color))
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

    static func figureTable(_ figures: [ReviewFigure], color: Bool) -> String {
        let header = ["figure", "value", "target", "status", "change", "trend"]
        let rows = figures.map { f in
            [f.name, ReviewFormat.optional(f.value, unit: f.unit),
             f.target.map { "\(f.direction.rawValue) " + ReviewFormat.number($0, unit: f.unit) } ?? "",
             f.status.rawValue, ReviewFormat.change(f.change), ReviewFormat.sparkline(f.trend)]
        }
        var widths = header.map(DisplayWidth.of)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        let rightAligned: Set<Int> = [1, 2, 4]
        func line(_ cells: [String], statusColor: String?) -> String {
            "  " + cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
                var text = rightAligned.contains(i) ? pad + cell : cell + pad
                if i == 3, let statusColor, color { text = statusColor + text + "\u{1B}[0m" }
                return text
            }.joined(separator: "  ") + "\n"
        }
        var out = line(header, statusColor: nil)
        for (f, row) in zip(figures, rows) { out += line(row, statusColor: statusColor(f.status)) }
        return out
    }

    static func statusColor(_ s: FigureStatus) -> String {
        switch s {
        case .meets: return "\u{1B}[32m"
        case .misses: return "\u{1B}[31m"
        case .noData, .tooFewStreams: return "\u{1B}[33m"
        case .noTarget: return "\u{1B}[2m"
        }
    }

    static func bold(_ s: String, _ color: Bool) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
