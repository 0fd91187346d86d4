@testable import CoexistKit

/// Small tenants for the day model: few enough users to reason about, on-premises so modes matter.
enum SimulationFixtures {
    static let today = Day(year: 2026, month: 11, day: 1)
    static let start = Day(year: 2027, month: 1, day: 4)

    /// `count` users homed on-premises under a SfBWithTeamsCollab global, alternating between cohorts
    /// "Wave 1" and "Wave 2" and buildings "HQ" and "Branch"; every third user already runs Teams.
    static func workspace(_ count: Int = 40, online: Bool = false) -> Workspace {
        let users = (0..<count).map { i in
            User(upn: "u\(i)@contoso.com", department: i % 3 == 0 ? "Sales" : "Finance", building: i % 4 == 0 ? "Branch" : "HQ",
                 homing: online ? .online : .onPremises, grantedPolicy: online ? .upgradeToTeams : nil,
                 runsTeams: i % 3 == 0, runsSfB: true)
        }
        var tenant = CoexistenceTenant(users: users, global: UpgradePolicy.named("SfBWithTeamsCollab")!, today: today)
        try! tenant.defineCohort("Wave 1", members: Array(stride(from: 0, to: count, by: 2)))
        try! tenant.defineCohort("Wave 2", members: Array(stride(from: 1, to: count, by: 2)))
        return Workspace(name: "sim", today: today, coexistence: { tenant })
    }

    static func scenario(_ steps: [ScenarioStep] = [], days: Int = 60, seed: UInt64 = 7) -> Scenario {
        Scenario(name: "test", start: start, days: days, seed: seed, steps: steps)
    }

    static func on(_ offset: Int, _ action: ScenarioStep.Action) -> ScenarioStep { ScenarioStep(on: start.adding(days: offset), action) }

    /// A plan that exercises every part of the model: announcement, Islands, champions, training, TeamsOnly.
    static let busyPlan: [ScenarioStep] = [
        on(0, .announce(cohort: nil)),
        on(3, .move(cohort: "Wave 1", mode: "Islands", notifyDays: 14, moveToTeams: false)),
        on(5, .champions(cohort: "Wave 1", count: 2)),
        on(6, .training(cohort: "Wave 2", capacity: 5)),
        on(20, .move(cohort: "Wave 1", mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)),
        on(30, .move(cohort: "Wave 2", mode: "TeamsOnly", notifyDays: nil, moveToTeams: true)),
    ]
}
