import CSimdjson

/// A record parsed and mapped: its rows in document order, or why it could not be read at all.
struct GraphParsedRecord {
    var rows: [GraphRecordMapper.Row] = []
    var notices: [String] = []
    var withoutUPN: [GraphIdentity] = []
    /// The record's id, for the missing-UPN warning.
    var id: String?
    /// `$`, `$[3]` or `$.value[3]`.
    var path: String
    var line: Int?
    var error: CallImportError?
}

/// Two simdjson parsers (one per core) and their documents; `GraphParseJob` parses a batch with them.
final class GraphRecordParsers {
    private let parsers: [OpaquePointer]
    private let documents: [GraphTapeDocument]

    init() {
        parsers = (0..<2).map { _ in
            guard let p = csj_parser_new() else { fatalError("out of memory for a JSON parser") }
            return p
        }
        documents = (0..<2).map { _ in GraphTapeDocument() }
    }

    deinit { parsers.forEach { csj_parser_free($0) } }

    /// One record, on parser and document `part` (0 or 1: one per thread, see `GraphParseJob`).
    func one(_ r: csj_record, _ bytes: UnsafeRawBufferPointer, name: String, part: Int) -> GraphParsedRecord {
        let path = GraphRecordStream.path(container: r.container, index: r.index)
        let line = r.line > 0 ? Int(r.line) : nil
        var out = GraphParsedRecord(path: path, line: line)
        var tape = csj_tape()
        let start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + r.start
        let code = csj_parse(parsers[part], start, r.length, &tape)
        if code != 0 {
            let why = String(cString: csj_error_message(code))
            out.error = CallImportError(file: name, line: line, field: r.container == Int32(CSJ_WHOLE) ? nil : path,
                                        message: "is not JSON: " + why)
            return out
        }
        let doc = documents[part]
        doc.tape = tape.tape
        doc.strings = tape.strings
        doc.base = path
        let root = doc.root
        guard root.isObject else {
            out.error = CallImportError(file: name, line: line, field: path, message: "expected a callRecord object")
            return out
        }
        out.id = root["id"].stringValue
        out.rows = GraphRecordMapper.rows(of: root, notices: &out.notices, withoutUPN: &out.withoutUPN)
        return withExtendedLifetime(doc) { out }
    }
}
