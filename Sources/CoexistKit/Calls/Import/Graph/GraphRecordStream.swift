import CSimdjson

/// The records of one file in order, as byte ranges (the CSimdjson splitter): what shape the file has
/// (one record, an array, a page, JSON Lines) is the splitter's business, not the importer's.
struct GraphRecordStream: ~Copyable {
    enum Next {
        case record(csj_record)
        /// The file (or, for JSON Lines, this line) is not JSON or not records; JSON Lines go on at the next line.
        case problem(csj_error)
        /// Only part of the file is in memory and the next record needs more (`feed`).
        case needMore
        case end
    }

    private let splitter: OpaquePointer

    init(_ bytes: UnsafeRawBufferPointer) {
        // A zero-length buffer may have no address; the splitter reads nothing from it.
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Self.empty
        guard let s = csj_split_new(base, bytes.count) else { fatalError("out of memory for the Graph record splitter") }
        splitter = s
    }

    deinit { csj_split_free(splitter) }

    nonisolated(unsafe) private static let empty: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    mutating func next() -> Next {
        var r = csj_record()
        var e = csj_error()
        switch csj_split_next(splitter, &r, &e) {
        case 1: return .record(r)
        case 0: return .end
        case 2: return .needMore
        default: return .problem(e)
        }
    }

    /// Only the file's first `available` bytes are in memory (it is read in pieces).
    func feed(_ available: Int) { csj_split_feed(splitter, available) }

    /// Bytes of the file that no later record lies in.
    var position: Int { csj_split_position(splitter) }

    /// `$` for a record that is the whole document, `$[3]` in an array, `$.value[3]` in a page.
    static func path(container: Int32, index: Int64) -> String {
        switch container {
        case Int32(CSJ_ARRAY): return "$[\(index)]"
        case Int32(CSJ_PAGE): return "$.value[\(index)]"
        default: return "$"
        }
    }

    static func importError(_ e: csj_error, file: String) -> CallImportError {
        let message = withUnsafeBytes(of: e.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let line = e.line > 0 ? Int(e.line) : nil
        if e.shape != 0 { return CallImportError(file: file, line: line, field: "$", message: message) }
        let field = e.index >= 0 ? path(container: e.container, index: e.index) : nil
        return CallImportError(file: file, line: line, field: field, message: "is not JSON: " + message)
    }
}
