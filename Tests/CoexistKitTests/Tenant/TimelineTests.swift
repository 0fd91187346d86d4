import Testing
@testable import CoexistKit

@Suite("dated moves, as_of, undo, dry run, all-or-nothing")
struct TimelineTests {
    @Test("a future move is scheduled: as_of the day before, on the day and after")
    func asOfAroundChangeDate() throws {
        var t = TestTenant.make()
        let r = try t.moveCohort("Wave 1", to: "Islands", options: TestTenant.options(TestTenant.feb1))
        #expect(r.scheduled)
        #expect(try t.user("raj@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        #expect(try t.user("raj@contoso.com", on: TestTenant.feb1.adding(days: -1)).effectiveMode == .sfbWithTeamsCollab)
        #expect(try t.user("raj@contoso.com", on: TestTenant.feb1).effectiveMode == .islands)
        #expect(try t.user("raj@contoso.com", on: TestTenant.feb1.adding(days: 1)).effectiveMode == .islands)
        #expect(try t.asOf(TestTenant.feb1).user("raj@contoso.com").effectiveMode == .islands)
    }

    @Test("an earlier-dated move inserted later applies in date order")
    func outOfOrderInsert() throws {
        var t = TestTenant.make()
        // Raj is homed on-premises, where Islands still means Islands after SfB Online's retirement.
        try t.moveUsers(["raj@contoso.com"], to: "TeamsOnly", options: TestTenant.options(TestTenant.feb1))
        try t.moveUsers(["raj@contoso.com"], to: "Islands", options: TestTenant.options(TestTenant.feb1.adding(days: -10)))
        #expect(try t.user("raj@contoso.com", on: TestTenant.feb1.adding(days: -5)).effectiveMode == .islands)
        #expect(try t.user("raj@contoso.com", on: TestTenant.feb1).effectiveMode == .teamsOnly)
    }

    @Test("as_of agrees with replaying every change on a long timeline")
    func asOfMatchesReplay() throws {
        let t = CoexistenceTenant.demo(userCount: 500, randomChanges: 300)
        #expect(t.timeline.entries.count > 250)
        for offset in stride(from: -1, through: 3 * 365, by: 97) {
            let day = t.today.adding(days: offset)
            var replay = t.timeline.base
            replay.day = day
            for e in t.timeline.entries where e.day <= day { e.apply(to: &replay) }
            #expect(t.state(asOf: day) == replay)
        }
    }

    @Test("undo reverts the last change set, then the one before")
    func undo() throws {
        let w = TestTenant.workspace()
        let start = w.coexistence
        try TestTenant.apply(.moveCohort(name: "Wave 1", target: "Islands"), to: w)
        let afterFirst = w.coexistence
        try TestTenant.apply(.moveUsers(upns: ["omar@contoso.com"], target: "TeamsOnly", on: TestTenant.feb1), to: w)
        #expect(w.journal.count == 4)  // two cohort definitions, two moves
        let undone = try w.undo()
        #expect(undone.who == "alice")
        #expect(w.coexistence == afterFirst)
        try w.undo()
        #expect(try w.coexistence.user("raj@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        #expect(w.coexistence.timeline == start.timeline)
    }

    @Test("undo of a cohort edit restores membership")
    func undoCohort() throws {
        let w = TestTenant.workspace()
        let before = w.coexistence.cohorts
        let r = try TestTenant.apply(.defineCohort(name: "Wave 2", upns: ["raj@contoso.com"], replace: false), to: w)
        #expect(r.notices == ["1 user(s) moved from cohort 'Wave 1' to 'Wave 2'"])
        #expect(w.coexistence.cohorts.cohortName(ofUser: 1) == "Wave 2")
        try w.undo()
        #expect(w.coexistence.cohorts == before)
    }

    @Test("a dry run reports what would change and every warning, and leaves the tenant equal")
    func dryRun() throws {
        var t = TestTenant.make()
        let before = t
        let r = try t.moveCohort("Wave 1", to: "TeamsOnly", options: TestTenant.options(dryRun: true))
        #expect(r.dryRun && r.id == nil)
        #expect(r.changes.count == 2)
        #expect(r.moveToTeamsUsers == ["raj@contoso.com", "mei@contoso.com"])
        #expect(!r.warnings.isEmpty)
        #expect(t == before)
    }

    @Test("a move that breaks a later scheduled change fails as a whole and changes nothing")
    func allOrNothingLaterEntry() throws {
        var t = TestTenant.make()
        try t.moveUsers(["raj@contoso.com", "lena@contoso.com"], to: "SfBOnly", options: TestTenant.options())
        try t.setGlobal("TeamsOnly", options: TestTenant.options(TestTenant.feb1))
        let before = t
        // Removing the grants of all of Wave 2 on Jan 1 is valid on Jan 1 itself (the global is still SfB), but
        // lena would be on-premises without a grant when tenant-wide TeamsOnly arrives on Feb 1.
        #expect(throws: TenantError.self) {
            try t.moveCohort("Wave 2", to: "Global", options: TestTenant.options(PlanDay(year: 2027, month: 1, day: 1)))
        }
        #expect(t == before)
    }

    @Test("an unknown user half-way through the list fails the whole move")
    func allOrNothingUnknownUser() {
        var t = TestTenant.make()
        let before = t
        #expect(throws: TenantError.unknownUser("nobody@contoso.com")) {
            try t.moveUsers(["omar@contoso.com", "nobody@contoso.com", "ann@contoso.com"], to: "Islands", options: TestTenant.options())
        }
        #expect(t == before)
    }

    @Test("the journal records when, who, what and why")
    func changeLog() throws {
        let w = TestTenant.workspace()
        try TestTenant.apply(.moveCohort(name: "Wave 1", target: "Islands", on: TestTenant.feb1), to: w)
        let e = try #require(w.journal.entries.last)
        #expect(e.who == "alice" && e.why == "test" && e.day == TestTenant.feb1)
        #expect(e.at == TestTenant.today.epochSeconds + 3600 && e.when == TestTenant.today)
        #expect(e.what.contains("Wave 1") && e.what.contains("Islands"))
        #expect(w.journal.table().count == w.journal.count)
    }

    @Test("plan days parse and print ISO dates")
    func planDay() {
        #expect(PlanDay(iso: "2027-02-01") == TestTenant.feb1)
        #expect(PlanDay(iso: "2027-02-30") == nil)
        #expect(TestTenant.feb1.iso == "2027-02-01")
        #expect(PlanDay(epochSeconds: TestTenant.feb1.epochSeconds + 86_399) == TestTenant.feb1)
    }
}
