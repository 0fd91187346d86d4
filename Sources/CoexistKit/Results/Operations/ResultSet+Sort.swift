/// One key of a sort: a column and its direction.
public struct SortKey: Sendable, Equatable {
    public var column: String
    public var descending: Bool
    public init(_ column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

extension ResultSet {
    /// Rows ordered by the keys in turn (the second breaks ties of the first). The sort is stable, so equal
    /// rows keep their order, and NULL sorts last in either direction, as SQL's NULLS LAST: missing data is
    /// never mistaken for the smallest or largest figure.
    public func sorted(by keys: [SortKey]) throws(ResultSetError) -> ResultSet {
        guard !keys.isEmpty else { throw .invalid(operation: "sort", reason: "name at least one column to sort by") }
        var indexed: [(Int, Bool)] = []
        for key in keys { indexed.append((try requireColumn(key.column, for: "sort"), key.descending)) }
        let order = rows.indices.sorted { a, b in
            for (c, descending) in indexed {
                switch Self.compare(rows[a][c], rows[b][c]) {
                case .same: continue
                case .nullFirst: return false
                case .nullSecond: return true
                case .less: return !descending
                case .greater: return descending
                }
            }
            return a < b
        }
        return withRows(order.map { rows[$0] })
    }

    enum Ordering { case less, same, greater, nullFirst, nullSecond }

    /// Numbers compare by value whether stored as int or double; mixed kinds compare by kind so the order
    /// is total and a column of mixed values still sorts the same way every time.
    static func compare(_ a: ResultValue, _ b: ResultValue) -> Ordering {
        switch (a, b) {
        case (.null, .null): return .same
        case (.null, _): return .nullFirst
        case (_, .null): return .nullSecond
        default: break
        }
        func order<T: Comparable>(_ x: T, _ y: T) -> Ordering { x < y ? .less : x > y ? .greater : .same }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return order(x ? 1 : 0, y ? 1 : 0)
        case (.string(let x), .string(let y)): return order(x, y)
        case (.date(let x), .date(let y)): return order(x, y)
        default:
            if let x = a.number, let y = b.number { return order(x, y) }
            return order(a.kindRank, b.kindRank)
        }
    }
}

extension ResultValue {
    /// The value as a double when it is a number.
    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    var kindRank: Int {
        switch self {
        case .null: return 0
        case .bool: return 1
        case .int, .double: return 2
        case .date: return 3
        case .string: return 4
        }
    }
}
