#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Testing
@testable import CoexistKit

/// The workspace's clock: fixed or the system's, and the one place the workspace and its tenant read "today".
@Suite struct ClockTests {
    @Test func aFixedClockReadsItsInstantAndDay() {
        let clock = WorkspaceClock.fixed(Instant(year: 2026, month: 3, day: 15, hour: 23, minute: 59))
        #expect(clock.now.iso == "2026-03-15T23:59:00Z")
        #expect(clock.today == Day(year: 2026, month: 3, day: 15))
        #expect(WorkspaceClock.fixed(Day(year: 2026, month: 3, day: 15)).now.iso == "2026-03-15T12:00:00Z")
    }

    @Test func theSystemClockReadsTheRealTime() {
        let real = Double(time(nil))
        let read = WorkspaceClock.system.now.epochSeconds
        #expect(abs(read - real) < 5)
        #expect(WorkspaceClock.system.fixedAt == nil)
    }

    @Test(arguments: [("2026-11-01", "2026-11-01"), ("2026-11-01T09:30Z", "2026-11-01T09:30:00Z"),
                      (" 2026-11-01 09:30:15 ", "2026-11-01T09:30:15Z")])
    func coexistNowValuesFixTheClock(_ value: String, _ iso: String) throws {
        #expect(try WorkspaceClock.fixed(parsing: value).now.iso == iso)
    }

    /// A relative date has nothing to count from when it is the clock itself.
    @Test(arguments: ["2026-13-01", "2026-02-30", "today", "-7d", "next week", ""])
    func coexistNowRefusesWhatIsNoAbsoluteDate(_ value: String) {
        #expect(throws: Instant.ParseError.self) { try WorkspaceClock.fixed(parsing: value) }
    }

    /// The reported bug: `empty(today:)` left the workspace without a day, so readers fell back to the real clock.
    @Test func anEmptyWorkspaceLivesOnTheDayItWasGiven() {
        let day = Day(year: 2031, month: 5, day: 5)
        let w = Workspace.empty(today: day)
        #expect(w.today == day)
        #expect(w.clock.now == day.noon)
        #expect(w.coexistence.today == day)
    }

    @Test func theDemoLivesOnItsOwnDayUnlessGivenAClock() {
        #expect(Workspace.demo(users: 20).today == Workspace.demoDay)
        let day = Day(year: 2027, month: 1, day: 4)
        let w = Workspace.demo(users: 20, clock: .fixed(day))
        #expect(w.today == day)
        #expect(w.coexistence.today == day)
    }

    /// Two workspaces in one process each keep their own clock; the tenant's today is the clock's, even for a
    /// tenant value made on another day and stored into the workspace.
    @Test func twoWorkspacesKeepTheirOwnClocks() {
        let a = Workspace.empty(today: Day(year: 2026, month: 1, day: 1))
        let b = Workspace.empty(today: Day(year: 2030, month: 6, day: 30))
        #expect(a.today != b.today)
        a.coexistence = b.coexistence
        #expect(a.coexistence.today == Day(year: 2026, month: 1, day: 1))
        #expect(b.coexistence.today == Day(year: 2030, month: 6, day: 30))
    }
}
