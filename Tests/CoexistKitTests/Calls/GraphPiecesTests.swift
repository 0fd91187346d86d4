import Foundation
import Testing
@testable import CoexistKit

/// A Graph file given by path is read in pieces (`GraphFileReader`): records cut anywhere by a piece's end
/// give the rows, counts, notices and errors of the same bytes read whole, and a file that shrinks while it
/// is read is refused, naming it, with the store unchanged (never SIGBUS).
@Suite("Graph import: files read in pieces", .serialized)
struct GraphPiecesTests {
    static func temp(_ text: String, _ tag: String) throws -> String {
        let path = NSTemporaryDirectory() + "graph-pieces-\(tag)-\(getpid()).json"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    enum Outcome: Equatable {
        case imported(columns: [[UInt64]], users: [String], callIds: [String], imported: Int, duplicates: Int, withoutUPN: Int, notices: [String])
        case refused(file: String, line: Int?, field: String?, message: String)
    }

    static func outcome(_ policy: ImportErrorPolicy, _ body: (inout CallStore) throws -> ImportReport) -> Outcome {
        var store = CallStore()
        do {
            let r = try body(&store)
            var c = GraphOracleTests.Columns()
            store.readColumns(&c)
            return .imported(columns: c.values, users: store.users.strings, callIds: store.callIds.strings,
                             imported: r.imported, duplicates: r.duplicates, withoutUPN: r.usersWithoutUPN, notices: r.notices)
        } catch let e as CallImportError {
            #expect(store.count == 0, "a failed import leaves the store empty")
            return .refused(file: e.file, line: e.line, field: e.field, message: e.message)
        } catch {
            return .refused(file: "?", line: nil, field: nil, message: "\(error)")
        }
    }

    /// The same bytes read whole and read `chunk` bytes at a time.
    static func same(_ text: String, _ what: String, chunks: [Int], policy: ImportErrorPolicy = .skip, rows: Bool = false) throws {
        let path = try temp(text, "same")
        defer { unlink(path) }
        let whole = outcome(policy) { try GraphCallRecordImporter.importData(Data(text.utf8), name: path, into: &$0, options: ImportOptions(onError: policy)) }
        for chunk in chunks {
            let pieces = outcome(policy) { store in
                guard case .success(let reader) = GraphFileReader.open(path, chunkBytes: chunk) else { throw CallImportError(file: path, message: "cannot open") }
                var run = GraphImportRun(options: ImportOptions(onError: policy), totalBytes: reader.count)
                try run.file(reader.bytes, name: path, reader: reader)
                return try run.finish(into: &store)
            }
            #expect(pieces == whole, "\(what), \(chunk)-byte pieces")
        }
        if rows {
            guard case .imported(let columns, _, _, _, _, _, _) = whole else { Issue.record("\(what): \(whole)"); return }
            #expect(!columns.isEmpty && !columns[0].isEmpty, "\(what): rows imported")
        }
    }

    @Test("every fixture as a file, an array, a page and JSON Lines, cut into pieces of 7, 61 and 4096 bytes")
    func fixtures() throws {
        for f in ["p2p-audio.json", "group-call-page.json", "ms-get-callrecord-example2.json"] {
            let text = try GraphImportTests.text(f)
            let top = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let records: [Any] = (top as? [String: Any])?["value"] as? [Any] ?? [top]
            let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            let shapes = [
                (text, f),
                ("\u{FEFF}[" + lines.joined(separator: ",\n ") + "]\n", f + " as array"),
                (#"{"@odata.context": "x", "value": ["# + lines.joined(separator: ",") + #"], "@odata.nextLink": "https://graph.microsoft.com/next"}"#, f + " as page"),
                ("\n" + lines.joined(separator: "\n\n") + "\n", f + " as lines"),
            ]
            for (t, what) in shapes { try Self.same(t, what, chunks: [7, 61, 4096], rows: true) }
        }
    }

    @Test("broken files give the same error read in pieces of 1, 5 and 64 bytes, strict and skipping")
    func malformed() throws {
        let good = GraphMalformedTests.good
        let cases = [
            (#"{"value": ["# + good + ", " + good, "truncated page"),
            ("[" + good + ", " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100) + "]", "too deep"),
            ("[" + good + ", 42]", "non-object record"),
            (good + "\n{\"id\": \n" + good + "\n", "truncated JSON Lines line"),
            (good + " x", "text after the record"),
            ("   \n  ", "blank"),
            (#"{"value": [], "@odata.nextLink": tru}"#, "broken page member"),
        ]
        for (t, what) in cases {
            for policy in [ImportErrorPolicy.strict, .skip] {
                try Self.same(t, what + " (\(policy))", chunks: [1, 5, 64], policy: policy)
            }
        }
    }

    @Test("a file that shrinks while it is read is refused, naming it, and the store is unchanged")
    func shrinks() throws {
        let texts = try ["p2p-audio.json", "group-call-page.json", "ms-get-callrecord-example2.json"].map { try GraphImportTests.text($0) }
        let path = NSTemporaryDirectory() + "graph-pieces-shrink-\(getpid()).json"
        defer { unlink(path); RegularFile.afterChunkForTesting = nil }
        // About 2.5 pieces of GraphFileReader.chunkBytes, as one page.
        let bytes = try GraphFileGenerator(templates: texts).write(records: 2400, seed: 3, shape: .page, to: path)
        #expect(bytes > 2 * GraphFileReader.chunkBytes)
        var store = CallStore()
        try store.importGraph(text: GraphMalformedTests.good)
        let before = store.count
        RegularFile.afterChunkForTesting = { p, done in if p == path && done == GraphFileReader.chunkBytes { _ = truncate(path, off_t(done + 1000)) } }
        do {
            try store.importGraph(path: path)
            Issue.record("a file that shrank while it was read was imported")
        } catch let e as CallImportError {
            #expect(e.file == path)
            #expect(e.message.hasPrefix("changed while it was read: it shrank from \(bytes) bytes"), "\(e)")
        }
        #expect(store.count == before)
    }
}
