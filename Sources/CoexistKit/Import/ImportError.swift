/// Every importer's refusal of a row, a line or a file, in one format: `file:line: field = value: reason`
/// (the shape compilers use, so editors can jump to it). Without a value: `file:line: field: reason`;
/// without a field: `file:line: reason`; without a line: `file: reason`.
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line; nil when the problem is not on one line (a missing column, an unreadable file).
    public var line: Int?
    /// The column's name as the header spells it (CSV), the column's name and position (building file), or
    /// the JSON path (Graph).
    public var field: String?
    public var value: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.message = message
    }

    /// A bad field of a CSV row.
    static func field(file: String, line: Int, column: String, value: String, message: String) -> ImportError {
        ImportError(file: file, line: line, field: column, value: value, message: message)
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field {
            s += field
            if let value { s += " = " + Self.show(value) }
            s += ": "
        }
        s += message
        if field == nil, let value { s += ": " + Self.show(value) }
        return s
    }

    /// The value as it is in the file, cut at 80 characters; quoted (with escapes) only when it would
    /// otherwise not be seen for what it is: empty, with spaces at an end, or holding control characters.
    static func show(_ value: String) -> String {
        let cut = value.count > 80 ? String(value.prefix(80)) + "..." : value
        let plain = !cut.isEmpty && cut.first != " " && cut.last != " " && cut.first != "\""
            && !cut.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }
        if plain { return cut }
        var q = "\""
        for u in cut.unicodeScalars {
            switch u {
            case "\"": q += "\\\""
            case "\\": q += "\\\\"
            case "\n": q += "\\n"
            case "\r": q += "\\r"
            case "\t": q += "\\t"
            default:
                if u.value < 32 || u.value == 127 { q += "\\u{\(String(u.value, radix: 16))}" } else { q.unicodeScalars.append(u) }
            }
        }
        return q + "\""
    }
}

/// The name the streams importers had for it; one type serves every importer.
public typealias CallImportError = ImportError

/// What every importer does with a bad row (`on_error=` in Lua: "strict", the default, or "skip").
public enum ImportErrorPolicy: Sendable, Equatable {
    /// The first bad row fails the whole import, naming file, line, field and value; nothing is imported.
    case strict
    /// Bad rows are skipped and counted, the first 20 reasons kept; the good ones are imported.
    case skip
}
