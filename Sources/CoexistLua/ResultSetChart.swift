import CoexistKit

/// `rs:chart{x=, y=, kind=, format=, title=, width=, height=}`: a chart of one numeric column against the
/// labels of another, as text for the terminal (print it) or as SVG to put in a page.
enum ResultSetChart {
    static let doc = """
        rs:chart{x=, y=, kind="bars"|"line"|"sparkline", format="text"|"svg", title=, width=, height=}: a chart of column y \
        (default: the first numeric column after x) labelled by column x (default: the first column) as a string: text to \
        print, or an SVG element (bars or line) for a page
        """
    static let keys: [String: OptionType] = ["x": .string, "y": .string, "kind": .string, "format": .string, "title": .string,
                                             "width": .integer, "height": .integer]
    static let kinds = ["bars", "line", "sparkline"]
    static let formats = ["text", "svg"]

    static func chart(_ rs: ResultSet, _ table: LuaTable?) throws -> String {
        let opts = try OptionTable(table, keys, what: "chart")
        guard !rs.columns.isEmpty else { throw LuaError("chart: the result set has no columns") }
        let x = try column(opts, "x", rs) ?? 0
        let y: Int
        if let named = try column(opts, "y", rs) {
            guard rs.columns[named].type == .int || rs.columns[named].type == .double else {
                throw LuaError("chart: column '\(rs.columns[named].name)' is \(rs.columns[named].type.rawValue), not a number")
            }
            y = named
        } else if let first = rs.columns.indices.first(where: { $0 != x && (rs.columns[$0].type == .int || rs.columns[$0].type == .double) }) {
            y = first
        } else {
            throw LuaError("chart: no numeric column to draw; name one with y=")
        }
        let kind = try choice(opts, "kind", kinds) ?? "bars"
        let format = try choice(opts, "format", formats) ?? "text"
        var series = ChartSeries(rs, label: x, value: y)
        if let title = try opts.string("title") { series.name = title }
        let width = try size(opts, "width", format == "svg" ? 80...4000 : 4...400)
        let height = try size(opts, "height", format == "svg" ? 60...4000 : 2...100)
        switch (format, kind) {
        case ("svg", "bars"): return SVGChart.bars(series, width: width ?? 520)
        case ("svg", "line"): return SVGChart.line(series, width: width ?? 360, height: height ?? 140)
        case ("svg", _): throw LuaError("chart: an SVG chart is kind=\"bars\" or kind=\"line\"; a sparkline is text")
        case (_, "bars"): return TerminalChart.bars(series, width: width ?? 40).trimmingTrailingNewline
        case (_, "line"): return TerminalChart.line(series, height: height ?? 8).trimmingTrailingNewline
        default: return TerminalChart.sparkline(series.values)
        }
    }

    private static func column(_ opts: OptionTable, _ key: String, _ rs: ResultSet) throws -> Int? {
        guard let name = try opts.string(key) else { return nil }
        guard let index = rs.columnIndex(name) else {
            throw LuaError("chart: no column '\(name)' for \(key)=" + didYouMean(name, rs.columns.map(\.name)))
        }
        return index
    }

    private static func choice(_ opts: OptionTable, _ key: String, _ allowed: [String]) throws -> String? {
        guard let value = try opts.string(key) else { return nil }
        guard allowed.contains(value) else {
            throw LuaError("chart: \(key) is " + allowed.map { "\"\($0)\"" }.joined(separator: ", ") + ", got '\(value)'"
                + didYouMean(value, allowed))
        }
        return value
    }

    /// A size in cells (text) or pixels (SVG), refused outside `range` rather than clamped.
    private static func size(_ opts: OptionTable, _ key: String, _ range: ClosedRange<Int>) throws -> Int? {
        let n: Int
        switch opts[key] {
        case .nil: return nil
        case .integer(let i): n = Int(i)
        case .number(let d) where d == d.rounded() && abs(d) < 1e9: n = Int(d)
        case let v: throw LuaError("chart: option '\(key)' must be a whole number, got \(v.typeName)")
        }
        guard range.contains(n) else {
            throw LuaError("chart: \(key) must be between \(range.lowerBound) and \(range.upperBound), got \(n)")
        }
        return n
    }
}
