import Foundation
import Testing
@testable import CoexistKit

/// Issue 18: `import_calls` of Graph call records lists the files and stamps them from the pieces the import
/// reads (`GraphFileReader.hash`), instead of loading every file whole to hash it. The journal's stamp must be
/// the value a whole-file hash gave (a journal saved before keeps matching), and a replay must still stop at a
/// file that changed since it was imported.
@Suite("Graph imports: the stamp is taken from the pieces read", .serialized)
struct GraphStreamedStampTests {
    static let fixtures = WorkspaceFiles.kitTests.appendingPathComponent("Calls/Fixtures/Graph")

    /// The stamp as the code before read it: FNV over every file's whole bytes, chained in name order.
    static func wholeFileHash(_ files: [String]) throws -> (size: Int, hash: String) {
        var h = FileStamp.fnvSeed, size = 0
        for f in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: f))
            h = data.withUnsafeBytes { FileStamp.fnv(h, $0) }
            size += data.count
        }
        return (size, FileStamp.hex(h))
    }

    @Test func aGraphSourceIsListedNotRead() throws {
        let page = Self.fixtures.appendingPathComponent("group-call-page.json").path
        let source = try ImportSource.read(page, folder: true)
        #expect(source.isStreamed)
        #expect(source.files.isEmpty, "the bytes are read by the import, in pieces")
        #expect(source.graphFiles == [page])
        // A CSV streams file is still read whole (its importer parses it whole anyway).
        #expect(!(try ImportSource.read(WorkspaceFiles.cqdExport, folder: true)).isStreamed)
    }

    @Test func theJournaledStampIsTheWholeFileHashOfAFolder() throws {
        let dir = NSTemporaryDirectory() + "coexist-stamp-folder-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Odd sizes, so a piece boundary or file boundary off the 8-byte words would change the value.
        for (name, fixture) in [("a.json", "p2p-audio.json"), ("b.json", "group-call-page.json")] {
            let text = try String(contentsOf: Self.fixtures.appendingPathComponent(fixture), encoding: .utf8) + "\n \n"
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let expected = try Self.wholeFileHash([dir + "/a.json", dir + "/b.json"])
        let w = Workspace.empty(today: Day(year: 2026, month: 10, day: 5))
        let source = try ImportSource.read(dir, folder: true)
        let report = try w.apply(.importCalls(source.stamp), who: "alice", source: source)
        #expect((report.streams?.imported ?? 0) > 0)
        guard case let .importCalls(stamp, _, _) = w.journal.entries.last?.change else {
            Issue.record("no import_calls in the journal")
            return
        }
        #expect(stamp == FileStamp(path: dir, size: expected.size, hash: expected.hash))
        #expect(try FileStamp.of(dir) == stamp, "FileStamp.of reads in pieces and gives the same value")
    }

    @Test func aReplayStopsAtAGraphFileThatChangedAndImportsNothing() throws {
        let path = NSTemporaryDirectory() + "coexist-stamp-replay-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("group-call-page.json"), encoding: .utf8)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let played = Workspace.empty(today: Day(year: 2026, month: 10, day: 5))
        let source = try ImportSource.read(path, folder: true)
        try played.apply(.importCalls(source.stamp), who: "alice", source: source)
        let records = played.journal.records
        // The same size, a name different (still a valid page): only the hash tells.
        try text.replacingOccurrences(of: "Alice Smith", with: "Alice Smyth").write(toFile: path, atomically: true, encoding: .utf8)
        let replayed = Workspace.empty(today: Day(year: 2026, month: 10, day: 5))
        do {
            try replayed.replay(records)
            Issue.record("the replay took a changed file")
        } catch {
            #expect("\(error)".contains("changed since change 1"), "\(error)")
            #expect("\(error)".contains(path))
        }
        #expect(replayed.journal.count == 0)
        #expect(replayed.calls.count == 0)
        // Put back, the journal replays.
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try replayed.replay(records)
        #expect(replayed.calls.count == played.calls.count)
    }
}
