/// How `pivot` combines the values that fall into one cell.
public enum PivotAggregate: String, CaseIterable, Sendable {
    case sum, mean, min, max, count, first
}

extension ResultSet {
    /// A wide table: one row per distinct combination of the `rows` columns, one column per distinct value
    /// of `cols` (in the order they first appear, so a result sorted by week pivots into weeks in order),
    /// each cell the `aggregate` of the `value` cells that fall in it, NULL where none do.
    public func pivot(rows rowNames: [String], cols colName: String, value valueName: String,
                      aggregate: PivotAggregate = .sum) throws(ResultSetError) -> ResultSet {
        guard !rowNames.isEmpty else { throw .invalid(operation: "pivot", reason: "rows= names no column") }
        var keyIndices: [Int] = []
        for name in rowNames { keyIndices.append(try requireColumn(name, for: "pivot")) }
        let colIndex = try requireColumn(colName, for: "pivot")
        let valueIndex = try requireColumn(valueName, for: "pivot")
        if keyIndices.contains(colIndex) {
            throw .invalid(operation: "pivot", reason: "column '\(colName)' cannot be both in rows= and cols=")
        }
        let valueType = columns[valueIndex].type
        let numeric = valueType == .int || valueType == .double
        if !numeric && aggregate != .count && aggregate != .first && aggregate != .min && aggregate != .max {
            throw .invalid(operation: "pivot", reason: "cannot \(aggregate.rawValue) column '\(valueName)' of \(valueType.rawValue); use agg=\"first\" or \"count\"")
        }

        var rowKeys: [[ResultValue]] = []
        var rowSlot: [PivotKey: Int] = [:]
        var colValues: [ResultValue] = []
        var colSlot: [PivotKey: Int] = [:]
        var cells: [[[ResultValue]]] = []
        for row in rows {
            let rowKey = keyIndices.map { row[$0] }
            let r: Int
            if let found = rowSlot[PivotKey(rowKey)] { r = found } else {
                r = rowKeys.count
                rowSlot[PivotKey(rowKey)] = r
                rowKeys.append(rowKey)
                cells.append(Array(repeating: [], count: colValues.count))
            }
            let c: Int
            if let found = colSlot[PivotKey([row[colIndex]])] { c = found } else {
                c = colValues.count
                colSlot[PivotKey([row[colIndex]])] = c
                colValues.append(row[colIndex])
                for i in cells.indices { cells[i].append([]) }
            }
            if row[valueIndex] != .null { cells[r][c].append(row[valueIndex]) }
        }

        var names = rowNames
        var newColumns = keyIndices.map { columns[$0] }
        var cellColumn = columns[valueIndex]
        switch aggregate {
        case .count: cellColumn = Column("", .int)
        case .mean: cellColumn.type = .double
        default: break
        }
        for value in colValues {
            var name = value == .null ? "NULL" : ValueFormatter.machine(value) ?? "NULL"
            if names.contains(name) { name += "_\(valueName)" }
            names.append(name)
            var column = cellColumn
            column.name = name
            newColumns.append(column)
        }
        let outRows = rowKeys.indices.map { r in rowKeys[r] + cells[r].map { Self.combine($0, aggregate) } }
        return ResultSet(columns: newColumns, rows: outRows, title: title)
    }

    static func combine(_ values: [ResultValue], _ aggregate: PivotAggregate) -> ResultValue {
        if aggregate == .count { return .int(values.count) }
        guard let first = values.first else { return .null }
        switch aggregate {
        case .first: return first
        case .min: return values.dropFirst().reduce(first) { compare($1, $0) == .less ? $1 : $0 }
        case .max: return values.dropFirst().reduce(first) { compare($1, $0) == .greater ? $1 : $0 }
        case .mean: return .double(values.reduce(0) { $0 + ($1.number ?? 0) } / Double(values.count))
        case .sum:
            if values.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
                return .int(values.reduce(0) { total, v in if case .int(let i) = v { return total &+ i } else { return total } })
            }
            return .double(values.reduce(0) { $0 + ($1.number ?? 0) })
        case .count: return .int(values.count)
        }
    }
}

/// A tuple of cells as a dictionary key; numbers hash by value so an int 3 and a double 3.0 meet.
struct PivotKey: Hashable {
    let parts: [ResultValue]
    init(_ parts: [ResultValue]) { self.parts = parts }

    static func == (a: PivotKey, b: PivotKey) -> Bool {
        a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { ResultSet.compare($0, $1) == .same }
    }

    func hash(into hasher: inout Hasher) {
        for part in parts {
            switch part {
            case .null: hasher.combine(0)
            case .bool(let b): hasher.combine(b)
            case .int(let i): hasher.combine(Double(i))
            case .double(let d): hasher.combine(d)
            case .string(let s): hasher.combine(s)
            case .date(let d): hasher.combine(d)
            }
        }
    }
}
