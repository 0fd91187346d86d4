/// An RFC 8259 array of objects, one object per line so it reads in a terminal and greps well, with
/// keys in column order. Every row is written, as in csv.
enum JSONRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        guard !rs.rows.isEmpty else { return "[]\n" }
        let keys = rs.columns.map { string($0.name) + ":" }
        var out = "[\n"
        out.reserveCapacity(rs.rows.count * rs.columns.count * 16)
        for (rowIndex, values) in rs.rows.enumerated() {
            if rowIndex > 0 { out += ",\n" }
            out += "{"
            for index in keys.indices {
                if index > 0 { out += "," }
                out += keys[index]
                out += value(index < values.count ? values[index] : .null)
            }
            out += "}"
        }
        out += "\n]\n"
        return out
    }

    static func value(_ value: ResultValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        // JSON has no NaN or infinity; null is what jq and JavaScript's JSON.stringify use.
        case .double(let d): return d.isFinite ? ValueFormatter.machineDouble(d) : "null"
        case .string(let s): return string(s)
        case .date(let t): return ValueFormatter.machineDate(t).map(string) ?? "null"
        }
    }

    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
