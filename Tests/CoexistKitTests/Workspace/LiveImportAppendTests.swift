import CSQLite
import Foundation
import Testing
@testable import CoexistKit

/// A live import of calls appends to the open workspace file (issue 17 item 3): the rows, lookup codes and
/// identities it added, not a rewrite of every stream.
@Suite(.serialized) struct LiveImportAppendTests {
    /// Two exports of streams of the demo's users (another seed than the demo's own, so none is in the demo
    /// workspace already): A the first 60%, B the rest and the last 50 of A again (skipped on import).
    static func exports() throws -> (a: String, b: String, overlap: Int) {
        let demo = DemoCalls.generate(DemoCallsOptions(users: 60, seed: 99))
        let n = demo.count
        let cut = n * 6 / 10, overlap = 50
        let a = NSTemporaryDirectory() + "coexist-append-\(getpid())-a.csv"
        let b = NSTemporaryDirectory() + "coexist-append-\(getpid())-b.csv"
        try CSVWriter.write(demo, rows: Array(0..<cut), to: a)
        try CSVWriter.write(demo, rows: Array((cut - overlap)..<n), to: b)
        return (a, b, overlap)
    }

    static func changes(_ w: Workspace) -> Int64 { sqlite3_total_changes64(w.file!.db.handle) }

    static func codes(_ s: CallStore) -> Int { WorkspaceSchema.dictionaries.reduce(0) { $0 + s.dictionary($1).count } }

    @Test func aLiveImportAppendsAndReopensAsTheStoreThatImportedBoth() throws {
        let (a, b, overlap) = try Self.exports()
        let p = WorkspaceFileTests.path("append")
        try Workspace.demo(users: 60).save(to: p)
        let live = try Workspace.open(p)
        try live.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        let rowsOfA = live.calls.count, codesOfA = Self.codes(live.calls)
        let before = Self.changes(live)
        let report = try live.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_001)
        let written = Self.changes(live) - before
        let imported = report.streams!.imported
        #expect(imported > 0 && live.calls.count == rowsOfA + imported)
        #expect(report.streams!.duplicates == overlap)
        // What B added and nothing else: its rows, its new codes, one identities chunk, the journal entry and the
        // count and checksum. A rewrite would delete and insert all of A's rows as well.
        let newCodes = Self.codes(live.calls) - codesOfA
        #expect(written >= Int64(imported + newCodes))
        #expect(written <= Int64(imported + newCodes + 4))
        #expect(written < Int64(rowsOfA))
        live.closeFile()

        let memory = Workspace.demo(users: 60)
        try memory.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        try memory.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_001)
        let opened = try Workspace.open(p, readOnly: true)
        WorkspaceFileTests.expectSame(memory, opened)
    }

    @Test func undoOfAnAppendedImportTakesItsRowsOffTheFile() throws {
        let (a, b, _) = try Self.exports()
        let p = WorkspaceFileTests.path("append-undo")
        try Workspace.demo(users: 60).save(to: p)
        let live = try Workspace.open(p)
        try live.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        try live.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_001)
        try live.undo()
        // Importing B again after the undo appends it again: the file's codes and identities were taken back too.
        try live.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_002)
        try live.undo()
        live.closeFile()

        let memory = Workspace.demo(users: 60)
        try memory.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        let opened = try Workspace.open(p, readOnly: true)
        WorkspaceFileTests.expectSame(memory, opened)
    }

    @Test func anImportAfterABuildingFileStillReopensWhole() throws {
        // A buildings import changes the reference data, so the next calls import is not a plain append of
        // the file's store; the file must still reopen as memory has it.
        let (a, b, _) = try Self.exports()
        let p = WorkspaceFileTests.path("append-buildings")
        try Workspace.demo(users: 60).save(to: p)
        let live = try Workspace.open(p)
        try live.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        try live.apply(.importBuildings(try FileStamp.of(WorkspaceFiles.cqdBuildings)), who: "alice", at: 7_001)
        try live.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_002)
        let view = try Workspace.open(p, readOnly: true)
        WorkspaceFileTests.expectSame(live, view)
        live.closeFile()
    }

    @Test func identitiesInSeveralRunsAreMergedAndARepeatIsRefused() throws {
        #expect(WorkspaceWriter.added([1, 3, 5, 7, 9], since: [3, 7]) == [1, 5, 9])
        #expect(WorkspaceWriter.added([2, 4], since: []) == [2, 4])
        #expect(WorkspaceWriter.added([2, 4], since: [2, 4]) == [])
        let (a, b, _) = try Self.exports()
        let p = WorkspaceFileTests.path("append-runs")
        try Workspace.demo(users: 60).save(to: p)
        let live = try Workspace.open(p)
        try live.apply(.importCalls(try FileStamp.of(a)), who: "alice", at: 7_000)
        try live.apply(.importCalls(try FileStamp.of(b)), who: "alice", at: 7_001)
        live.closeFile()
        // Two runs on file (A's, then B's new ones), read back as one sorted set.
        var db: OpaquePointer?
        sqlite3_open(p, &db)
        var s: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT count(*) FROM stream_identities", -1, &s, nil)
        sqlite3_step(s)
        #expect(sqlite3_column_int64(s, 0) == 2)
        sqlite3_finalize(s)
        sqlite3_close(db)
        // A chunk repeating an identity of another is a damaged file.
        WorkspaceFileTests.sql(p, "INSERT INTO stream_identities (chunk, ids) SELECT 9, ids FROM stream_identities WHERE chunk = 0")
        #expect(WorkspaceFileTests.refusal(p)?.contains("stream_identities repeat") == true)
    }
}
