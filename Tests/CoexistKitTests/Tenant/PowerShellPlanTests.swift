import Foundation
import Testing
@testable import CoexistKit

@Suite("PowerShell and CSV plan")
struct PowerShellPlanTests {
    /// Three change sets out of date order: a tenant-wide grant, a group-granted cohort, an on-premises cohort to TeamsOnly.
    static func plannedTenant() throws -> CoexistenceTenant {
        var t = TestTenant.make()
        try t.defineCohort("Wave 2", members: [3, 4], groupId: "5f1c2a9e-4b7d-4e0a-9a51-2c6b8f0d1e37", replace: false)
        try t.moveCohort("Wave 1", to: "TeamsOnly", options: ChangeOptions(on: TestTenant.feb1, reason: "Wave 1 cut-over, ticket CHG-1042",
                                                                         who: "alice", at: TestTenant.today.epochSeconds))
        try t.setGlobal("SfBWithTeamsCollabAndMeetings", options: ChangeOptions(on: PlanDay(year: 2026, month: 12, day: 1),
                                                                                 reason: "Meetings First for everyone", who: "bob",
                                                                                 at: TestTenant.today.epochSeconds))
        try t.moveCohort("Wave 2", to: "SfBWithTeamsCollabAndMeetings",
                         options: ChangeOptions(on: PlanDay(year: 2027, month: 1, day: 15), notify: false,
                                                reason: "it's O'Brien's team", who: "alice", at: TestTenant.today.epochSeconds))
        return t
    }

    @Test("the script matches the checked-in file byte for byte")
    func script() throws {
        let plan = try PowerShellPlan(try Self.plannedTenant())
        let expected = try String(contentsOf: TestTenant.fixture("plan.ps1"), encoding: .utf8)
        #expect(plan.script == expected)
    }

    @Test("the CSV plan matches the checked-in file byte for byte")
    func csv() throws {
        let plan = try PowerShellPlan(try Self.plannedTenant())
        let expected = try Data(contentsOf: TestTenant.fixture("plan.csv"))
        #expect(Data(plan.csv.utf8) == expected)
    }

    @Test("a cohort's plan holds only that cohort's change sets")
    func cohortPlan() throws {
        let plan = try PowerShellPlan(try Self.plannedTenant(), cohort: "wave 1")
        #expect(plan.sections.count == 1)
        #expect(plan.steps.map(\.action) == ["move-to-teams", "move-to-teams"])
    }

    @Test("the same tenant gives the same bytes")
    func deterministic() throws {
        #expect(try PowerShellPlan(try Self.plannedTenant()) == PowerShellPlan(try Self.plannedTenant()))
    }
}
