/// A fixed set of rows of one store, computed once: what a Lua predicate kept, say. As a query
/// condition (`CallQuery.filter(rows:)`) it is a bitmap a scan tests with one load and a shift, so a
/// query holding one still runs on every core and takes the top-N fast path, which a Swift closure
/// (called row by row on one thread) cannot.
///
/// Rows are positions in the store the selection was made on. Appends keep positions, so rows added
/// after the selection was made are simply not in it; a store with fewer rows than the selection was
/// made for is another store, and a query on it is refused.
public struct RowSelection: Sendable, Equatable {
    /// One bit per row, row i at bit i % 64 of word i / 64; a column so the scans get a stable pointer.
    let words: PackedColumn<UInt64>
    /// Rows of the store the selection was made on.
    public let rowCount: Int
    /// Rows selected.
    public let count: Int

    /// `rows` in any order (repeats count once), each below `rowCount`; a row beyond is refused.
    public init(rows: [UInt32], rowCount: Int) throws {
        guard rowCount >= 0 else { throw CallQueryError.badSelection("a store of \(rowCount) rows") }
        var w = PackedColumn<UInt64>(repeating: 0, count: (rowCount + 63) / 64)
        var n = 0
        let base = w.mutableBase(reserving: w.count)
        for r in rows {
            let i = Int(r)
            guard i < rowCount else {
                throw CallQueryError.badSelection("row \(i + 1) is beyond the \(rowCount) rows of the store")
            }
            let bit = UInt64(1) << UInt64(i & 63)
            if base[i >> 6] & bit == 0 { n += 1 }
            base[i >> 6] |= bit
        }
        words = w
        self.rowCount = rowCount
        count = n
    }

    /// The selected rows, ascending.
    public var rows: [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(count)
        let p = words.pointer
        for k in 0..<words.count {
            var x = p[k]
            while x != 0 {
                out.append(UInt32(k * 64 + x.trailingZeroBitCount))
                x &= x &- 1
            }
        }
        return out
    }

    public func contains(_ row: Int) -> Bool {
        row >= 0 && row < rowCount && words[row >> 6] & (UInt64(1) << UInt64(row & 63)) != 0
    }
}
