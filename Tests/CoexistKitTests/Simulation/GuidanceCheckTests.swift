import Testing
@testable import CoexistKit

/// Each guidance check fires on a plan crafted to break it, naming the step and date, and stays quiet on
/// a plan that keeps it.
@Suite struct GuidanceCheckTests {
    typealias F = SimulationFixtures
    let w = F.workspace()

    func checks(_ steps: [ScenarioStep], _ tweak: (inout Scenario) throws -> Void = { _ in }, on ws: Workspace? = nil) throws -> [GuidanceViolation] {
        var s = F.scenario(steps, days: 90)
        try tweak(&s)
        return try ScenarioRun.run(s, on: ws ?? w).violations
    }

    func fired(_ list: [GuidanceViolation], _ check: GuidanceViolation.Check) -> [GuidanceViolation] { list.filter { $0.check == check } }

    static func move(_ day: Int, _ cohort: String, _ mode: String, notify: Int? = 14, toTeams: Bool = true) -> ScenarioStep {
        F.on(day, .move(cohort: cohort, mode: mode, notifyDays: notify, moveToTeams: toTeams))
    }

    @Test func windowOver45Days() throws {
        let v = fired(try checks([Self.move(0, "Wave 1", "Islands"), Self.move(50, "Wave 2", "Islands")]), .window)
        #expect(v.count == 1 && v[0].step == 2 && v[0].date == F.start.adding(days: 50))
        #expect(fired(try checks([Self.move(0, "Wave 1", "Islands"), Self.move(40, "Wave 2", "Islands")]), .window).isEmpty)
    }

    @Test func pilotShorterThan30DaysAndNoAssessmentBeforeTeamsOnly() throws {
        let short = try checks([F.on(0, .pilot(cohort: "Wave 1", days: 20, assessDays: 15)), Self.move(10, "Wave 1", "TeamsOnly")])
        #expect(fired(short, .pilotLength).map(\.step) == [1])
        #expect(fired(short, .noAssessment).map(\.step) == [2])
        let good = try checks([F.on(0, .pilot(cohort: "Wave 1", days: 30, assessDays: 15)), Self.move(46, "Wave 1", "TeamsOnly")])
        #expect(fired(good, .pilotLength).isEmpty && fired(good, .noAssessment).isEmpty)
    }

    @Test func teamsOnlyForOnPremisesUsersWithoutMoveToTeams() throws {
        let v = fired(try checks([Self.move(5, "Wave 1", "TeamsOnly", toTeams: false)]), .noMoveToTeams)
        #expect(v.count == 1 && v[0].step == 1 && v[0].message.hasPrefix("20 user(s) of 'Wave 1'"))
        #expect(fired(try checks([Self.move(5, "Wave 1", "TeamsOnly")]), .noMoveToTeams).isEmpty)
    }

    @Test func waveIntoABuildingOverItsWAN() throws {
        let plan = [Self.move(5, "Wave 1", "TeamsOnly")]
        let v = fired(try checks(plan) { $0.wanMbps = ["HQ": 0.5] }, .buildingNotReady)
        #expect(v.count == 1 && v[0].step == 1 && v[0].message.contains("HQ"))
        #expect(fired(try checks(plan), .buildingNotReady).isEmpty)
    }

    @Test func reviewsLessThanWeeklyDuringTheRollout() throws {
        let plan = [Self.move(0, "Wave 1", "Islands"), Self.move(20, "Wave 2", "Islands")]
        let v = fired(try checks(plan), .reviewCadence)
        #expect(v.count == 1 && v[0].date == F.start)
        let reviewed = plan + [F.on(7, .review), F.on(14, .review)]
        #expect(fired(try checks(reviewed), .reviewCadence).isEmpty)
    }

    @Test func tenantWideTeamsOnlyWhileUsersAreOnPremises() throws {
        // Explicit grants let the engine accept the global; the users are still on-premises.
        let v = fired(try checks([Self.move(0, "Wave 1", "SfBWithTeamsCollab"), Self.move(0, "Wave 2", "SfBWithTeamsCollab"),
                                  F.on(10, .global(mode: "TeamsOnly"))]), .globalTeamsOnly)
        #expect(v.count == 1 && v[0].step == 3 && v[0].message.contains("40 user(s)"))
        #expect(fired(try checks([F.on(10, .global(mode: "TeamsOnly"))], on: F.workspace(online: true)), .globalTeamsOnly).isEmpty)
    }

    @Test func anIslandsPeriodThatMissesTooMuch() throws {
        let plan = [Self.move(0, "Wave 1", "TeamsOnly"), Self.move(0, "Wave 2", "Islands")]
        let v = fired(try checks(plan) { try $0.parameters.set("imitation", 0) ; try $0.parameters.set("innovation", 0) }, .islandsMissed)
        #expect(v.count == 1 && v[0].step == 2 && v[0].message.hasPrefix("'Wave 2' in Islands misses"))
        // Everyone in the cohort starts Teams on the first day and keeps Skype for Business: nothing is missed.
        let quiet = try checks(plan) { try $0.parameters.set("innovation", 1); try $0.parameters.set("imitation", 0); try $0.parameters.set("islands_keep_sfb", 1) }
        #expect(fired(quiet, .islandsMissed).isEmpty)
    }

    @Test func aWaveWithNoNotice() throws {
        let v = fired(try checks([Self.move(5, "Wave 1", "Islands", notify: nil)]), .noNotice)
        #expect(v.count == 1 && v[0].step == 1)
        #expect(fired(try checks([Self.move(5, "Wave 1", "Islands")]), .noNotice).isEmpty)
        #expect(fired(try checks([F.on(0, .announce(cohort: "Wave 1")), Self.move(5, "Wave 1", "Islands", notify: nil)]), .noNotice).isEmpty)
    }
}
