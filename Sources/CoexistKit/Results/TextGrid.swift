/// The visible rows of a result already turned into display text, with each cell's display width
/// measured once; the boxed and markdown tables both lay out from it. Cells are stored flat, row
/// after row, because one array per row is measurable allocation at ten thousand rows.
struct TextGrid {
    let header: [String]
    let headerWidths: [Int]
    let rowCount: Int
    private let cells: [String]
    private let cellWidths: [Int]

    /// `escape` makes text safe for the target (control characters, markdown pipes). A row shorter
    /// than the column list is padded with NULLs rather than trusted to be well formed.
    init(_ rs: ResultSet, rowIndices: [Int], nullValue: String, decimals: Int? = nil, escape: (String) -> String) {
        header = rs.columns.map { escape($0.name) }
        headerWidths = header.map(DisplayWidth.of)
        rowCount = rowIndices.count
        var cells: [String] = []
        var cellWidths: [Int] = []
        cells.reserveCapacity(rowIndices.count * rs.columns.count)
        cellWidths.reserveCapacity(rowIndices.count * rs.columns.count)
        for rowIndex in rowIndices {
            let values = rs.rows[rowIndex]
            for (columnIndex, column) in rs.columns.enumerated() {
                let value = columnIndex < values.count ? values[columnIndex] : .null
                let text = escape(ValueFormatter.human(value, column: column, nullValue: nullValue, decimals: decimals))
                cells.append(text)
                cellWidths.append(DisplayWidth.of(text))
            }
        }
        self.cells = cells
        self.cellWidths = cellWidths
    }

    func row(_ index: Int) -> (cells: ArraySlice<String>, widths: ArraySlice<Int>) {
        let range = (index * header.count)..<((index + 1) * header.count)
        return (cells[range], cellWidths[range])
    }

    func widths(includingHeaders: Bool, minimum: Int) -> [Int] {
        var widths = includingHeaders ? headerWidths.map { max($0, minimum) } : Array(repeating: minimum, count: header.count)
        guard !widths.isEmpty else { return widths }
        for (offset, width) in cellWidths.enumerated() where width > widths[offset % widths.count] {
            widths[offset % widths.count] = width
        }
        return widths
    }
}
