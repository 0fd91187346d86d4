/// Tab-separated values, every row, as PostgreSQL's text format writes them: a tab, newline, carriage
/// return or backslash inside a value is written \t, \n, \r or \\, so each record stays one line that
/// cut and awk split on tabs. NULL is an empty field.
enum TSVRenderer {
    static func render(_ rs: ResultSet, _ options: RenderOptions) -> String {
        guard !rs.columns.isEmpty else { return "" }
        var out = ""
        if options.headers { out += rs.columns.map { field($0.name) }.joined(separator: "\t") + "\n" }
        for values in rs.rows {
            out += rs.columns.indices.map { index in
                let value = index < values.count ? values[index] : .null
                return ValueFormatter.machine(value).map(field) ?? ""
            }.joined(separator: "\t")
            out += "\n"
        }
        return out
    }

    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
