import CSQLite
import Foundation
import Testing
@testable import CoexistKit

/// Workspace files (issue 17): save, open, live commits, refusals.
@Suite(.serialized) struct WorkspaceFileTests {
    static func path(_ name: String) -> String {
        let p = NSTemporaryDirectory() + "coexist-wsfile-\(getpid())-\(name).db"
        unlink(p)
        unlink(p + "-wal")
        unlink(p + "-shm")
        return p
    }

    /// A demo workspace with one change of every kind (imports of calls, buildings, devices, users; moves,
    /// cohort edits, the global, a WAN capacity, plan edits) and a lesson's progress.
    static func busy(users: Int = 40) throws -> Workspace {
        let w = Workspace.demo(users: users)
        for (i, c) in try MixedChanges.list(for: w).enumerated() {
            try w.apply(c, who: "alice", why: "step \(i)", at: 5_000 + Double(i))
        }
        let building = w.calls.buildingFile.buildings[0].name
        try w.apply(.setBuildingWan(building: building, mbps: 250), who: "bob")
        try w.apply(.plan(PlanEdit(start: w.today, .template(name: "framework", day: w.today))), who: "bob")
        try w.apply(.plan(PlanEdit(start: w.today, .role(name: "Quality Champion", team: "QoE team", contact: nil, signedOff: true))), who: "bob")
        try w.setTrainingProgress(TrainingProgress(step: 3, skipped: [2]), lesson: "first-move")
        return w
    }

    static func expectSame(_ a: Workspace, _ b: Workspace) {
        let fa = WorkspaceFields(a), fb = WorkspaceFields(b)
        #expect(fa.users == fb.users)
        #expect(fa.grants == fb.grants)
        #expect(fa.homing == fb.homing)
        #expect(fa.cohorts == fb.cohorts)
        #expect(fa.global == fb.global)
        #expect(fa.streams == fb.streams)
        #expect(fa.checksum == fb.checksum)
        #expect(fa.buildings == fb.buildings)
        #expect(fa.devices == fb.devices)
        #expect(a.coexistence == b.coexistence)
        #expect(a.coexistence.buildingWan == b.coexistence.buildingWan)
        #expect(a.journal.records == b.journal.records)
        #expect(a.plan == b.plan)
        #expect(a.training == b.training)
        let sa = a.calls, sb = b.calls
        for c in StreamColumn.allCases { #expect(sa.columnValues(c) == sb.columnValues(c), "column \(c.name)") }
        for d in WorkspaceSchema.dictionaries { #expect(sa.dictionary(d) == sb.dictionary(d)) }
        #expect(sa.identities == sb.identities)
        #expect(sa.subnetRange == sb.subnetRange)
        #expect(sa.deviceCertified == sb.deviceCertified)
    }

    @Test func aSavedWorkspaceOpensFieldByField() throws {
        let w = try Self.busy()
        let p = Self.path("roundtrip")
        try w.save(to: p)
        let opened = try Workspace.open(p)
        defer { opened.closeFile() }
        Self.expectSame(w, opened)
        #expect(opened.name == Workspace.name(ofFile: p))
        #expect(opened.origin == w.origin)
        // The imported streams file is not needed to open it: the streams come from their table.
        #expect(opened.calls.count > 0)
    }

    @Test func everyChangeIsInTheFileBeforeApplyReturns() throws {
        let p = Self.path("live")
        try Workspace.demo(users: 40).save(to: p)
        let w = try Workspace.open(p)
        let upns = w.coexistence.directory.users.map(\.upn)
        try w.apply(.moveUsers(upns: [upns[0]], target: "TeamsOnly"), who: "alice")
        try w.apply(.importCalls(try FileStamp.of(WorkspaceFiles.cqdExport)), who: "alice")
        try w.apply(.defineCohort(name: "Live", upns: Array(upns[1..<4])), who: "alice")
        // Still open (as a killed process leaves it): a read-only view sees every change.
        let view = try Workspace.open(p, readOnly: true)
        Self.expectSame(w, view)
        try w.undo()
        let afterUndo = try Workspace.open(p, readOnly: true)
        #expect(afterUndo.journal.count == 2)
        #expect(afterUndo.coexistence.cohorts.index(of: "Live") == nil)
        w.closeFile()
    }

    @Test func aSecondOpenIsRefusedAndAReadOnlyViewRefusesChanges() throws {
        let p = Self.path("two")
        try Workspace.demo(users: 20).save(to: p)
        let first = try Workspace.open(p)
        #expect(throws: WorkspaceFileError.self) { try Workspace.open(p) }
        do { _ = try Workspace.open(p) } catch { #expect("\(error)".contains("another coexist shell")) }
        let view = try Workspace.open(p, readOnly: true)
        do {
            try view.apply(.setGlobal(target: "TeamsOnly"), who: "x")
            Issue.record("a read-only view took a change")
        } catch { #expect("\(error)".contains("--readonly")) }
        first.closeFile()
        let again = try Workspace.open(p)
        again.closeFile()
    }

    @Test func aFailedSaveLeavesTheOldFileWhole() throws {
        let p = Self.path("failing")
        let w = Workspace.demo(users: 30)
        try w.save(to: p)
        let before = try Data(contentsOf: URL(fileURLWithPath: p))
        try w.apply(.setGlobal(target: "SfBWithTeamsCollab"), who: "x")
        WorkspaceSave.failBeforeCommit = true
        defer { WorkspaceSave.failBeforeCommit = false }
        #expect(throws: WorkspaceFileError.self) { try w.save(to: p) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: p)) == before)
        let dir = (p as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("wsfile-\(getpid())-failing") && $0.hasSuffix(".saving") }
        #expect(leftovers.isEmpty)
        WorkspaceSave.failBeforeCommit = false
        let opened = try Workspace.open(p, readOnly: true)
        #expect(opened.journal.count == 0)
    }

    static func refusal(_ p: String) -> String? {
        do {
            let w = try Workspace.open(p)
            w.closeFile()
            return nil
        } catch { return "\(error)" }
    }

    static func sql(_ p: String, _ statements: String) {
        var db: OpaquePointer?
        #expect(sqlite3_open(p, &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, statements, nil, nil, nil) == SQLITE_OK, Comment(rawValue: String(cString: sqlite3_errmsg(db))))
        sqlite3_close(db)
    }

    @Test func aFileThatIsNotAWorkspaceIsRefusedAndLeftAsItIs() throws {
        let text = Self.path("text")
        try "upn,mode\nann@contoso.com,Islands\n".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(Self.refusal(text)?.contains("not a coexist workspace") == true)
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "upn,mode\nann@contoso.com,Islands\n")
        let other = Self.path("other-sqlite")
        Self.sql(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        #expect(Self.refusal(other)?.contains("application_id 0") == true)
    }

    @Test func aNewerSchemaIsRefusedAndAnOlderOneMigrated() throws {
        let newer = Self.path("newer")
        try Workspace.demo(users: 10).save(to: newer)
        Self.sql(newer, "PRAGMA user_version = 99")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: newer))
        #expect(Self.refusal(newer)?.contains("newer coexist (schema version 99") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: newer)) == bytes)

        let older = Self.path("older")
        let w = Workspace.demo(users: 10)
        try w.apply(.setGlobal(target: "SfBWithTeamsCollab"), who: "x")
        try w.save(to: older)
        // The version-1 layout: without training and without what version 3 added.
        Self.sql(older, """
            DROP TABLE training; DROP TABLE import_sources; DROP TABLE plan_steps; DROP TABLE plan_roles; DROP TABLE plan_goals;
            DROP TABLE plan_risks; DROP TABLE ops_assignments; DROP TABLE scenarios; DROP TABLE scenario_days;
            DROP TABLE scenario_outcomes; DROP TABLE scenario_violations; PRAGMA user_version = 1
            """)
        let opened = try Workspace.open(older)
        #expect(opened.journal.count == 1)
        try opened.setTrainingProgress(TrainingProgress(step: 2), lesson: "l")
        opened.closeFile()
        let again = try Workspace.open(older, readOnly: true)
        #expect(again.training["l"] == TrainingProgress(step: 2))
        var db: OpaquePointer?
        sqlite3_open(older, &db)
        var s: OpaquePointer?
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nil)
        sqlite3_step(s)
        #expect(sqlite3_column_int64(s, 0) == WorkspaceSchema.version)
        sqlite3_finalize(s)
        sqlite3_close(db)
    }

    @Test func damagedFilesAreRefusedNeverCrashOrChange() throws {
        let good = Self.path("good")
        try Self.busy(users: 20).save(to: good)
        let original = try Data(contentsOf: URL(fileURLWithPath: good))
        // A stream edited by another tool: a code no dictionary has.
        let edited = Self.path("edited")
        try original.write(to: URL(fileURLWithPath: edited))
        Self.sql(edited, "UPDATE streams SET device = 60000 WHERE rowid = 1")
        #expect(Self.refusal(edited)?.contains("checksum") == true)
        // A journal entry that does not decode.
        let journal = Self.path("journal")
        try original.write(to: URL(fileURLWithPath: journal))
        Self.sql(journal, "UPDATE journal SET record = '{\"id\":1}' WHERE id = 1")
        #expect(Self.refusal(journal)?.contains("journal entry 1") == true)
        // Cut short, and bytes overwritten at many places: each refused, none crashes, none changed.
        let cut = Self.path("cut")
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: cut))
        #expect(Self.refusal(cut) != nil)
        var rng = SplitMix64(seed: 17)
        for i in 0..<40 {
            var bytes = original
            for _ in 0..<8 {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let p = Self.path("flip\(i)")
            try bytes.write(to: URL(fileURLWithPath: p))
            _ = Self.refusal(p)
            #expect(try Data(contentsOf: URL(fileURLWithPath: p)).count >= bytes.count / 2)
            unlink(p)
        }
    }

    @Test func anUndatedMoveOpenedOnALaterDayKeepsTheDayItWasMade() throws {
        let p = Self.path("later")
        let w = Workspace.demo(users: 30)
        let upns = w.coexistence.directory.users.map(\.upn)
        try w.apply(.moveUsers(upns: [upns[2]], target: "TeamsOnly"), who: "alice")
        try w.save(to: p)
        // The file's clock moved on ten days, as a system clock would between two sessions.
        let later = w.today.daysSinceEpoch + 10
        Self.sql(p, "UPDATE workspace SET value = '\(Day(daysSinceEpoch: later).noon.epochSeconds)' WHERE key = 'clock_fixed_at'")
        let opened = try Workspace.open(p, readOnly: true)
        #expect(opened.today.daysSinceEpoch == later)
        #expect(opened.journal.records == w.journal.records)
        let made = w.today
        #expect(opened.coexistence.state(asOf: made).grant(2)?.name == w.coexistence.state(asOf: made).grant(2)?.name)
        #expect(opened.coexistence.state(asOf: made).grant(2)?.name == "UpgradeToTeams")
    }

    /// The fuzz target's seeds (Tests/Fuzz/Corpus/workspace, `scripts/fuzz workspace`): each is a workspace
    /// this build opens, the version-1 one migrated on a copy.
    @Test func theFuzzSeedsOpen() throws {
        let dir = WorkspaceFiles.kitTests.deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/workspace").path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".db") }.sorted()
        #expect(seeds.count >= 3)
        for seed in seeds {
            let copy = Self.path("seed-" + seed)
            try FileManager.default.copyItem(atPath: dir + "/" + seed, toPath: copy)
            let w = try Workspace.open(copy)
            #expect(w.origin != .code, "\(seed)")
            w.closeFile()
        }
    }

    @Test func aWorkspaceMadeInCodeIsRefusedBySave() throws {
        let w = Workspace(name: "code", today: Workspace.demoDay, coexistence: { CoexistenceTenant(today: Workspace.demoDay) })
        do {
            try w.save(to: Self.path("code"))
            Issue.record("saved a workspace made in code")
        } catch { #expect("\(error)".contains("outside the change log")) }
    }
}
