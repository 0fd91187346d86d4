/// Why a result-set operation refused its arguments. Each names what was asked and, for a misspelled column,
/// the closest column there is, so `rs:sort("bulding")` says "did you mean 'building'?".
public enum ResultSetError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownColumn(operation: String, name: String, suggestion: String?)
    case duplicateColumn(operation: String, name: String)
    case invalid(operation: String, reason: String)

    public var description: String {
        switch self {
        case .unknownColumn(let op, let name, let suggestion):
            return "\(op): no column '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .duplicateColumn(let op, let name):
            return "\(op): there is already a column '\(name)'"
        case .invalid(let op, let reason):
            return "\(op): \(reason)"
        }
    }
}

extension ResultSet {
    /// The index of a column the operation needs, or an error naming the nearest column.
    public func requireColumn(_ name: String, for operation: String) throws(ResultSetError) -> Int {
        if let index = columnIndex(name) { return index }
        throw .unknownColumn(operation: operation, name: name,
                             suggestion: EditDistance.nearest(to: name, in: columns.map(\.name)))
    }

    /// The same columns and title with other rows: every verb that keeps the shape goes through here.
    func withRows(_ rows: [[ResultValue]]) -> ResultSet {
        ResultSet(columns: columns, rows: rows, title: title)
    }
}
