import CoexistKit

/// `where{field=value, field={op, x}, field={"in", {...}}, field={a, b}}` turned into core filters.
/// Several keys are ANDed; they are applied in name order so the query's description is stable.
///
/// A table is `{op, value}` when its first item is an operator (`FilterOp.spellings`), and a list of
/// values otherwise. A first item that can only be an operator (symbols such as "=>", a word followed
/// by a list, a word one letter from an operator, or a word where the field takes no text) is refused
/// with the closest operator: read as a value it would select the very streams the user meant to drop.
enum WhereArguments {
    static let operatorHelp = "operators: = ~= < <= > >= in, not in, like, not like (% and _), prefix, is null, not null"

    /// `now` is what relative dates on `start` ("-7d") count from: the workspace's clock.
    static func apply(_ table: LuaTable, to query: CallQuery, now: Instant) throws -> (CallQuery, [String]) {
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
            let (op, operands) = try condition(field, value, now: now)
            q = try q.filter(field, op, values: operands)
            switch op {
            case .isNull, .notNull: steps.append("\(field) \(op.rawValue)")
            case .in, .notIn: steps.append("\(field) \(op.rawValue) (\(operands.map(describe).joined(separator: ", ")))")
            default: steps.append("\(field) \(op.word) \(operands.map(describe).joined(separator: " or "))")
            }
        }
        return (q, steps)
    }

    /// `where("jitter_ms", ">", 30)`, `where("modality", "audio")` and `where("building", "is null")`.
    static func apply(field: String, op: String?, value: LuaValue, to query: CallQuery, now: Instant) throws -> (CallQuery, [String]) {
        var t = LuaTable()
        if op == nil, case .string(let word) = value, let bare = FilterOp.parse(word), !bare.takesValue {
            t.fields = [(.string(field), .table(LuaTable(array: [.string(word)])))]
        } else {
            t.fields = [(.string(field), op.map { .table(LuaTable(array: [.string($0), value])) } ?? value)]
        }
        return try apply(t, to: query, now: now)
    }

    private static func condition(_ field: String, _ value: LuaValue, now: Instant) throws -> (FilterOp, [ResultValue]) {
        let f = try? CallField.named(field)
        let isStart: Instant? = f == .start ? now : nil
        guard case .table(let t) = value else { return (.eq, [try operand(field, value, date: isStart)]) }
        guard !t.array.isEmpty, t.fields.isEmpty else {
            throw LuaError("where{\(field)=...}: give a value, {op, value} such as {\">\", 30}, or a list of values; " + operatorHelp)
        }
        if case .string(let word)? = t.array.first {
            if let op = FilterOp.parse(word) { return try operatorForm(field, op, word, Array(t.array.dropFirst()), date: isStart) }
            if looksLikeOperator(word, t.array, f) { throw CallQueryError.unknownOperator(field, word) }
        }
        return (.in, try t.array.map { try operand(field, $0, date: isStart) })
    }

    /// `{op}`, `{op, value}`, `{op, {values}}` or `{op, a, b, ...}`.
    private static func operatorForm(_ field: String, _ op: FilterOp, _ word: String, _ rest: [LuaValue],
                                     date: Instant?) throws -> (FilterOp, [ResultValue]) {
        if !op.takesValue {
            guard rest.isEmpty else { throw LuaError("where{\(field)={\"\(word)\"}}: '\(word)' takes no value") }
            return (op, [])
        }
        guard !rest.isEmpty else { throw LuaError("where{\(field)={\"\(word)\", value}}: a value after '\(word)'") }
        let isList = rest.count > 1 || rest[0].tableValue != nil
        let items = rest.count == 1 ? (rest[0].tableValue?.array ?? [rest[0]]) : rest
        var op = op
        if isList {
            switch op {
            case .eq: op = .in
            case .ne: op = .notIn
            case .lt, .le, .gt, .ge:
                throw LuaError("where{\(field)={\"\(word)\", value}}: one value after '\(word)', got \(items.count)")
            default: break
            }
        }
        return (op, try items.map { try operand(field, $0, date: date) })
    }

    /// Whether `word`, first in a table that is not an operator form, is a mistyped operator rather than
    /// the first of a list of values.
    static func looksLikeOperator(_ word: String, _ items: [LuaValue], _ field: CallField?) -> Bool {
        let letters = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == " " || $0 == "_" }
        if !word.isEmpty && word.unicodeScalars.allSatisfy({ "<>=!~".unicodeScalars.contains($0) }) { return true }
        if items.count == 2, items[1].tableValue != nil { return true }
        guard letters else { return false }
        let lower = word.lowercased()
        // A word where the field takes no text: numbers, dates and Booleans.
        if let f = field, f.type != .string { return !(f.type == .bool && ["true", "false", "yes", "no"].contains(lower)) }
        if let values = field?.values, values.contains(where: { $0.lowercased() == lower }) { return false }
        // One letter off ("lik", "prefx") or two swapped ("nto").
        return lower.count >= 3 && FilterOp.spellings.contains { op in
            op.first!.isLetter && (EditDistance.distance(lower, op) <= 1 || (op.count == lower.count && op.sorted() == lower.sorted()))
        }
    }

    /// `date` is the now relative dates count from when the field holds dates, nil for other fields.
    private static func operand(_ field: String, _ v: LuaValue, date now: Instant?) throws -> ResultValue {
        if let now, case .string = v {
            do { return .date(try LuaDateType.coerce(v, now: now).epochSeconds) } catch { throw LuaError("where{\(field)=...}: \(error)") }
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
