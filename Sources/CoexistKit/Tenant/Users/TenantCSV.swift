import Foundation

/// The tenant's import files (users, cohort members) as a header and records, read by `CSVRecordReader`. It keeps the line each record starts on so errors
/// can name it, skips the `#TYPE ...` line Windows PowerShell's Export-Csv writes first, and drops a UTF-8 BOM.
struct TenantCSV {
    struct Record {
        var line: Int
        var fields: [String]
    }

    var header: [String]
    var records: [Record]
    /// The line the header is on (after a `#TYPE` line, it is 2).
    var headerLine = 1
    /// The `#...` line before the header: the `#TYPE ...` line Windows PowerShell's Export-Csv writes first
    /// (without `-NoTypeInformation`), or a comment; nil when there is none.
    var typeLine: String?

    init(text: String, file: String) throws(TenantError) {
        var text = text
        let read = text.withUTF8 { TenantCSV.read(UnsafeRawBufferPointer($0), file: file) }
        switch read {
        case .failure(let e): throw TenantError(e)
        case .success(let r): (typeLine, headerLine, header, records) = r
        }
        try checkDuplicateColumns(file: file)
    }

    /// Blank lines before the header and a `#...` line are skipped; blank lines after it are dropped.
    private static func read(_ raw: UnsafeRawBufferPointer, file: String)
        -> Result<(String?, Int, [String], [Record]), ImportError> {
        var reader = CSVRecordReader(raw, file: file)
        var typeLine: String?
        var records: [Record] = []
        do throws(ImportError) {
            var head: Record?
            while let r = try reader.next() {
                if r.fields.count == 1 && r.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if typeLine == nil, r.fields.first?.hasPrefix("#") == true {
                    typeLine = r.fields.joined(separator: ",")
                    continue
                }
                head = Record(line: r.line, fields: r.fields.map { $0.trimmingCharacters(in: .whitespaces) })
                break
            }
            guard let head else { return .failure(ImportError(file: file, message: "no header line")) }
            reader.names = head.fields
            records.append(head)
            while let r = try reader.next() {
                if r.fields.count == 1 && r.fields[0].isEmpty { continue }
                records.append(Record(line: r.line, fields: r.fields))
            }
        } catch {
            return .failure(error)
        }
        let header = records.removeFirst()
        return .success((typeLine, header.line, header.fields, records))
    }

    /// Two columns of one name (as `column` compares them) would leave one of them silently unread, so
    /// which value counts would depend on the order of the columns: refused, naming both positions.
    private func checkDuplicateColumns(file: String) throws(TenantError) {
        var first: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = TenantCSV.normalize(name)
            if key.isEmpty { continue }
            if let j = first[key] {
                throw .badLine(file: file, line: headerLine,
                               reason: "columns \(j + 1) ('\(header[j])') and \(i + 1) ('\(name)') have the same name; remove one")
            }
            first[key] = i
        }
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
}
