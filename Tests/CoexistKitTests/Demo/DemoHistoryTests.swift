import Testing
@testable import CoexistKit

/// The demo tenant as at the start of a real journey: its waves not yet TeamsOnly, its change log recording the
/// moves its call records show, and those records following the adoption curves it was generated with.
@Suite struct DemoHistoryTests {
    @Test("the tenant's recorded history holds each cohort's moves of DemoAdoption, in date order, and is in force")
    func theHistoryIsRecorded() throws {
        let tenant = CoexistenceTenant.demo(userCount: 200)
        let expected = DemoAdoption.plans.flatMap { p in p.moves.map { CohortMove(cohort: p.cohort, day: $0.day, mode: $0.mode) } }
            .sorted { $0.day < $1.day }
        #expect(tenant.history == expected)
        #expect(tenant.recordedMoves() == expected)
        #expect(tenant.recordedMoves(cohort: "wave 1") == [CohortMove(cohort: "Wave 1", day: Day(year: 2026, month: 8, day: 31), mode: .islands)])
        // The starting point, not change sets: nothing to undo, nothing for a PowerShell plan to repeat.
        let workspace = Workspace(name: "demo", today: tenant.today, coexistence: { tenant })
        #expect(workspace.journal.entries.isEmpty)
        #expect(throws: TenantError.self) { try workspace.undo() }
        // A later change set for a cohort, through the door, joins the recorded moves; undone, it leaves them.
        try workspace.apply(.moveCohort(name: "Wave 3", target: "Islands", on: Day(year: 2026, month: 12, day: 7)), who: "test")
        #expect(workspace.recordedMoves(cohort: "Wave 3") == [CohortMove(cohort: "Wave 3", day: Day(year: 2026, month: 12, day: 7), mode: .islands)])
        _ = try workspace.undo()
        #expect(workspace.coexistence == tenant)
        #expect(workspace.recordedMoves() == expected)
    }

    @Test("no wave is TeamsOnly before it is moved: Wave 1 and 2 in Islands, Wave 3 in the SfBWithTeamsCollab global")
    func wavesNotYetMovedAreNotTeamsOnly() {
        let tenant = CoexistenceTenant.demo(userCount: 400, today: Workspace.demoDay)
        var modes: [String: Set<CoexistenceMode>] = [:]
        for u in tenant.users() { modes[u.cohort ?? "", default: []].insert(u.effectiveMode) }
        #expect(modes["Pilot"] == [.teamsOnly])
        #expect(modes["Wave 1"] == [.islands])
        #expect(modes["Wave 2"] == [.islands])
        #expect(modes["Wave 3"] == [.sfbWithTeamsCollab])
        // Before its move the Pilot was on-premises under the global, like every other wave.
        let before = tenant.state(asOf: Day(year: 2026, month: 8, day: 9))
        #expect(tenant.users(on: Day(year: 2026, month: 8, day: 9)).allSatisfy { $0.effectiveMode == .sfbWithTeamsCollab })
        #expect(before.onPremises.allSatisfy { $0 })
    }

    @Test("moving a wave changes every one of its users, not only the on-premises ones")
    func movingAWaveChangesAllItsUsers() throws {
        var tenant = CoexistenceTenant.demo(userCount: 400, today: Workspace.demoDay)
        let wave = try tenant.cohorts.cohort("Wave 3")
        let report = try tenant.moveCohort("Wave 3", to: "TeamsOnly", options: ChangeOptions(on: Day(year: 2027, month: 2, day: 1)))
        #expect(report.changes.count == wave.count)
        #expect(report.unchangedUsers == 0)
        let islands = try tenant.moveCohort("Wave 2", to: "SfBWithTeamsCollabAndMeetings",
                                             options: ChangeOptions(on: Day(year: 2027, month: 1, day: 1)))
        #expect(islands.changes.count == (try tenant.cohorts.cohort("Wave 2")).count)
    }

    @Test("a user runs Teams on the demo's day once the cohort's adoption has reached them")
    func runsTeamsFollowsAdoption() {
        let tenant = CoexistenceTenant.demo(userCount: 2_000, today: Workspace.demoDay)
        func share(_ cohort: String) -> Double {
            let us = tenant.users().filter { $0.cohort == cohort }
            return Double(us.filter(\.user.runsTeams).count) / Double(us.count)
        }
        #expect(share("Pilot") == 1)
        #expect(share("Wave 3") < 0.06)
        let wave1 = DemoAdoption.shares(cohort: 1, from: Workspace.demoDay, days: 1)[0]
        #expect(abs(share("Wave 1") - wave1) < 0.06)
        #expect(share("Wave 1") > share("Wave 2"))
    }

    /// The stated tolerance on the demo's own generated records (60,000 users, 10 streams each): each moved
    /// cohort's fitted p and q within 25 % of the rates DemoAdoption generated it with (the Pilot's 3,000 users
    /// over six weeks are the noisiest), and the weekly share within 2 percentage points.
    @Test("calibrate recovers the demo's generating parameters from its call records")
    func calibrationRecoversTheDemosParameters() throws {
        let tenant = CoexistenceTenant.demo(userCount: 60_000, today: Workspace.demoDay)
        let store = DemoCalls.generate(DemoCallsOptions(users: 60_000, streamsPerUser: 10))
        let result = try Calibration.fit(TeamsShareHistory.measure(store, tenant), tenant)
        for plan in DemoAdoption.plans {
            let fit = try #require(result.fits.first { $0.cohort == plan.cohort })
            guard plan.moves.contains(where: { $0.mode == .islands }) else {
                #expect(fit.parameters == nil)
                continue
            }
            let p = try #require(fit.parameters, "\(plan.cohort): \(fit.note)")
            #expect(abs(p.innovation - plan.parameters.innovation) / plan.parameters.innovation < 0.25, "\(plan.cohort) p \(p.innovation) q \(p.imitation)")
            #expect(abs(p.imitation - plan.parameters.imitation) / plan.parameters.imitation < 0.25, "\(plan.cohort) q \(p.imitation)")
            #expect(try #require(fit.rmse) < 0.02)
            #expect(abs(try #require(fit.start) - DemoAdoption.startShare) < 0.01)
        }
    }
}
