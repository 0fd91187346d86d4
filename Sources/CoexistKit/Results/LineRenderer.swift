/// sqlite's `.mode line`: one `name = value` per line with names right-aligned, records separated by
/// a blank line. Names are always shown (a value alone would be meaningless), so `headers` is ignored.
enum LineRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        var records: [String] = []
        if let title = rs.title { records.append(ValueFormatter.escapingControls(title) + "\n") }
        guard !rs.columns.isEmpty else { return (records + ["(no columns)\n"]).joined(separator: "\n") }

        let names = rs.columns.map { ValueFormatter.escapingControls($0.name) }
        let nameWidths = names.map(DisplayWidth.of)
        let labelWidth = nameWidths.max() ?? 0
        let labels = names.indices.map { index in
            var label = ""
            CellAlignment.right.append(names[index], textWidth: nameWidths[index], width: labelWidth, to: &label)
            return label + " = "
        }

        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        for (position, rowIndex) in window.indices.enumerated() {
            if window.isElided && position == window.head.count { records.append(elision(window)) }
            let values = rs.rows[rowIndex]
            var record = ""
            for (index, column) in rs.columns.enumerated() {
                let value = index < values.count ? values[index] : .null
                // Newlines and tabs stay as they are (sqlite prints them raw); other controls are escaped.
                record += labels[index]
                record += ValueFormatter.escapingControls(ValueFormatter.human(value, column: column, nullValue: options.nullValue, decimals: options.numbers), keepLayout: true)
                record += "\n"
            }
            records.append(record)
        }
        if window.isElided && window.tail.isEmpty { records.append(elision(window)) }
        return records.joined(separator: "\n")
    }

    private static func elision(_ window: RowWindow) -> String {
        "… \(window.hidden) more \(window.hidden == 1 ? "row" : "rows") …\n"
    }
}
