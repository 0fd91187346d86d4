/// DuckDB's "duckbox": a Unicode box with centred column names, numbers right-aligned, the middle of
/// long results elided, and the row count on its own line under the box.
enum TableRenderer {
    /// The characters a box is drawn with: Unicode on a terminal, + - | where output may be read by
    /// programs or old mail readers.
    struct Borders {
        let top: (String, String, String), middle: (String, String, String), bottom: (String, String, String)
        let horizontal: String, vertical: String, dot: String, ellipsis: String
        /// Built once: a row is drawn cell by cell in the hot loop of a long result.
        var left: String { vertical + " " }
        var between: String { " " + vertical + " " }
        var right: String { " " + vertical + "\n" }

        static let unicode = Borders(top: ("┌", "┬", "┐"), middle: ("├", "┼", "┤"), bottom: ("└", "┴", "┘"),
                                     horizontal: "─", vertical: "│", dot: "·", ellipsis: "…")
        static let ascii = Borders(top: ("+", "+", "+"), middle: ("+", "+", "+"), bottom: ("+", "+", "+"),
                                   horizontal: "-", vertical: "|", dot: ".", ellipsis: "~")
    }

    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        var out = ""
        if let title = rs.title { out += ValueFormatter.escapingControls(title) + "\n" }
        guard !rs.columns.isEmpty else { return out + "(no columns)\n" }

        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        let grid = TextGrid(rs, rowIndices: window.indices, nullValue: options.nullValue, decimals: options.numbers) {
            ValueFormatter.escapingControls($0)
        }
        // Elision dots need one cell; empty headers still need a visible column.
        var widths = grid.widths(includingHeaders: options.headers, minimum: 1)
        let alignments = rs.columns.map(\.cellAlignment)
        if options.compact { return out + plain(rs, grid, widths: widths, alignments: alignments, options) }
        // `.width`: a fixed width cuts longer cells; 0 keeps the column's own width.
        var fixed = Array(repeating: false, count: widths.count)
        for (index, width) in options.columnWidths.prefix(widths.count).enumerated() where width > 0 {
            widths[index] = width
            fixed[index] = true
        }
        let fit = TableFit(widths: widths, shrinkable: rs.columns.indices.map { rs.columns[$0].type == .string && !fixed[$0] },
                           headerWidths: options.headers ? grid.headerWidths : [], maxWidth: options.maxWidth)
        // One record too wide for the screen reads better as name = value lines than with columns hidden.
        if rs.rows.count == 1 && TableFit.boxWidth(widths, Array(widths.indices)) > options.maxWidth && options.maxWidth > 0 {
            return LineRenderer.render(rs, options)
        }
        widths = fit.widths
        let visible = fit.visible
        let borders = options.unicode ? Borders.unicode : Borders.ascii
        let tones = options.color ? rs.columns.map(\.tones) : []
        out.reserveCapacity(out.utf8.count + (grid.rowCount + 6) * (widths.reduce(0, +) + 4 * widths.count + 2))

        out += rule(borders.top, borders, widths, visible)
        if options.headers {
            let bold: (on: String, off: String)? = options.color ? ("\u{1B}[1m", "\u{1B}[0m") : nil
            appendRow(grid.header[...], grid.headerWidths[...], widths, visible, alignments.map { _ in .center }, borders,
                      style: bold, to: &out)
            out += rule(borders.middle, borders, widths, visible)
        }
        let dots = Array(repeating: borders.dot, count: widths.count)
        let dotWidths = Array(repeating: 1, count: widths.count)
        let centred = Array(repeating: CellAlignment.center, count: widths.count)
        for position in 0..<grid.rowCount {
            if window.isElided && position == window.head.count {
                appendRow(dots[...], dotWidths[...], widths, visible, centred, borders, to: &out)
            }
            let row = grid.row(position)
            appendRow(row.cells, row.widths, widths, visible, alignments, borders, tones: tones, to: &out)
        }
        if window.isElided && window.tail.isEmpty {
            appendRow(dots[...], dotWidths[...], widths, visible, centred, borders, to: &out)
        }
        out += rule(borders.bottom, borders, widths, visible)
        out += window.summary + "\n"
        let hidden = fit.hidden
        if !hidden.isEmpty {
            let names = hidden.map { ValueFormatter.escapingControls(rs.columns[$0].name) }.joined(separator: ", ")
            out += "\(hidden.count) column\(hidden.count == 1 ? "" : "s") hidden (\(names)): "
                + ".mode line shows every column, .maxwidth 0 lifts the width limit\n"
        }
        return out
    }

    private static func rule(_ corners: (String, String, String), _ borders: Borders, _ widths: [Int], _ visible: [Int]) -> String {
        corners.0 + visible.map { String(repeating: borders.horizontal, count: widths[$0] + 2) }.joined(separator: corners.1)
            + corners.2 + "\n"
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
        _ cells: ArraySlice<String>, _ cellWidths: ArraySlice<Int>, _ widths: [Int], _ visible: [Int],
        _ alignments: [CellAlignment], _ borders: Borders,
        style: (on: String, off: String)? = nil, tones: [[String: CellTone]] = [], to out: inout String
    ) {
        out += borders.left
        let between = borders.between
        for (position, index) in visible.enumerated() {
            if position > 0 { out += between }
            let cell = cells.startIndex + index
            let tone = tones.isEmpty || tones[index].isEmpty ? nil : tones[index][cells[cell]]
            var text = cells[cell], textWidth = cellWidths[cell]
            if textWidth > widths[index] {
                (text, textWidth) = DisplayWidth.truncate(text, to: widths[index], ellipsis: borders.ellipsis)
            }
            alignments[index].append(text, textWidth: textWidth, width: widths[index], to: &out,
                                     style: tone.map { ($0.ansi, "\u{1B}[0m") } ?? style)
        }
        out += borders.right
    }
}
