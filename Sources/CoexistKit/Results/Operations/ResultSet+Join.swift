/// Which rows a join keeps.
public enum JoinKind: String, CaseIterable, Sendable {
    /// Only rows whose key is in both sets.
    case inner
    /// Every row of the left set; the right set's columns are NULL where its key is missing.
    case left
}

extension ResultSet {
    /// The rows of this set beside the rows of `other` with equal key cells (numbers match by value), this
    /// set's order kept; a key found several times on the right gives one row per match, as SQL joins do.
    /// Key columns appear once; another column of `other` whose name is taken here gets the suffix "_2".
    public func joined(_ other: ResultSet, on keys: [String], kind: JoinKind = .inner) throws(ResultSetError) -> ResultSet {
        guard !keys.isEmpty else { throw .invalid(operation: "join", reason: "name the key column(s) to join on") }
        var left: [Int] = []
        var right: [Int] = []
        for key in keys {
            left.append(try requireColumn(key, for: "join"))
            do { right.append(try other.requireColumn(key, for: "join")) } catch {
                throw .unknownColumn(operation: "join (other result set)", name: key,
                                     suggestion: EditDistance.nearest(to: key, in: other.columns.map(\.name)))
            }
        }
        var matches: [PivotKey: [Int]] = [:]
        for (i, row) in other.rows.enumerated() {
            let key = right.map { row[$0] }
            // SQL never matches NULL keys: a row with no building does not join every other row with none.
            if key.contains(.null) { continue }
            matches[PivotKey(key), default: []].append(i)
        }
        let carried = other.columns.indices.filter { !right.contains($0) }
        var names = Set(columns.map(\.name))
        var newColumns = columns
        for c in carried {
            var column = other.columns[c]
            while names.contains(column.name) { column.name += "_2" }
            names.insert(column.name)
            newColumns.append(column)
        }
        var out: [[ResultValue]] = []
        let missing = Array(repeating: ResultValue.null, count: carried.count)
        for row in rows {
            let key = left.map { row[$0] }
            let found = key.contains(.null) ? nil : matches[PivotKey(key)]
            if let found {
                for r in found { out.append(row + carried.map { other.rows[r][$0] }) }
            } else if kind == .left {
                out.append(row + missing)
            }
        }
        return ResultSet(columns: newColumns, rows: out, title: title)
    }
}
