import Foundation
import Testing
@testable import CoexistKit

/// The one door: every kind of change goes through `Workspace.apply`, lands in one journal with who, when,
/// what and why, and can be undone, imports and the building file included.
@Suite struct JournalTests {
    @Test func everyKindIsJournaledWithWhoWhenWhatAndWhy() throws {
        let w = Workspace.demo(users: 40)
        let changes = try MixedChanges.list(for: w)
        for (i, c) in changes.enumerated() { try w.apply(c, who: "alice", why: "step \(i + 1)", at: 1_000 + Double(i)) }
        let entries = w.journal.entries
        #expect(entries.map(\.change) == changes)
        #expect(entries.map(\.id) == Array(1...changes.count))
        #expect(entries.allSatisfy { $0.who == "alice" && $0.when == w.coexistence.today })
        #expect(entries.map(\.why) == (1...changes.count).map { "step \($0)" })
        #expect(entries.map(\.change.kind) == ["import_buildings", "move", "cohort edit", "import_calls", "cohort move",
                                               "import_devices", "import_users", "set_global", "cohort remove"])
        #expect(entries[3].report.streams?.imported == 5)
        #expect(entries[0].report.what.contains("2 building(s)"))
        // changes:table() reads this: one row per entry, every kind.
        let table = w.journal.table()
        #expect(table.rows.count == changes.count)
        #expect(table.rows.map { $0[table.columnIndex("kind")!] } == entries.map { .string($0.change.kind) })
    }

    @Test func undoRevertsEveryKindLastFirst() throws {
        let w = Workspace.demo(users: 40)
        var before: [WorkspaceFields] = []
        for c in try MixedChanges.list(for: w) {
            before.append(WorkspaceFields(w))
            try w.apply(c, who: "alice")
        }
        #expect(WorkspaceFields(w) != before.last!)
        while let expected = before.popLast() {
            let entry = try w.undo()
            #expect(WorkspaceFields(w) == expected, "after undoing \(entry.change.kind)")
            #expect(w.journal.count == before.count)
        }
        #expect(throws: TenantError.nothingToUndo) { try w.undo() }
    }

    @Test func importBuildingsReplacesTheMapAndUndoPutsItBack() throws {
        let w = Workspace.demo(users: 60)
        let demoMap = w.calls.buildingFile
        try w.apply(.importBuildings(try FileStamp.of(WorkspaceFiles.cqdBuildings)), who: "alice")
        #expect(w.calls.buildingFile.buildings.count == 2)
        #expect(w.calls.buildingFile != demoMap)
        try w.undo()
        #expect(w.calls.buildingFile == demoMap)
    }

    @Test func aFailedChangeLeavesWorkspaceAndJournalAsTheyWere() throws {
        let w = Workspace.demo(users: 60)
        try w.apply(.defineCohort(name: "Kept", upns: [w.coexistence.directory[0].upn]), who: "alice")
        let fields = WorkspaceFields(w)
        let bad = try WorkspaceFiles.write("10.1.1.5,USA/Seattle/SEA-1,24,SEA-1,Contoso,Office,Eng,Seattle,98101,US,WA,MSUS,1,0,0\n", "bad-buildings.csv")
        #expect(throws: (any Error).self) { try w.apply(.importBuildings(try FileStamp.of(bad)), who: "alice") }
        #expect(throws: TenantError.unknownUser("nobody@contoso.com")) {
            try w.apply(.moveUsers(upns: [w.coexistence.directory[1].upn, "nobody@contoso.com"], target: "TeamsOnly"), who: "alice")
        }
        #expect(WorkspaceFields(w) == fields)
        #expect(w.journal.count == 1)
    }

    @Test func aDryRunIsReportedAndNotJournaled() throws {
        let w = Workspace.demo(users: 60)
        let fields = WorkspaceFields(w)
        let report = try w.apply(.moveCohort(name: "Wave 1", target: "TeamsOnly"), who: "alice", dryRun: true)
        #expect(report.dryRun && !report.changes.isEmpty)
        #expect(w.journal.count == 0)
        #expect(WorkspaceFields(w) == fields)
    }

    @Test func recordsNameUsersByUPNAndFilesByStampAndRoundTripThroughJSON() throws {
        let w = Workspace.demo(users: 60)
        let upn = w.coexistence.directory[7].upn
        try w.apply(.moveUsers(upns: [upn], target: "TeamsOnly", on: PlanDay(year: 2027, month: 1, day: 4)), who: "bob", why: "pilot")
        try w.apply(.importCalls(try FileStamp.of(WorkspaceFiles.cqdExport)), who: "bob")
        let data = try JSONEncoder().encode(w.journal.records)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(upn))
        #expect(text.contains("conference-export.csv"))
        let stamp = try FileStamp.of(WorkspaceFiles.cqdExport)
        #expect(stamp.size == (try Data(contentsOf: URL(fileURLWithPath: WorkspaceFiles.cqdExport))).count)
        #expect(text.contains(stamp.hash))
        #expect(try JSONDecoder().decode([JournalRecord].self, from: data) == w.journal.records)
    }

    @Test func aStampChangesWithTheFilesBytes() throws {
        let path = try WorkspaceFiles.write("*Jabra*\n", "stamp.txt")
        let a = try FileStamp.of(path)
        _ = try WorkspaceFiles.write("*Jabrb*\n", "stamp.txt")
        let b = try FileStamp.of(path)
        #expect(a.size == b.size)
        #expect(a.hash != b.hash)
        #expect(throws: (any Error).self) { try FileStamp.of(path + ".missing") }
    }
}

/// A report, the journal and the tenant's change sets (what the PowerShell plan numbers) agree on ids.
@Suite struct JournalIdTests {
    @Test func aMoveAfterAnImportIsChangeTwoEverywhere() throws {
        let w = Workspace.demo(users: 40)
        let imported = try w.apply(.importBuildings(try FileStamp.of(WorkspaceFiles.cqdBuildings)), who: "alice")
        let moved = try w.apply(.moveCohort(name: "Wave 1", target: "TeamsOnly", on: PlanDay(year: 2027, month: 2, day: 1)), who: "alice")
        #expect(imported.id == nil)
        #expect(moved.id == 2)
        #expect(w.journal.entries.map(\.id) == [1, 2])
        // The demo's recorded history sits in the timeline under ids below zero; change sets take the journal's.
        let history = w.coexistence.timeline.entries.map(\.id).filter { $0 < 0 }
        #expect(history.count == w.coexistence.history.count)
        #expect(w.coexistence.timeline.entries.map(\.id) == history + [2])
        let steps = try PowerShellPlan(w).steps
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0.changeSet == 2 })
        try w.undo()
        let again = try w.apply(.setGlobal(target: "SfBWithTeamsCollab"), who: "alice")
        #expect(again.id == 2)
        #expect(w.coexistence.timeline.entries.map(\.id) == history + [2])
    }
}
