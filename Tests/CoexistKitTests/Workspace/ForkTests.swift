import Foundation
import Testing
@testable import CoexistKit

/// `workspace.fork()`: an independent copy that shares every column until written, on which changes go through
/// the same door and journal, leaving the original untouched.
@Suite struct ForkTests {
    @Test func changesOnAForkLeaveTheOriginalUntouchedFieldByField() throws {
        let w = Workspace.demo(users: 40)
        try w.apply(.defineCohort(name: "Before the fork", upns: [w.coexistence.directory[0].upn]), who: "alice")
        let original = WorkspaceFields(w)
        let f = w.fork(name: "what-if")
        #expect(f.journal.records == w.journal.records)
        let changes = try MixedChanges.list(for: f)
        for c in changes { try f.apply(c, who: "bob", why: "scenario") }
        let a = WorkspaceFields(w), b = WorkspaceFields(f)
        #expect(a.users == original.users)
        #expect(a.grants == original.grants)
        #expect(a.homing == original.homing)
        #expect(a.cohorts == original.cohorts)
        #expect(a.global == original.global)
        #expect(a.streams == original.streams)
        #expect(a.checksum == original.checksum)
        #expect(a.buildings == original.buildings)
        #expect(a.devices == original.devices)
        #expect(w.journal.count == 1)
        #expect(f.journal.count == 1 + changes.count)
        #expect(b.streams == original.streams + 5)
        #expect(b.buildings != original.buildings)
        #expect(f.name == "what-if" && w.name == DemoPeople.tenantName)
        // And the other way: a change to the original does not reach the fork.
        let forked = WorkspaceFields(f)
        try w.apply(.moveUsers(upns: [w.coexistence.directory[20].upn], target: "TeamsOnly"), who: "alice")
        #expect(WorkspaceFields(f) == forked)
        // Undoing the fork back to where it started gives the original as it was at the fork.
        for _ in changes { try f.undo() }
        #expect(WorkspaceFields(f) == original)
    }

    /// Resident memory of the process, in bytes (Linux: /proc/self/statm).
    static func residentBytes() -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func aForkOfA300000StreamDemoCopiesNothingUntilWritten() throws {
        let w = Workspace.demo(users: 2_000)
        let streams = w.calls.count
        #expect(streams >= 300_000)
        _ = w.coexistence.directory.count
        let rssBefore = Self.residentBytes()
        var fastest = Duration.seconds(1)
        var forks: [Workspace] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            forks.append(w.fork())
            fastest = min(fastest, ContinuousClock.now - start)
        }
        let rssAfterForks = Self.residentBytes()
        let f = forks[0]
        // Shared, not copied: the fork's columns are the original's buffers.
        #expect(f.calls.call.storage.base == w.calls.call.storage.base)
        #expect(f.calls.metrics[0].storage.base == w.calls.metrics[0].storage.base)
        #expect(f.coexistence == w.coexistence)
        #expect(fastest < .milliseconds(1))
        // Writing the fork copies its columns, and only its own.
        try f.apply(.importCalls(try FileStamp.of(WorkspaceFiles.cqdExport)), who: "bob")
        let rssAfterWrite = Self.residentBytes()
        #expect(f.calls.call.storage.base != w.calls.call.storage.base)
        #expect(f.calls.count == streams + 5)
        #expect(w.calls.count == streams)
        #expect(w.journal.count == 0)
        print("fork of \(streams) streams (\(w.calls.columnBytes / 1_048_576) MB of columns): fastest of 5 forks \(fastest); resident memory +\((rssAfterForks - rssBefore) / 1024) KB after 5 forks, +\((rssAfterWrite - rssAfterForks) / 1024) KB after writing one")
    }
}
