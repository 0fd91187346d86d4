/// The one quoted-CSV record reader of the import files other than the streams CSV's rows: the users and
/// cohort CSVs (`TenantCSV`), the building file, and the streams CSV's header line.
///
/// RFC 4180 ("Common Format and MIME Type for Comma-Separated Values (CSV) Files"): a field that starts with
/// a quote runs to the closing quote, a doubled quote inside it is one quote, and commas and line breaks
/// inside it are data; a quote inside an unquoted field is an ordinary character. Lines end in LF or CRLF (a
/// CR before the LF is dropped outside quotes, as Export-Csv and CQD's export write CRLF), and a UTF-8
/// byte-order mark at the start is dropped. A quoted field left open, text after a closing quote, and a
/// record past `RegularFile.maxLineBytes` are errors naming the line.
///
/// The streams CSV's rows keep their own scanner (`CSVRecordFields`): it splits into (pointer, length)
/// pairs with no `String` per field, which is what keeps that import at its speed, and it reports the same
/// errors in the same format (`ImportError`).
struct CSVRecordReader {
    struct Record {
        /// The line the record starts on (1-based).
        var line: Int
        var fields: [String]
    }

    private let base: UnsafePointer<UInt8>?
    private let end: Int
    let file: String
    /// Comma, or tab for the building file's tab-separated form.
    let separator: UInt8
    /// Names for the fields' positions in errors (the header), once known; else "field N".
    var names: [String] = []
    /// Where the next record starts, and its line.
    private(set) var position = 0
    private(set) var line = 1

    init(_ raw: UnsafeRawBufferPointer, file: String, separator: UInt8 = 44) {
        base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
        end = raw.count
        self.file = file
        self.separator = separator
        if let base, end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
    }

    /// The next record, or nil at the end of the input. An empty line is a record of one empty field.
    mutating func next() throws(ImportError) -> Record? {
        guard let base, position < end else { return nil }
        let start = position, startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var i = position
        var lines = 0
        func fail(_ message: String, value: String? = nil) -> ImportError {
            ImportError(file: file, line: startLine, field: fieldName(fields.count), value: value, message: message)
        }
        while true {
            if i - start > RegularFile.maxLineBytes {
                throw ImportError(file: file, line: startLine,
                                  message: "the record is longer than \(RegularFile.maxLineBytes) bytes (1 MiB), the longest an import reads; is a closing quote missing?")
            }
            if i < end && base[i] == 34 {
                // A quoted field: to its closing quote.
                let open = i
                i += 1
                var closed = false
                while i < end {
                    let c = base[i]
                    if c == 34 {
                        if i + 1 < end && base[i + 1] == 34 { field.append(34); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    if c == 10 { lines += 1 }
                    field.append(c)
                    i += 1
                    if i - start > RegularFile.maxLineBytes { break }
                }
                if i - start > RegularFile.maxLineBytes { continue }
                guard closed else { throw fail("unterminated quoted field", value: String(decoding: UnsafeBufferPointer(start: base + open, count: min(i - open, 80)), as: UTF8.self)) }
                if i < end && base[i] != separator && base[i] != 10 && !(base[i] == 13 && (i + 1 == end || base[i + 1] == 10)) {
                    throw fail("text after a closing quote", value: String(decoding: field, as: UTF8.self))
                }
            } else {
                while i < end {
                    let c = base[i]
                    if c == separator || c == 10 { break }
                    if c == 13 && (i + 1 == end || base[i + 1] == 10) { break }
                    field.append(c)
                    i += 1
                    if i - start > RegularFile.maxLineBytes { break }
                }
                if i - start > RegularFile.maxLineBytes { continue }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if i >= end { break }
            if base[i] == separator { i += 1; continue }
            if base[i] == 13 { i += 1 }
            if i < end && base[i] == 10 { i += 1 }
            lines += 1
            break
        }
        position = i
        line += lines
        return Record(line: startLine, fields: fields)
    }

    private func fieldName(_ index: Int) -> String {
        index < names.count ? names[index] : "field \(index + 1)"
    }

    /// Every record of `text`.
    static func records(_ text: String, file: String, separator: UInt8 = 44) throws(ImportError) -> [Record] {
        var text = text
        let result = text.withUTF8 { buffer -> Result<[Record], ImportError> in
            var reader = CSVRecordReader(UnsafeRawBufferPointer(buffer), file: file, separator: separator)
            var out: [Record] = []
            do throws(ImportError) {
                while let r = try reader.next() { out.append(r) }
            } catch {
                return .failure(error)
            }
            return .success(out)
        }
        return try result.get()
    }
}
