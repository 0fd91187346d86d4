/// DuckDB's "duckbox": a Unicode box with centred column names, numbers right-aligned, the middle of
/// long results elided, and the row count on its own line under the box.
enum TableRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        var out = ""
        if let title = rs.title { out += ValueFormatter.escapingControls(title) + "\n" }
        guard !rs.columns.isEmpty else { return out + "(no columns)\n" }

        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        let grid = TextGrid(rs, rowIndices: window.indices, nullValue: options.nullValue, decimals: options.numbers) {
            ValueFormatter.escapingControls($0)
        }
        // Elision dots need one cell; empty headers still need a visible column.
        let widths = grid.widths(includingHeaders: options.headers, minimum: 1)
        let alignments = rs.columns.map(\.cellAlignment)
        if options.compact { return out + plain(rs, grid, widths: widths, alignments: alignments, options) }
        let tones = options.color ? rs.columns.map(\.tones) : []
        out.reserveCapacity(out.utf8.count + (grid.rowCount + 6) * (widths.reduce(0, +) + 4 * widths.count + 2))

        out += rule("┌", "┬", "┐", widths)
        if options.headers {
            let bold: (on: String, off: String)? = options.color ? ("\u{1B}[1m", "\u{1B}[0m") : nil
            appendRow(grid.header[...], grid.headerWidths[...], widths, alignments.map { _ in .center }, style: bold, to: &out)
            out += rule("├", "┼", "┤", widths)
        }
        let dots = Array(repeating: "·", count: widths.count)
        let dotWidths = Array(repeating: 1, count: widths.count)
        let centred = Array(repeating: CellAlignment.center, count: widths.count)
        for position in 0..<grid.rowCount {
            if window.isElided && position == window.head.count {
                appendRow(dots[...], dotWidths[...], widths, centred, to: &out)
            }
            let row = grid.row(position)
            appendRow(row.cells, row.widths, widths, alignments, tones: tones, to: &out)
        }
        if window.isElided && window.tail.isEmpty {
            appendRow(dots[...], dotWidths[...], widths, centred, to: &out)
        }
        out += rule("└", "┴", "┘", widths)
        out += window.summary + "\n"
        return out
    }

    private static func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
    }

    /// A table inside a document (a review's figures): columns indented two spaces and two apart, headers
    /// aligned like their cells, no box and no row count; the elided middle is one line of dots.
    private static func plain(_ rs: ResultSet, _ grid: TextGrid, widths: [Int], alignments: [CellAlignment],
                              _ options: RenderOptions) -> String {
        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        let tones = options.color ? rs.columns.map(\.tones) : []
        var out = ""
        func line(_ cells: ArraySlice<String>, _ cellWidths: ArraySlice<Int>, tones: [[String: CellTone]]) {
            out += "  "
            for index in widths.indices {
                if index > 0 { out += "  " }
                let cell = cells.startIndex + index
                let tone = tones.isEmpty || tones[index].isEmpty ? nil : tones[index][cells[cell]]
                alignments[index].append(cells[cell], textWidth: cellWidths[cell], width: widths[index], to: &out,
                                         style: tone.map { ($0.ansi, "\u{1B}[0m") })
            }
            out += "\n"
        }
        if options.headers { line(grid.header[...], grid.headerWidths[...], tones: []) }
        let dots = Array(repeating: "·", count: widths.count)[...], dotWidths = Array(repeating: 1, count: widths.count)[...]
        for position in 0..<grid.rowCount {
            if window.isElided && position == window.head.count { line(dots, dotWidths, tones: []) }
            let row = grid.row(position)
            line(row.cells, row.widths, tones: tones)
        }
        if window.isElided && window.tail.isEmpty { line(dots, dotWidths, tones: []) }
        return out
    }

    private static func appendRow(
        _ cells: ArraySlice<String>, _ cellWidths: ArraySlice<Int>, _ widths: [Int], _ alignments: [CellAlignment],
        style: (on: String, off: String)? = nil, tones: [[String: CellTone]] = [], to out: inout String
    ) {
        out += "│ "
        for index in widths.indices {
            if index > 0 { out += " │ " }
            let cell = cells.startIndex + index
            let tone = tones.isEmpty || tones[index].isEmpty ? nil : tones[index][cells[cell]]
            alignments[index].append(cells[cell], textWidth: cellWidths[cell], width: widths[index], to: &out,
                                     style: tone.map { ($0.ansi, "\u{1B}[0m") } ?? style)
        }
        out += " │\n"
    }
}
