extension ResultSet {
    /// The rows for which `keep` is true, in order.
    public func filtered(_ keep: (_ row: Int) throws -> Bool) rethrows -> ResultSet {
        var kept: [[ResultValue]] = []
        for row in rows.indices where try keep(row) { kept.append(rows[row]) }
        return withRows(kept)
    }

    /// The rows whose cells equal the given values (a cell matches a list when it equals any of its values),
    /// as `rs:where{building="Oslo"}`. Numbers match by value, so 3 matches 3.0.
    public func filtered(equal conditions: [(column: String, anyOf: [ResultValue])]) throws(ResultSetError) -> ResultSet {
        var tests: [(Int, [ResultValue])] = []
        for condition in conditions { tests.append((try requireColumn(condition.column, for: "where"), condition.anyOf)) }
        return filtered { row in
            tests.allSatisfy { c, values in values.contains { Self.compare(rows[row][c], $0) == .same } }
        }
    }

    /// The first `n` rows (all of them when there are fewer). A negative count is refused, not read as zero.
    public func head(_ n: Int) throws(ResultSetError) -> ResultSet {
        guard n >= 0 else { throw .invalid(operation: "head", reason: "the row count must be 0 or more, got \(n)") }
        return withRows(Array(rows.prefix(n)))
    }

    /// Only the named columns, in the order named (a column may not be named twice).
    public func selecting(_ names: [String]) throws(ResultSetError) -> ResultSet {
        guard !names.isEmpty else { throw .invalid(operation: "select", reason: "name at least one column") }
        var indices: [Int] = []
        for name in names {
            let index = try requireColumn(name, for: "select")
            if indices.contains(index) { throw .duplicateColumn(operation: "select", name: name) }
            indices.append(index)
        }
        return ResultSet(columns: indices.map { columns[$0] }, rows: rows.map { row in indices.map { row[$0] } }, title: title)
    }

    /// A new last column holding one value per row; its type is inferred from the values as `result{...}` does.
    public func adding(_ column: Column, values: [ResultValue]) throws(ResultSetError) -> ResultSet {
        guard columnIndex(column.name) == nil else { throw .duplicateColumn(operation: "add", name: column.name) }
        guard !column.name.isEmpty else { throw .invalid(operation: "add", reason: "the new column needs a name") }
        guard values.count == rows.count else {
            throw .invalid(operation: "add", reason: "\(values.count) values for \(rows.count) rows")
        }
        var out = self
        out.columns.append(column)
        for i in out.rows.indices { out.rows[i].append(values[i]) }
        return out
    }

    /// The same rows with fixed decimal places for the named double columns (nil returns a column to the
    /// shell's `.numbers` setting).
    public func formatted(decimals: [(column: String, places: Int?)]) throws(ResultSetError) -> ResultSet {
        var out = self
        for (name, places) in decimals {
            let index = try requireColumn(name, for: "format")
            if let places, !(0...12).contains(places) {
                throw .invalid(operation: "format", reason: "decimals for '\(name)' must be between 0 and 12, got \(places)")
            }
            guard columns[index].type == .double || columns[index].type == .int else {
                throw .invalid(operation: "format", reason: "column '\(name)' is \(columns[index].type.rawValue), not a number")
            }
            out.columns[index].decimals = places
            // Decimals on an int column only show when its values are printed as doubles.
            if places != nil && places! > 0 && columns[index].type == .int { out.columns[index].type = .double }
        }
        return out
    }
}
