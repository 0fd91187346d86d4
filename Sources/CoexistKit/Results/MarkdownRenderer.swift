/// A GitHub-flavoured table, padded so the source also lines up in a terminal. Long results are
/// elided like the boxed table, with the count in italics after a blank line (a line directly under
/// a GFM table would be read as another row).
public enum MarkdownRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        var out = ""
        if let title = rs.title { out += "**" + escape(title) + "**\n\n" }
        guard !rs.columns.isEmpty else { return out + "(no columns)\n" }

        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        let grid = TextGrid(rs, rowIndices: window.indices, nullValue: options.nullValue, decimals: options.numbers, escape: escape)
        let alignments = rs.columns.map(\.cellAlignment)
        // Compact rows are what a document generator writes: no padding, the shortest delimiter row.
        // Three dashes is the shortest delimiter every markdown flavour accepts.
        let widths = options.compact ? Array(repeating: 0, count: rs.columns.count)
            : grid.widths(includingHeaders: options.headers, minimum: 3)

        // GFM requires a header row, so with headers off it is left blank rather than dropped.
        let header = options.headers ? grid.header : rs.columns.map { _ in "" }
        let headerWidths = options.headers ? grid.headerWidths : rs.columns.map { _ in 0 }
        appendRow(header[...], headerWidths[...], widths, alignments, to: &out)
        out += "|"
        for (index, width) in widths.enumerated() {
            if options.compact {
                out += alignments[index] == .right ? "---:|" : "---|"
            } else {
                out += alignments[index] == .right ? String(repeating: "-", count: width + 1) + ":|" : String(repeating: "-", count: width + 2) + "|"
            }
        }
        out += "\n"

        let ellipses = Array(repeating: "…", count: widths.count)
        let ellipsisWidths = Array(repeating: 1, count: widths.count)
        for position in 0..<grid.rowCount {
            if window.isElided && position == window.head.count {
                appendRow(ellipses[...], ellipsisWidths[...], widths, alignments, to: &out)
            }
            let row = grid.row(position)
            appendRow(row.cells, row.widths, widths, alignments, to: &out)
        }
        if window.isElided {
            if window.tail.isEmpty { appendRow(ellipses[...], ellipsisWidths[...], widths, alignments, to: &out) }
            out += "\n*" + window.summary + "*\n"
        }
        return out
    }

    private static func appendRow(_ cells: ArraySlice<String>, _ cellWidths: ArraySlice<Int>, _ widths: [Int], _ alignments: [CellAlignment], to out: inout String) {
        out += "|"
        for index in widths.indices {
            let cell = cells.startIndex + index
            out += " "
            alignments[index].append(cells[cell], textWidth: cellWidths[cell], width: widths[index], to: &out)
            out += " |"
        }
        out += "\n"
    }

    /// The one Markdown escaper, for cells and for the text around tables (titles, headings, notes): pipes
    /// would end a cell and newlines a row or paragraph, so they become `\|` and `<br>`; other control
    /// characters become visible escapes.
    public static func escape(_ text: String) -> String {
        var special = false
        for byte in text.utf8 where byte == UInt8(ascii: "|") || byte < 0x20 || byte == 0x7F || byte == 0xC2 {
            special = true
            break
        }
        guard special else { return text }
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "|": out += "\\|"
            case "\r": out += "<br>"
            case "\n": if !afterCR { out += "<br>" }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return ValueFormatter.escapingControls(out)
    }
}
