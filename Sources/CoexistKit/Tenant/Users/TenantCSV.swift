import Foundation

/// A small RFC 4180 reader for the tenant's import files. It keeps the line each record starts on so errors
/// can name it, skips the `#TYPE ...` line Windows PowerShell's Export-Csv writes first, and drops a UTF-8 BOM.
struct TenantCSV {
    struct Record {
        var line: Int
        var fields: [String]
    }

    var header: [String]
    var records: [Record]
    /// The `#...` line before the header: the `#TYPE ...` line Windows PowerShell's Export-Csv writes first
    /// (without `-NoTypeInformation`), or a comment; nil when there is none.
    var typeLine: String?

    init(text: String, file: String) throws(TenantError) {
        var all = TenantCSV.parse(text)
        while let first = all.first, first.fields.count == 1 && first.fields[0].trimmingCharacters(in: .whitespaces).isEmpty {
            all.removeFirst()
        }
        if let first = all.first, first.fields.first?.hasPrefix("#") == true {
            typeLine = first.fields.joined(separator: ",")
            all.removeFirst()
        }
        guard let head = all.first else { throw .badFile(file: file, reason: "no header line") }
        header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records = all.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
    }

    /// A row with fewer fields than the header has lost its tail (a cut-off export, a stray line break outside
    /// quotes): reading the missing fields as empty would import wrong grants, so it is refused, as the
    /// streams and building importers do.
    func checkWidth(_ record: Record, file: String) throws(TenantError) {
        if record.fields.count < header.count {
            throw .badLine(file: file, line: record.line,
                           reason: "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(header.count) (from \(header[record.fields.count]) on missing)")
        }
    }

    /// The column position for the first of `names` present, compared without case, spaces or underscores.
    func column(_ names: String...) -> Int? {
        let normalized = header.map(TenantCSV.normalize)
        for n in names {
            if let i = normalized.firstIndex(of: TenantCSV.normalize(n)) { return i }
        }
        return nil
    }

    static func normalize(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "_" && $0 != " " && $0 != "-" })
    }

    static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
            fields = []
            field = ""
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"": inQuotes = true
                case ",":
                    fields.append(field)
                    field = ""
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
