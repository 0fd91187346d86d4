/// Turning filter operands into each field's canonical form, and comparing stored values with them.
enum FieldValues {
    static func isOrdered(_ f: CallField) -> Bool {
        f.metric != nil || f == .start || f == .duration || f == .rating
    }

    /// Checks an operand against the field's type and returns its canonical form: enum names in our
    /// spelling, numbers as `.double`, dates as `.date`, Booleans as `.bool`.
    static func normalize(_ v: ResultValue, for f: CallField) throws -> ResultValue {
        func bad(_ expected: String) -> CallQueryError {
            .badValue(field: f.rawValue, value: describe(v), expected: expected)
        }
        if let values = f.values {
            guard case .string(let s) = v else { throw bad("one of " + values.joined(separator: ", ")) }
            let key = enumKey(s)
            let canonical: String?
            switch f {
            case .modality: canonical = Modality.parse(key)?.name
            case .callType: canonical = CallType.parse(key)?.name
            case .product: canonical = Product.parse(key)?.name
            case .direction: canonical = StreamDirection.parse(key)?.name
            case .connection: canonical = NetworkConnection.parse(key)?.name
            case .wifiBand: canonical = WifiBand.parse(key)?.name
            case .transport: canonical = Transport.parse(key)?.name
            case .ice: canonical = IceConnectivity.parse(key)?.name
            case .quality: canonical = QualityClass.parse(key)?.name
            default: canonical = values.first { enumKey($0) == key }
            }
            guard let c = canonical, !key.isEmpty else {
                let hint = closest(to: s, in: values).map { " (did you mean '\($0)'?)" } ?? ""
                throw bad("one of " + values.joined(separator: ", ") + hint)
            }
            return .string(c)
        }
        switch f.type {
        case .bool:
            switch v {
            case .bool: return v
            case .int(let i) where i == 0 || i == 1: return .bool(i == 1)
            case .string(let s):
                switch s.lowercased() {
                case "true", "1", "yes": return .bool(true)
                case "false", "0", "no": return .bool(false)
                default: break
                }
            default: break
            }
            throw bad("true or false")
        case .date:
            switch v {
            case .date: return v
            case .int(let i): return .date(Double(i))
            case .double(let d): return .date(d)
            case .string(let s):
                var s = s
                if let t = s.withUTF8({ ByteParsers.timestamp($0.baseAddress!, $0.count) }) { return .date(Double(t)) }
            default: break
            }
            throw bad("a date (\"2026-10-01\", \"2026-10-01T09:00:00Z\") or epoch seconds")
        case .int, .double:
            switch v {
            case .int(let i): return .double(Double(i))
            case .double: return v
            case .string(let s): if let d = Double(s) { return .double(d) }
            default: break
            }
            throw bad("a number" + (f.unit.isEmpty ? "" : " (\(f.unit))"))
        case .string:
            if case .string = v { return v }
            if case .int(let i) = v { return .string(String(i)) }
            throw bad("a string")
        }
    }

    static func describe(_ v: ResultValue) -> String {
        switch v {
        case .null: return "nil"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .date(let d): return String(d)
        }
    }

    /// Whether a stored (non-missing) value satisfies `op` against the canonical operands.
    static func matches(_ stored: ResultValue, _ op: FilterOp, _ operands: [ResultValue]) -> Bool {
        if case .null = stored { return false }
        switch op {
        case .eq: return equal(stored, operands[0])
        case .ne: return !equal(stored, operands[0])
        case .in: return operands.contains { equal(stored, $0) }
        case .notIn: return !operands.contains { equal(stored, $0) }
        case .lt, .le, .gt, .ge:
            guard let a = number(stored), let b = number(operands[0]) else { return false }
            switch op {
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        }
    }

    static func equal(_ a: ResultValue, _ b: ResultValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }

    static func number(_ v: ResultValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .date(let d): return d
        default: return nil
        }
    }
}
