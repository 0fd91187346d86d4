import CoexistKit

/// The verbs that make a result set a table you work with: sort, where, head, select, add, pivot, join and
/// format, each returning a new result set so they chain (`rs:where{site="Oslo"}:sort("calls", "desc"):head(5)`).
/// The work is done by `ResultSet`'s operations in CoexistKit; these only read Lua arguments.
enum ResultSetVerbs {
    static func install(_ t: LuaObjectType<ResultSetBox>) {
        t.method("sort", "rs:sort(col [, \"asc\"|\"desc\"], col2 [, dir2], ...): the rows ordered by the columns in turn; NULL last") { box, call in
            try push(box.resultSet.sorted(by: try sortKeys(call, box.resultSet)), call)
        }
        t.method("where", "rs:where(fn) keeps the rows for which fn(row) is true; rs:where{col=value, col2={v1, v2}} keeps rows whose cells equal the value (or any listed)") { box, call in
            let rs = box.resultSet
            if call.isFunction(1) {
                return try push(try rs.filtered { row in
                    try call.checkInterrupt()
                    let kept = try call.call(1, nargs: 1) { call.push(ResultSetBinding.record(rs, row)) }
                    return kept != .nil && kept != .boolean(false)
                }, call)
            }
            guard call.isTable(1) else {
                throw LuaError("where: give a function of the row or a table of {column=value}, got \(call.typeName(1))")
            }
            let table = try call.table(1)
            if let extra = table.array.first { throw LuaError("where: conditions are named ({site=\"Oslo\"}), got a positional \(extra.typeName)") }
            var conditions: [(column: String, anyOf: [ResultValue])] = []
            for (key, value) in table.fields {
                guard let name = key.stringValue else { throw LuaError("where: column names are strings, got \(key.typeName)") }
                let values = value.tableValue.map { $0.array } ?? [value]
                conditions.append((name, values.map(ResultSetBuilder.resultValue)))
            }
            return try push(try rs.filtered(equal: conditions.sorted { $0.column < $1.column }), call)
        }
        t.method("head", "rs:head(n): the first n rows (default 10)") { box, call in
            let n = try call.optInteger(1) ?? 10
            return try push(try box.resultSet.head(Int(clamping: n)), call)
        }
        t.method("select", "rs:select(col, ...) or rs:select{col, ...}: only those columns, in that order") { box, call in
            let names: [String]
            if call.isTable(1) {
                names = try call.table(1).array.map { v in
                    guard let s = v.stringValue else { throw LuaError("select: column names are strings, got \(v.typeName)") }
                    return s
                }
            } else {
                names = try (1...max(call.count, 1)).map { try call.string($0) }
            }
            return try push(try box.resultSet.selecting(names), call)
        }
        t.method("add", "rs:add(name, fn): a new column whose value in each row is fn(row)") { box, call in
            let rs = box.resultSet
            let name = try call.string(1)
            guard call.isFunction(2) else { throw LuaError("add: argument #2 must be a function of the row, got \(call.typeName(2))") }
            if rs.columnIndex(name) != nil { throw LuaError(ResultSetError.duplicateColumn(operation: "add", name: name).description) }
            var values: [ResultValue] = []
            values.reserveCapacity(rs.count)
            for row in rs.rows.indices {
                try call.checkInterrupt()
                let v = try call.call(2, nargs: 1) { call.push(ResultSetBinding.record(rs, row)) }
                if case .table = v { throw LuaError("add: fn returned a table for row \(row + 1); a cell holds a number, string, boolean or date") }
                values.append(ResultSetBuilder.resultValue(v))
            }
            let column = Column(name, ResultSetBuilder.inferType(values))
            return try push(try rs.adding(column, values: values), call)
        }
        t.method("pivot", "rs:pivot{rows=col or {cols}, cols=col, value=col, agg=\"sum\"|\"mean\"|\"min\"|\"max\"|\"count\"|\"first\"}: one row per rows= value, one column per cols= value") { box, call in
            let opts = try OptionTable(try call.table(1), ["rows": OptionType.parse("string|table")!, "cols": .string, "value": .string, "agg": .string], what: "pivot")
            let rows: [String]
            switch opts["rows"] {
            case .string(let s): rows = [s]
            case .table(let t): rows = t.array.compactMap(\.stringValue)
            case .nil: throw LuaError("pivot: rows= is required (the column, or columns, that name each row)")
            case let v: throw LuaError("pivot: option 'rows' must be a column name or a list of them, got \(v.typeName)")
            }
            guard let cols = try opts.string("cols") else { throw LuaError("pivot: cols= is required (the column whose values become columns)") }
            guard let value = try opts.string("value") else { throw LuaError("pivot: value= is required (the column that fills the cells)") }
            var aggregate = PivotAggregate.sum
            if let name = try opts.string("agg") {
                guard let a = PivotAggregate(rawValue: name) else {
                    let names = PivotAggregate.allCases.map(\.rawValue)
                    throw LuaError("pivot: agg is one of \(names.joined(separator: ", ")), got '\(name)'" + didYouMean(name, names))
                }
                aggregate = a
            }
            return try push(try box.resultSet.pivot(rows: rows, cols: cols, value: value, aggregate: aggregate), call)
        }
        t.method("join", "rs:join(other, key or {keys} [, {how=\"inner\"|\"left\"}]): rows of rs beside the rows of other with the same key") { box, call in
            let other = try call.object(1, ResultSetBinding.type).resultSet
            let keys: [String]
            if call.isTable(2) { keys = try call.table(2).array.compactMap(\.stringValue) } else { keys = [try call.string(2)] }
            let opts = try OptionTable(try call.optTable(3), ["how": .string], what: "join")
            var kind = JoinKind.inner
            if let how = try opts.string("how") {
                guard let k = JoinKind(rawValue: how) else {
                    let names = JoinKind.allCases.map(\.rawValue)
                    throw LuaError("join: how is \"inner\" or \"left\", got '\(how)'" + didYouMean(how, names))
                }
                kind = k
            }
            return try push(try box.resultSet.joined(other, on: keys, kind: kind), call)
        }
        t.method("format", "rs:format{col=decimals, ...}: fixed decimal places for those number columns (false: back to .numbers)") { box, call in
            let table = try call.table(1)
            if let extra = table.array.first { throw LuaError("format: give {column=decimals}, got a positional \(extra.typeName)") }
            var decimals: [(column: String, places: Int?)] = []
            for (key, value) in table.fields {
                guard let name = key.stringValue else { throw LuaError("format: column names are strings, got \(key.typeName)") }
                switch value {
                case .boolean(false): decimals.append((name, nil))
                default:
                    guard let n = value.integerValue else {
                        throw LuaError("format: decimals for '\(name)' must be a whole number (or false), got \(value.typeName)")
                    }
                    decimals.append((name, Int(clamping: n)))
                }
            }
            return try push(try box.resultSet.formatted(decimals: decimals.sorted { $0.column < $1.column }), call)
        }
    }

    private static func push(_ rs: @autoclosure () throws -> ResultSet, _ call: LuaCall) throws -> Int32 {
        let result: ResultSet
        do { result = try rs() } catch let e as ResultSetError { throw LuaError(e.description) }
        ResultSetBinding.push(result, call.L)
        return 1
    }

    static let directions = ["asc", "desc"]

    /// `"calls", "desc", "site"`: a column, then optionally its direction, then the next column.
    static func sortKeys(_ call: LuaCall, _ rs: ResultSet) throws -> [SortKey] {
        guard call.count > 0 else { throw LuaError("sort: name at least one column, e.g. rs:sort(\"calls\", \"desc\")") }
        var keys: [SortKey] = []
        for i in 1...call.count {
            let word = try call.string(i)
            if rs.columnIndex(word) != nil {
                keys.append(SortKey(word))
            } else if !keys.isEmpty, let d = directions.firstIndex(of: word.lowercased()), i > 1,
                      rs.columnIndex(try call.string(i - 1)) != nil {
                keys[keys.count - 1].descending = d == 1
            } else {
                let names = rs.columns.map(\.name)
                // "desc" first: a misspelt direction is far more often a descending one ("dsc") than not.
                let near = EditDistance.nearest(to: word, in: names + directions.reversed())
                if keys.isEmpty || names.contains(near ?? "") || near == nil {
                    throw LuaError(ResultSetError.unknownColumn(operation: "sort", name: word, suggestion: near).description)
                }
                throw LuaError("sort: direction must be \"asc\" or \"desc\", got '\(word)' (did you mean '\(near!)'?)")
            }
        }
        return keys
    }
}
