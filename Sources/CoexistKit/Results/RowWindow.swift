/// Which rows a human mode shows: all of them, or DuckDB-style the first ceil(max/2) and the last
/// floor(max/2) with the middle elided, so both ends of a sorted result stay visible.
struct RowWindow {
    let total: Int
    let head: Range<Int>
    let tail: Range<Int>

    init(rowCount: Int, maxRows: Int) {
        total = rowCount
        if maxRows <= 0 || rowCount <= maxRows {
            head = 0..<rowCount
            tail = rowCount..<rowCount
        } else {
            head = 0..<(maxRows + 1) / 2
            tail = (rowCount - maxRows / 2)..<rowCount
        }
    }

    var isElided: Bool { head.count + tail.count < total }
    var shown: Int { head.count + tail.count }
    var hidden: Int { total - shown }
    var indices: [Int] { Array(head) + Array(tail) }

    /// "3 rows", "1 row", or "1000 rows (40 shown)".
    var summary: String {
        let count = total == 1 ? "1 row" : "\(total) rows"
        return isElided ? "\(count) (\(shown) shown)" : count
    }
}
