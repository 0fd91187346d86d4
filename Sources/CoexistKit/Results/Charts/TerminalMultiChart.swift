/// Several series on one set of axes for a terminal, fitted to a width: the y axis labelled with the
/// highest, middle and lowest value, the x axis with the first, middle and last label, one glyph per
/// series and a legend under it. When there are more points than columns, neighbouring points are
/// averaged into one column, so the chart never wraps. `ascii` draws with plain ASCII for a terminal
/// without UTF-8 (or under NO_COLOR, where users ask for plain output).
public enum TerminalMultiChart {
    static let glyphs: [Character] = ["●", "○", "◆", "■", "▲", "✚"]
    static let asciiGlyphs: [Character] = ["*", "o", "+", "x", "#", "@"]

    public static func lines(_ series: [ChartSeries], width: Int = 80, height: Int = 10, ascii: Bool = false,
                             title: String? = nil) -> String {
        let rows = max(3, height)
        var out = title.map { $0 + "\n" } ?? ""
        let known = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        guard let lo0 = known.min(), let hi0 = known.max(), let longest = series.map(\.values.count).max(), longest > 0 else {
            return out + "no data\n"
        }
        let lo = min(lo0, 0), hi = hi0 == lo ? lo + 1 : hi0
        let unit = series.first?.unit ?? ""
        let ticks = [hi, (hi + lo) / 2, lo].map { ValueFormatter.short($0, unit: unit) }
        let axisWidth = ticks.map(DisplayWidth.of).max() ?? 1
        let columns = max(1, min(longest, width - axisWidth - 2))
        var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: rows)
        let marks = ascii ? asciiGlyphs : glyphs
        for (k, s) in series.enumerated() {
            for c in 0..<columns {
                // The points this column covers, averaged.
                let from = c * s.values.count / columns, to = max(from + 1, (c + 1) * s.values.count / columns)
                let slice = s.values[min(from, s.values.count)..<min(to, s.values.count)].compactMap { $0 }.filter(\.isFinite)
                guard !slice.isEmpty else { continue }
                let v = slice.reduce(0, +) / Double(slice.count)
                let r = Int(((v - lo) / (hi - lo) * Double(rows - 1)).rounded())
                grid[rows - 1 - min(rows - 1, max(0, r))][c] = marks[k % marks.count]
            }
        }
        let (vertical, corner, horizontal) = ascii ? ("|", "+", "-") : ("┤", "└", "─")
        for r in 0..<rows {
            let tick = r == 0 ? ticks[0] : r == rows / 2 ? ticks[1] : r == rows - 1 ? ticks[2] : ""
            CellAlignment.right.append(tick, textWidth: DisplayWidth.of(tick), width: axisWidth, to: &out)
            out += vertical + String(grid[r]).trimmingTrailingSpaces + "\n"
        }
        CellAlignment.appendSpaces(axisWidth, to: &out)
        out += corner + String(repeating: horizontal, count: columns) + "\n"
        let labels = series.max { $0.labels.count < $1.labels.count }?.labels ?? []
        if !labels.isEmpty {
            let first = labels[0], last = labels[labels.count - 1], middle = labels[labels.count / 2]
            var line = String(repeating: " ", count: axisWidth + 1) + first
            let room = axisWidth + 1 + columns
            let mid = axisWidth + 1 + columns / 2 - DisplayWidth.of(middle) / 2
            if labels.count > 2, mid > DisplayWidth.of(line) + 1, mid + DisplayWidth.of(middle) + 1 < room - DisplayWidth.of(last) {
                line += String(repeating: " ", count: mid - DisplayWidth.of(line)) + middle
            }
            if labels.count > 1 {
                line += String(repeating: " ", count: max(1, room - DisplayWidth.of(line) - DisplayWidth.of(last))) + last
            }
            out += line + "\n"
        }
        var legend = "", legendWidth = 0
        for (k, s) in series.enumerated() {
            let item = "\(marks[k % marks.count]) \(s.name)"
            if legendWidth > 0 && legendWidth + 2 + DisplayWidth.of(item) > width {
                out += legend + "\n"
                legend = ""
                legendWidth = 0
            }
            if legendWidth > 0 { legend += "  "; legendWidth += 2 }
            legend += item
            legendWidth += DisplayWidth.of(item)
        }
        return out + legend + "\n"
    }
}
