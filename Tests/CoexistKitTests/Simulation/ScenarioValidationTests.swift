import Testing
@testable import CoexistKit

/// A bad step is refused before anything runs, naming the step and its field.
@Suite struct ScenarioValidationTests {
    let w = SimulationFixtures.workspace()

    func error(_ steps: [ScenarioStep]) -> String? {
        do { _ = try ScenarioPlan(SimulationFixtures.scenario(steps), on: w); return nil } catch { return error.description }
    }

    @Test func eachBadStepNamesItsIndexAndField() {
        let ok = SimulationFixtures.on(1, .announce(cohort: nil))
        #expect(error([ok, SimulationFixtures.on(2, .move(cohort: "Wave 9", mode: "Islands", notifyDays: nil, moveToTeams: false))])
            == "step 2: cohort: unknown cohort 'Wave 9' (did you mean 'Wave 1'?)")
        #expect(error([SimulationFixtures.on(2, .move(cohort: "Wave 1", mode: "TeamOnly", notifyDays: nil, moveToTeams: false))])
            == "step 1: mode: unknown mode 'TeamOnly' (did you mean 'TeamsOnly'?)")
        #expect(error([ok, ok, SimulationFixtures.on(90, .announce(cohort: "Wave 1"))])?.hasPrefix("step 3: on: 2027-04-04 is outside the run") == true)
        #expect(error([SimulationFixtures.on(2, .networkFix(building: "HQX", fix: .udp))]) == "step 1: building: unknown building 'HQX' (did you mean 'HQ'?)")
        #expect(error([SimulationFixtures.on(2, .pilot(cohort: "Wave 1", days: 0, assessDays: 0))]) == "step 1: days: must be more than 0, got 0")
        #expect(error([SimulationFixtures.on(2, .training(cohort: "Wave 2", capacity: -1))]) == "step 1: capacity: must be more than 0, got -1")
        // The modes engine refuses tenant-wide TeamsOnly while on-premises users have no grant of their own.
        #expect(error([ok, SimulationFixtures.on(5, .global(mode: "TeamsOnly"))])?.hasPrefix("step 2: global: refused: tenant-wide TeamsOnly while 40 user(s)") == true)
        #expect(error(SimulationFixtures.busyPlan) == nil)
    }

    @Test func parametersAreCheckedByNameAndRange() {
        var p = SimulationParameters()
        #expect(throws: ScenarioError.unknownParameter("imitaton", suggestion: "imitation")) { try p.set("imitaton", 0.1) }
        #expect(throws: ScenarioError.parameterOutOfRange("imitation", value: 2, range: 0...1)) { try p.set("imitation", 2) }
        #expect(p["imitation"] == 0.10)
        #expect(SimulationParameters.documented.allSatisfy { $0.range.contains($0.value) && !$0.source.isEmpty })
    }
}
