import CoexistKit

/// `where{field=value, field={">", x}, field={"in", {...}}, field={a, b}}` turned into core filters.
/// Several keys are ANDed; they are applied in name order so the query's description is stable.
enum WhereArguments {
    static func apply(_ table: LuaTable, to query: CallQuery) throws -> (CallQuery, [String]) {
        guard table.array.isEmpty else {
            throw LuaError("where{...} takes field = value pairs (where{modality=\"audio\"}); "
                + "for a test of your own pass a function: where(function(row) return row.jitter_ms > 20 end)")
        }
        var q = query
        var steps: [String] = []
        let pairs = try table.fields.map { key, value -> (String, LuaValue) in
            guard case .string(let k) = key else { throw LuaError("where{...}: field names are strings, not \(key.typeName)") }
            return (k, value)
        }.sorted { $0.0 < $1.0 }
        for (field, value) in pairs {
            let (op, operands) = try condition(field, value)
            if op == .in || op == .notIn {
                q = try q.filter(field, in: operands, negated: op == .notIn)
                steps.append("\(field) \(op.rawValue) (\(operands.map(describe).joined(separator: ", ")))")
            } else {
                q = try q.filter(field, op, operands[0])
                steps.append("\(field) \(op == .eq ? "=" : op.rawValue) \(describe(operands[0]))")
            }
        }
        return (q, steps)
    }

    /// `where("jitter_ms", ">", 30)` and `where("modality", "audio")`.
    static func apply(field: String, op: String?, value: LuaValue, to query: CallQuery) throws -> (CallQuery, [String]) {
        var t = LuaTable()
        t.fields = [(.string(field), op.map { .table(LuaTable(array: [.string($0), value])) } ?? value)]
        return try apply(t, to: query)
    }

    private static func condition(_ field: String, _ value: LuaValue) throws -> (FilterOp, [ResultValue]) {
        let isStart = (try? CallField.named(field)) == .start
        guard case .table(let t) = value else { return (.eq, [try operand(field, value, date: isStart)]) }
        if case .string(let word)? = t.array.first, let op = FilterOp.parse(word), t.array.count >= 2 {
            if op == .in || op == .notIn {
                let list = t.array.count == 2 ? (t.array[1].tableValue?.array ?? [t.array[1]]) : Array(t.array.dropFirst())
                return (op, try list.map { try operand(field, $0, date: isStart) })
            }
            guard t.array.count == 2 else {
                throw LuaError("where{\(field)={\"\(word)\", value}}: one value after '\(word)', got \(t.array.count - 1)")
            }
            return (op, [try operand(field, t.array[1], date: isStart)])
        }
        guard !t.array.isEmpty, t.fields.isEmpty else {
            throw LuaError("where{\(field)=...}: give a value, {op, value} such as {\">\", 30}, or a list of values")
        }
        return (.in, try t.array.map { try operand(field, $0, date: isStart) })
    }

    private static func operand(_ field: String, _ v: LuaValue, date: Bool) throws -> ResultValue {
        if date, case .string = v {
            do { return .date(try LuaDateType.coerce(v).epochSeconds) } catch { throw LuaError("where{\(field)=...}: \(error)") }
        }
        switch v {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(Int(i))
        case .number(let d):
            // NaN compares false with everything, so no filter could mean what the script wrote; and an
            // infinity or NaN converted to a column's integer type traps.
            guard d.isFinite else { throw LuaError("where{\(field)=...}: \(d) is not a number to compare with") }
            return .double(d)
        case .boolean(let b): return .bool(b)
        case .date(let d): return .date(d.epochSeconds)
        default: throw LuaError("where{\(field)=...}: a \(v.typeName) is not a value to compare with")
        }
    }

    static func describe(_ v: ResultValue) -> String {
        switch v {
        case .null: return "nil"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): return s
        case .date(let d): return LuaDate(epochSeconds: d).iso
        }
    }
}
