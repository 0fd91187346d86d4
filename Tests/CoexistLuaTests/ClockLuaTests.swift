import CoexistKit
@testable import CoexistLua
import Testing

/// `date()`, relative dates and undated changes read the clock of the workspace their engine is bound to;
/// nothing in the process holds a "now" that one session could leave behind for another.
@Suite struct ClockLuaTests {
    /// The shared harness with every binding over `workspace`, as the shell makes one.
    typealias Session = LuaHarness

    static let january = Day(year: 2026, month: 1, day: 1)
    static let june = Day(year: 2030, month: 6, day: 30)

    @Test func twoWorkspacesWithTwoClocksEachSeeTheirOwnToday() throws {
        let a = try Session(Workspace.empty(today: Self.january))
        let b = try Session(Workspace.empty(today: Self.june))
        // Interleaved, and a read after the other engine was bound: the last one bound must not win.
        #expect(try a.text("date('today')") == "2026-01-01")
        #expect(try b.text("date('today')") == "2030-06-30")
        #expect(try a.text("date('-7d')") == "2025-12-25")
        #expect(try b.text("date('+2w')") == "2030-07-14")
        #expect(try a.text("date()") == "2026-01-01T12:00:00Z")
        #expect(try b.text("date()") == "2030-06-30T12:00:00Z")
        #expect(try a.text("date('today')") == "2026-01-01")
    }

    /// The reported bug: an empty workspace given a day read the real clock (or a previous session's day) in date().
    @Test func anEmptyWorkspacesDateIsItsOwnDay() throws {
        let s = try Session(Workspace.empty(today: Day(year: 2031, month: 5, day: 5)))
        #expect(try s.text("date('today')") == "2031-05-05")
        #expect(try s.text("date('yesterday')") == "2031-05-04")
    }

    @Test func aSystemClockWorkspaceReadsTheRealDay() throws {
        let s = try Session(Workspace.empty(clock: .system))
        #expect(try s.text("date('today')") == WorkspaceClock.system.today.iso)
    }

    /// An undated move takes effect on the clock's day, and the change log records the clock's now as its "when".
    @Test func undatedChangesAndTheirLogReadTheWorkspaceClock() throws {
        let now = Instant(year: 2027, month: 1, day: 4, hour: 9, minute: 30)
        let s = try Session(Workspace.demo(users: 60, clock: .fixed(now)))
        #expect(try s.text("cohort('Pilot'):move('TeamsOnly').day") == "2027-01-04")
        #expect(s.workspace.journal.entries.last?.at == now.epochSeconds)
        #expect(try s.text("cohort('Pilot'):move('Islands', {on='+2w'}).day") == "2027-01-18")
    }

    @Test func misspeltRelativeDatesAreRefusedWithTheSpellingMeant() throws {
        let s = try Session(Workspace.empty(today: Self.january))
        #expect(s.error("date('tody')")?.contains("did you mean 'today'") == true)
        #expect(s.error("date('+2 weeks')")?.contains("did you mean '+2w'") == true)
        #expect(s.error("date('+99999999999d')")?.contains("date out of range") == true)
        let demo = try Session(Workspace.demo(users: 60))
        #expect(demo.error("cohort('Pilot'):move('TeamsOnly', {on='+2 weeks'})")?.contains("did you mean '+2w'") == true)
    }
}
