/// Charts drawn with block characters for a terminal or a text file: a sparkline for a trend inside a
/// table, horizontal bars for a breakdown, and a small line plot. Widths are counted with DisplayWidth so
/// labels such as "東京" line up.
public enum TerminalChart {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// One character per value, scaled from the lowest to the highest; a value without data is a space.
    public static func sparkline(_ values: [Double?]) -> String {
        let known = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = known.min(), let hi = known.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { v -> Character in
            guard let v, v.isFinite else { return " " }
            if hi == lo { return levels[3] }
            return levels[min(7, Int((v - lo) / (hi - lo) * 7.999))]
        })
    }

    /// One bar per point, scaled so the largest fills `width` cells (drawn to an eighth of a cell), with the
    /// label on the left and the value on the right. Negative values draw no bar; missing ones say "no data".
    public static func bars(_ series: ChartSeries, width: Int = 40) -> String {
        let labels = series.values.indices.map { series.label($0) }
        let labelWidth = labels.map(DisplayWidth.of).max() ?? 0
        let hi = max(series.range?.hi ?? 0, 0)
        var out = series.name.isEmpty ? "" : series.name + "\n"
        for (i, value) in series.values.enumerated() {
            CellAlignment.left.append(labels[i], textWidth: DisplayWidth.of(labels[i]), width: labelWidth, to: &out)
            out += "  "
            guard let value, value.isFinite else {
                out += "no data\n"
                continue
            }
            let cells = hi > 0 ? max(0, value) / hi * Double(max(1, width)) : 0
            let whole = Int(cells)
            let part = Int((cells - Double(whole)) * 8)
            out += String(repeating: "█", count: whole)
            if part > 0 { out.append(eighths[part - 1]) }
            if whole > 0 || part > 0 { out += " " }
            out += series.valueText(value) + "\n"
        }
        return out
    }

    /// A line plot `height` rows tall with `spacing` cells between points: each point a "●", the gaps between
    /// neighbours filled with "·", the highest and lowest value on the axis, the first and last label under it.
    public static func line(_ series: ChartSeries, height: Int = 8, spacing: Int = 3) -> String {
        let rows = max(2, height), step = max(1, spacing)
        var out = series.name.isEmpty ? "" : series.name + "\n"
        guard let (lo, hi) = series.range, !series.values.isEmpty else { return out + "no data\n" }
        let columns = (series.values.count - 1) * step + 1
        var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: rows)
        func row(_ v: Double) -> Int { hi == lo ? rows / 2 : Int(((v - lo) / (hi - lo) * Double(rows - 1)).rounded()) }
        var previous: (column: Int, row: Int)?
        for (i, value) in series.values.enumerated() {
            guard let value, value.isFinite else { previous = nil; continue }
            let point = (column: i * step, row: row(value))
            if let p = previous {
                for c in (p.column + 1)..<point.column {
                    let t = Double(c - p.column) / Double(point.column - p.column)
                    grid[Int((Double(p.row) + t * Double(point.row - p.row)).rounded())][c] = "·"
                }
            }
            grid[point.row][point.column] = "●"
            previous = point
        }
        let top = ValueFormatter.short(hi, unit: series.unit), bottom = ValueFormatter.short(lo, unit: series.unit)
        let axisWidth = max(DisplayWidth.of(top), DisplayWidth.of(bottom))
        for r in stride(from: rows - 1, through: 0, by: -1) {
            let tick = r == rows - 1 ? top : r == 0 ? bottom : ""
            CellAlignment.right.append(tick, textWidth: DisplayWidth.of(tick), width: axisWidth, to: &out)
            out += " ┤" + String(grid[r]).trimmingTrailingSpaces + "\n"
        }
        CellAlignment.appendSpaces(axisWidth + 1, to: &out)
        out += "└" + String(repeating: "─", count: columns) + "\n"
        let first = series.label(0), last = series.values.count > 1 ? series.label(series.values.count - 1) : ""
        CellAlignment.appendSpaces(axisWidth + 2, to: &out)
        out += first
        let gap = columns - DisplayWidth.of(first) - DisplayWidth.of(last)
        if !last.isEmpty {
            CellAlignment.appendSpaces(max(1, gap), to: &out)
            out += last
        }
        return out + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
