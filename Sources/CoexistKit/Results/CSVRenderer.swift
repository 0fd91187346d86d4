/// RFC 4180 with "\n" line ends. Every row is written: csv output feeds other programs, and eliding
/// rows there would silently lose data.
enum CSVRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        guard !rs.columns.isEmpty else { return "" }
        var out = ""
        out.reserveCapacity(rs.rows.count * rs.columns.count * 8)
        if options.headers {
            appendLine(rs.columns.map { field($0.name) }, to: &out)
        }
        for values in rs.rows {
            appendLine(rs.columns.indices.map { index in
                let value = index < values.count ? values[index] : .null
                // NULL is an empty field; an empty string is quoted so the two stay distinguishable.
                guard let text = ValueFormatter.machine(value) else { return "" }
                return text.isEmpty ? "\"\"" : field(text)
            }, to: &out)
        }
        return out
    }

    private static func appendLine(_ fields: [String], to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += field
        }
        out += "\n"
    }

    static func field(_ text: String) -> String {
        var needsQuotes = false
        for byte in text.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }
}
