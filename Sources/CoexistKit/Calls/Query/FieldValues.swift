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
            if f == .subnet, case .string(let text) = v, text.contains("/") { return try cidr(text) }
            if case .string = v { return v }
            if case .int(let i) = v { return .string(String(i)) }
            throw bad("a string")
        }
    }

    /// A subnet range "10.4.0.0/16": its address must be the range's network address, so that a typo in
    /// the mask is not read as a different range.
    static func cidr(_ text: String) throws -> ResultValue {
        guard let (net, _) = CIDR.parse(text) else {
            throw CallQueryError.badValue(field: CallField.subnet.rawValue, value: text, expected: "a subnet (\"10.4.1.0\") or a range (\"10.4.0.0/16\", prefix 0 to 32)")
        }
        let prefix = text.split(separator: "/")[1]
        guard IPv4.parse(text) == net else {
            throw CallQueryError.badValue(field: CallField.subnet.rawValue, value: text,
                                          expected: "a network address: did you mean '\(IPv4.format(net))/\(prefix)'?")
        }
        return .string(text)
    }

    /// A like or prefix pattern: text, matched against the field's values as they are named (enum names
    /// included), case-insensitively.
    static func pattern(_ v: ResultValue, for f: CallField) throws -> ResultValue {
        guard case .string = v else {
            throw CallQueryError.badValue(field: f.rawValue, value: describe(v), expected: "a text pattern (\"SEA-%\")")
        }
        return v
    }

    /// Names compare case-insensitively, as enum names do: a building typed "sea-1" is SEA-1.
    static func isName(_ f: CallField) -> Bool {
        switch f {
        case .building, .city, .country, .region, .firstUser, .secondUser: return true
        default: return false
        }
    }

    /// The prepared test for one condition on one field.
    static func test(_ f: CallField, _ op: FilterOp, _ operands: [ResultValue]) -> ValueTest {
        ValueTest(op, operands, foldCase: isName(f), cidr: f == .subnet)
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

    /// Whether a stored value satisfies `op` against the canonical operands (exact text, no CIDR: the
    /// field-aware form is `test`). A missing value matches only `is null`.
    static func matches(_ stored: ResultValue, _ op: FilterOp, _ operands: [ResultValue]) -> Bool {
        ValueTest(op, operands, foldCase: false)(stored)
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
