import Foundation
import Testing
@testable import CoexistKit

@Suite("PowerShell and CSV plan")
struct PowerShellPlanTests {
    /// Three change sets out of date order: a tenant-wide grant, a group-granted cohort, an on-premises cohort to TeamsOnly.
    static func plannedTenant() throws -> Workspace {
        let w = TestTenant.workspace()
        try w.apply(.defineCohort(name: "Wave 2", upns: ["omar@contoso.com", "lena@contoso.com"],
                                  groupId: "5f1c2a9e-4b7d-4e0a-9a51-2c6b8f0d1e37", replace: false), who: "alice")
        try w.apply(.moveCohort(name: "Wave 1", target: "TeamsOnly", on: TestTenant.feb1), who: "alice",
                    why: "Wave 1 cut-over, ticket CHG-1042", at: TestTenant.today.epochSeconds)
        try w.apply(.setGlobal(target: "SfBWithTeamsCollabAndMeetings", on: PlanDay(year: 2026, month: 12, day: 1)),
                    who: "bob", why: "Meetings First for everyone", at: TestTenant.today.epochSeconds)
        try w.apply(.moveCohort(name: "Wave 2", target: "SfBWithTeamsCollabAndMeetings", on: PlanDay(year: 2027, month: 1, day: 15),
                                notify: false), who: "alice", why: "it's O'Brien's team", at: TestTenant.today.epochSeconds)
        return w
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
