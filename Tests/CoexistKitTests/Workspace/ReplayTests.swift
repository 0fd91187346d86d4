import Foundation
import Testing
@testable import CoexistKit

/// Replaying a journal onto the workspace it started from gives the same workspace.
@Suite struct ReplayTests {
    @Test func replayingTheJournalOntoTheStartGivesTheSameWorkspace() throws {
        let played = Workspace.demo(users: 40)
        for (i, c) in try MixedChanges.list(for: played).enumerated() {
            try played.apply(c, who: "alice", why: "step \(i)", at: 5_000 + Double(i))
        }
        let records = played.journal.records
        // Through the stored form, as a saved workspace would hand it back.
        let stored = try JSONDecoder().decode([JournalRecord].self, from: JSONEncoder().encode(records))
        let replayed = Workspace.demo(users: 40)
        #expect(WorkspaceFields(replayed) != WorkspaceFields(played))
        try replayed.replay(stored)
        let a = WorkspaceFields(played), b = WorkspaceFields(replayed)
        #expect(a.users == b.users)
        #expect(a.grants == b.grants)
        #expect(a.homing == b.homing)
        #expect(a.cohorts == b.cohorts)
        #expect(a.global == b.global)
        #expect(a.streams == b.streams)
        #expect(a.checksum == b.checksum)
        #expect(a.buildings == b.buildings)
        #expect(a.devices == b.devices)
        #expect(replayed.coexistence == played.coexistence)
        #expect(replayed.journal.records == records)
    }

    @Test func aReplayStopsAtAFileThatChangedSinceItWasImported() throws {
        let path = try WorkspaceFiles.write("*Jabra*\n", "replay-devices.txt")
        let played = Workspace.demo(users: 60)
        try played.apply(.defineCohort(name: "First", upns: [played.coexistence.directory[0].upn]), who: "alice")
        try played.apply(.importDevices(try FileStamp.of(path)), who: "alice")
        _ = try WorkspaceFiles.write("*Poly*\n", "replay-devices.txt")
        let replayed = Workspace.demo(users: 60)
        do {
            try replayed.replay(played.journal.records)
            Issue.record("the replay took a changed file")
        } catch {
            #expect("\(error)".contains("replay-devices.txt"))
            #expect("\(error)".contains("changed since change 2"))
        }
        // The change before the file was played; nothing after it.
        #expect(replayed.journal.count == 1)
        #expect(replayed.calls.deviceCatalogue == DeviceCatalogue.default)
    }
}
