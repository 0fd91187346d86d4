import Testing
@testable import CoexistKit

/// The journal is the one record of what happened: `changes`, undo and the PowerShell plan all read it, and
/// its "when" comes from the workspace's clock.
@Suite struct OneLogTests {
    static let now = Instant(year: 2027, month: 1, day: 4, hour: 9, minute: 30)

    /// A change applied without an instant was recorded at the Unix epoch ("by alice on 1970-01-01" in the plan).
    @Test func aChangeIsStampedByTheWorkspaceClock() throws {
        let w = Workspace.demo(users: 40, clock: .fixed(Self.now))
        try w.apply(.moveCohort(name: "Wave 1", target: "TeamsOnly", on: Day(year: 2027, month: 2, day: 1)), who: "alice", why: "cut-over")
        let e = try #require(w.journal.entries.last)
        #expect(e.at == Self.now.epochSeconds && e.when == Self.now.day)
        let script = try PowerShellPlan(w).script
        #expect(script.contains("# by alice on 2027-01-04: cut-over"), "\(script.prefix(2000))")
    }

    /// The plan is the journal's dated change sets: an undo takes a change set out of it, imports and cohort edits
    /// never enter it, and a fork's plan is its own journal's.
    @Test func thePlanIsTheJournalsChangeSets() throws {
        let w = TestTenant.workspace()
        try TestTenant.apply(.moveCohort(name: "Wave 1", target: "TeamsOnly", on: TestTenant.feb1), to: w)
        try TestTenant.apply(.defineCohort(name: "Wave 3", upns: ["ann@contoso.com"]), to: w)
        try TestTenant.apply(.moveCohort(name: "Wave 2", target: "SfBWithTeamsCollabAndMeetings", on: TestTenant.feb1), to: w)
        #expect(Set(try PowerShellPlan(w).steps.map(\.changeSet)) == [3, 5])
        let f = w.fork()
        try f.undo()
        #expect(Set(try PowerShellPlan(f).steps.map(\.changeSet)) == [3])
        #expect(Set(try PowerShellPlan(w).steps.map(\.changeSet)) == [3, 5])
        // The undone change set is gone from the fork's timeline too, and the id is taken again.
        #expect(f.coexistence.timeline.entries.map(\.id) == [3])
        let again = try TestTenant.apply(.setGlobal(target: "SfBOnly", on: TestTenant.feb1), to: f)
        #expect(again.id == 5 && f.journal.entries.map(\.id) == [1, 2, 3, 4, 5])
    }

    /// Undo of a cohort edit puts membership back; of a move, takes the move's change set out of the timeline.
    @Test func undoRevertsThroughTheJournalAlone() throws {
        let w = TestTenant.workspace()
        let start = w.coexistence
        try TestTenant.apply(.defineCohort(name: "Wave 2", upns: ["raj@contoso.com"], replace: false), to: w)
        try TestTenant.apply(.moveUsers(upns: ["omar@contoso.com"], target: "Islands"), to: w)
        #expect(w.coexistence.cohorts.cohortName(ofUser: 1) == "Wave 2")
        try w.undo()
        try w.undo()
        #expect(w.coexistence == start)
        #expect(w.journal.count == 2)
    }

    /// A tenant handed to a workspace reads the workspace's clock, whatever day it was made on.
    @Test func theTenantReadsTheWorkspacesDay() throws {
        let made = CoexistenceTenant(users: TestTenant.users, today: TestTenant.today)
        let w = Workspace(name: "t", clock: .fixed(Self.now), coexistence: { made })
        #expect(w.coexistence.today == Self.now.day)
        #expect(w.fork().coexistence.today == Self.now.day)
        #expect(w.coexistence.asOf(TestTenant.feb1).today == TestTenant.feb1)
        #expect(w.coexistence.today == Self.now.day)
    }
}
