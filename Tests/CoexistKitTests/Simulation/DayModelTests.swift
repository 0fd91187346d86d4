import Testing
@testable import CoexistKit

/// The day model's promises: determinism, a plan with no steps changes nothing, TeamsOnly for all misses
/// nothing, grouped counting equals per-user counting, the tenant is never changed.
@Suite struct DayModelTests {
    let w = SimulationFixtures.workspace()

    @Test func sameSeedGivesTheSameNumbersAndAnotherSeedOtherDraws() throws {
        let s = SimulationFixtures.scenario(SimulationFixtures.busyPlan)
        let a = try ScenarioRun.run(s, on: w, runs: 4), b = try ScenarioRun.run(s, on: w, runs: 4)
        #expect(a.runs == b.runs)
        var other = s
        other.seed = 8
        let c = try ScenarioRun.run(other, on: w, runs: 4)
        #expect(a.runs.map { $0.series(.teamsShare) } != c.runs.map { $0.series(.teamsShare) })
        // Replications differ from each other: each has its own stream.
        #expect(a.runs[0].series(.teamsShare) != a.runs[1].series(.teamsShare))
    }

    @Test func noStepsChangesNothingAndIsFlat() throws {
        let before = w.coexistence, journal = w.journal.entries.count
        let r = try ScenarioRun.run(SimulationFixtures.scenario(), on: w, runs: 3)
        for m in DayMeasure.allCases {
            let s = r.series(m)
            #expect(s.allSatisfy { $0 == s[0] }, "\(m.name) is not flat")
        }
        #expect(r.series(.conversations)[0] > 0)
        #expect(w.coexistence == before)
        #expect(w.journal.entries.count == journal)
    }

    @Test func everyoneTeamsOnlyOnDayOneMissesNothing() throws {
        var s = SimulationFixtures.scenario([
            SimulationFixtures.on(0, .move(cohort: "Wave 1", mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)),
            SimulationFixtures.on(0, .move(cohort: "Wave 2", mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)),
        ])
        try s.parameters.set("policy_delay_days", 0)
        let r = try ScenarioRun.run(s, on: w, runs: 2)
        #expect(r.series(.usersTeamsOnly).allSatisfy { $0 == 40 })
        #expect(r.series(.missed).allSatisfy { $0 == 0 })
        #expect(r.series(.native)[0] > 0)
        // The same tenant left as it is misses conversations (Islands-free but SfB-heavy): the check can fail.
        let moved = try ScenarioRun.run(SimulationFixtures.scenario(SimulationFixtures.busyPlan), on: w, runs: 2)
        #expect(moved.series(.missed).reduce(0, +) > 0)
    }

    @Test func groupedCountingEqualsPerUserCounting() throws {
        let s = SimulationFixtures.scenario(SimulationFixtures.busyPlan)
        let grouped = try ScenarioRun.run(s, on: w, runs: 3, counting: .grouped)
        let perUser = try ScenarioRun.run(s, on: w, runs: 3, counting: .perUser)
        for (g, p) in zip(grouped.runs, perUser.runs) {
            for (x, y) in zip(g.values, p.values) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
            for (x, y) in zip(g.islandsMissed.joined(), p.islandsMissed.joined()) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
        }
        #expect(grouped.series(.interop).reduce(0, +) > 0)
        #expect(grouped.series(.threadsDisabled).reduce(0, +) > 0)
    }

    /// Only Islands users split between the clients: a user in a Skype for Business mode has chats and calls
    /// in Skype for Business however keen on Teams, so no adoption lever makes them a Teams user, in the
    /// grouped model or in the per-user reference.
    @Test func onlyIslandsUsersAdoptTeams() throws {
        // The fixture's users are SfBWithTeamsCollab and every third already opens Teams.
        var s = SimulationFixtures.scenario([
            SimulationFixtures.on(0, .announce(cohort: nil)),
            SimulationFixtures.on(0, .champions(cohort: "Wave 2", count: 5)),
            SimulationFixtures.on(10, .move(cohort: "Wave 1", mode: "Islands", notifyDays: 14, moveToTeams: false)),
        ])
        try s.parameters.set("policy_delay_days", 0)
        try s.parameters.set("innovation", 0.2)
        for counting in [DayModel.Counting.grouped, .perUser] {
            let r = try ScenarioRun.run(s, on: w, runs: 2, counting: counting)
            // Nobody runs Teams for chats and calls while everyone is in SfBWithTeamsCollab.
            #expect(r.series(.teamsShare)[0..<10].allSatisfy { $0 == 0 })
            #expect(r.series(.usersIslands)[10] == 20)
            // Wave 1 (half the users) adopts once in Islands; Wave 2 never does.
            #expect(r.series(.teamsShare).last! > 25)
            #expect(r.series(.teamsShare).allSatisfy { $0 <= 50 })
        }
    }

    @Test func aScenarioRunLeavesTheTenantAsItWasFieldByField() throws {
        let before = w.coexistence
        let usersBefore = before.users()
        _ = try ScenarioRun.run(SimulationFixtures.scenario(SimulationFixtures.busyPlan), on: w)
        let after = w.coexistence
        #expect(after.users() == usersBefore)
        #expect(after.timeline == before.timeline)
        #expect(after.cohorts == before.cohorts)
        #expect(after.history == before.history)
        #expect(after == before)
        #expect(w.journal.entries.isEmpty)
    }

    @Test func aPlanMovesUsersAndRaisesTicketsAfterThePolicyDelay() throws {
        let r = try ScenarioRun.run(SimulationFixtures.scenario(SimulationFixtures.busyPlan), on: w, runs: 5)
        // Wave 1 (20 users) to TeamsOnly on day 20 takes effect on day 21 ("up to 24 hours").
        #expect(r.mean(.usersTeamsOnly, 20) == 0)
        #expect(r.mean(.usersTeamsOnly, 21) == 20)
        #expect(r.mean(.presenceUnknown, 20) == 20)
        #expect(r.series(.tickets)[0..<4].allSatisfy { $0 == 0 })
        #expect(r.series(.tickets)[21...].reduce(0, +) > 0)
        #expect(r.series(.meetingsMigrated).reduce(0, +) > 0)
        // Adoption climbs once the levers are pulled.
        #expect(r.mean(.teamsShare, 19) > r.mean(.teamsShare, 0))
    }
}
