import Foundation
import Testing
@testable import CoexistKit

/// A file of many batches goes through the importer's pipeline (`GraphParseJob`: one batch parsed on two
/// threads while the one before is merged and the next split off): the rows, counts, notices and first error
/// are those of the same file imported on one thread and of its lines imported one by one, and a stop in
/// the middle leaves nothing behind.
@Suite("Graph import: many batches on both cores", .serialized)
struct GraphPipelineTests {
    static let records = 2400

    /// 2,400 generated records as JSON Lines (about five batches), line 700 cut short and line 1,900 a record
    /// whose sessions are no array.
    static func brokenLines() throws -> (path: String, bytes: Int) {
        let texts = try ["p2p-audio.json", "group-call-page.json", "ms-get-callrecord-example2.json"].map { try GraphImportTests.text($0) }
        let path = NSTemporaryDirectory() + "graph-pipeline-\(getpid()).json"
        try GraphFileGenerator(templates: texts).write(records: records, seed: 11, shape: .lines, to: path)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[699] = String(lines[699].prefix(300))
        lines[1899] = #"{"id": "no-sessions", "sessions": 5}"#
        let text = lines.joined(separator: "\n")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (path, text.utf8.count)
    }

    static func outcome(_ path: String, _ policy: ImportErrorPolicy, parallel: Bool) -> GraphPiecesTests.Outcome {
        var options = ImportOptions(onError: policy)
        options.parallel = parallel
        return GraphPiecesTests.outcome(policy) { try GraphCallRecordImporter.importPath(path, into: &$0, options: options) }
    }

    @Test("strict and skipping, the pipeline on two threads gives what one thread gives")
    func sameAsOneThread() throws {
        let (path, bytes) = try Self.brokenLines()
        defer { unlink(path) }
        #expect(bytes > 4 * GraphImportRun.batchBytes, "the file must span several batches")
        let strict = Self.outcome(path, .strict, parallel: true)
        #expect(strict == Self.outcome(path, .strict, parallel: false))
        guard case .refused(let file, let line, _, let message) = strict else { Issue.record("strict import of a broken file: \(strict)"); return }
        #expect(file == path && line == 700, "the first broken line is named: \(strict)")
        #expect(message.hasPrefix("is not JSON"), "\(message)")

        let skipped = Self.outcome(path, .skip, parallel: true)
        #expect(skipped == Self.outcome(path, .skip, parallel: false))
        guard case .imported(let columns, _, _, let imported, _, _, _) = skipped else { Issue.record("skipping import: \(skipped)"); return }
        #expect(imported > 0 && !columns[0].isEmpty)
        var store = CallStore()
        let r = try GraphCallRecordImporter.importPath(path, into: &store, options: ImportOptions(onError: .skip))
        #expect(r.skipped == 2, "two records skipped: \(r.skipped)")

        // The oracle that shares no batching with the importer: each line imported by itself, in order.
        var oracle = CallStore()
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            _ = try? oracle.importGraph(text: String(line))
        }
        var mine = GraphOracleTests.Columns(), theirs = GraphOracleTests.Columns()
        store.readColumns(&mine)
        oracle.readColumns(&theirs)
        #expect(store.count == oracle.count)
        #expect(mine.values == theirs.values, "the rows of a line-by-line import, in the same order")
        #expect(store.users.strings == oracle.users.strings)
    }

    @Test("a stop between batches, while the next is being parsed, imports nothing")
    func stopInTheMiddle() throws {
        let (path, _) = try Self.brokenLines()
        defer { unlink(path) }
        var store = CallStore()
        try store.importGraph(text: GraphMalformedTests.good)
        let before = store.count
        final class Asked: @unchecked Sendable { var count = 0 }
        let asked = Asked()
        var options = ImportOptions(onError: .skip)
        options.shouldStop = { asked.count += 1; return asked.count == 3 }
        #expect(throws: ImportStopped.self) { try GraphCallRecordImporter.importPath(path, into: &store, options: options) }
        #expect(asked.count == 3)
        #expect(store.count == before)
        // And the importer is usable again at once (no thread left parsing).
        options.shouldStop = nil
        _ = try GraphCallRecordImporter.importPath(path, into: &store, options: options)
        #expect(store.count > before)
    }
}
