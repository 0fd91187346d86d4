import Foundation
import Testing
@testable import CoexistKit

/// Phases and steps through the workspace's door: status changes, undo, refusals that name the field and change
/// nothing, and a start fixed by the first edit so a replay on another day lays out the same dates.
@Suite struct PlanEditTests {
    let day = Day(year: 2026, month: 11, day: 2)

    func edit(_ w: Workspace, _ action: PlanEdit.Action) throws {
        try w.apply(.plan(PlanEdit(start: w.plan.start ?? w.today, action)), who: "qc")
    }

    @Test func theFrameworkFollowsThePilotTimeline() {
        let steps = PlanFramework.steps(start: day)
        #expect(Set(steps.map(\.phase)) == ["Plan", "Prepare", "Pilot", "Deploy", "Upgrade", "Operate"])
        #expect(steps.filter { $0.phase == "Pilot" }.count == 6 && steps.filter { $0.phase == "Deploy" }.count == 4)
        let kickoff = steps.first { $0.phase == "Pilot" && $0.number == 5 }!
        #expect(kickoff.start == day.adding(days: PlanFramework.pilotDayOne))
        // Day 1 kickoff to day 30 final comms, then days 31-45 assessment.
        #expect(kickoff.due.daysSinceEpoch - kickoff.start.daysSinceEpoch == 29)
        let assess = steps.first { $0.phase == "Pilot" && $0.number == 6 }!
        #expect(assess.due.daysSinceEpoch - kickoff.start.daysSinceEpoch == 44)
        #expect(steps.allSatisfy { $0.start <= $0.due && $0.status == .todo })
    }

    @Test func stepStatusChangesAreJournaledAndUndone() throws {
        let w = Workspace.empty(today: day)
        try edit(w, .step(phase: "pilot", number: 5, status: .doing, owner: "Service Owner", due: nil, note: nil))
        try edit(w, .step(phase: "Pilot", number: 5, status: .done, owner: nil, due: nil, note: "kickoff held"))
        let s = w.plan.steps(today: day).first { $0.phase == "Pilot" && $0.number == 5 }!
        #expect(s.status == .done && s.owner == "Service Owner" && s.note == "kickoff held")
        #expect(w.journal.entries.map(\.change.kind) == ["plan", "plan"])
        #expect(w.journal.entries.last!.what.contains("Pilot step 5: done"))
        let status = w.plan.statusTable(today: day)
        let pilot = status.rows.first { $0[0] == .string("Pilot") }!
        #expect(pilot[1] == .int(1) && pilot[2] == .int(6))
        try w.undo()
        #expect(w.plan.steps(today: day).first { $0.phase == "Pilot" && $0.number == 5 }!.status == .doing)
        try w.undo()
        #expect(w.plan == Plan())
    }

    @Test func badInputNamesTheFieldAndChangesNothing() throws {
        let w = Workspace.empty(today: day)
        try edit(w, .step(phase: "Plan", number: 1, status: .done, owner: nil, due: nil, note: nil))
        let before = w.plan
        func refusal(_ action: PlanEdit.Action) -> String {
            do { try edit(w, action); return "accepted" } catch { return "\(error)" }
        }
        #expect(refusal(.step(phase: "Pilto", number: 1, status: .done, owner: nil, due: nil, note: nil)).contains("phase: unknown phase 'Pilto' (did you mean 'Pilot'?)"))
        #expect(refusal(.step(phase: "Pilot", number: 9, status: .done, owner: nil, due: nil, note: nil)) == "step: Pilot has no step 9; its steps are 1 to 6")
        #expect(refusal(.step(phase: "Pilot", number: 1, status: nil, owner: nil, due: Day(year: 2020, month: 1, day: 1), note: nil)).hasPrefix("due: "))
        #expect(refusal(.role(name: "Qualty Champion", team: "x", contact: nil, signedOff: nil)).contains("did you mean 'Quality Champion'?"))
        #expect(refusal(.risk(PlanRisk(title: "r", likelihood: 6, impact: 1))).hasPrefix("likelihood: 6 is out of range"))
        #expect(refusal(.template(name: "basics", day: day)).contains("did you mean 'basic'?"))
        #expect(refusal(.opsRole(activity: "Drive remediation", role: "Network Ops")).contains("did you mean 'Network Operations'?"))
        #expect(w.plan == before && w.journal.count == 1)
    }

    @Test func theFirstEditFixesTheStartSoAReplayOnAnotherDayLaysOutTheSameDates() throws {
        let w = Workspace.empty(today: day)
        try edit(w, .step(phase: "Plan", number: 1, status: .done, owner: nil, due: nil, note: nil))
        try edit(w, .risk(PlanRisk(title: "SBC capacity", likelihood: 3, impact: 4)))
        let records = try JSONDecoder().decode([JournalRecord].self, from: JSONEncoder().encode(w.journal.records))
        let later = Workspace.empty(today: day.adding(days: 40))
        try later.replay(records)
        #expect(later.plan.start == day)
        #expect(later.plan.steps(today: later.today).map(\.due) == w.plan.steps(today: day).map(\.due))
        #expect(later.plan == w.plan)
        // Reading a plan never edited records nothing.
        let fresh = Workspace.empty(today: day)
        _ = fresh.plan.statusTable(today: day)
        #expect(fresh.plan.start == nil && fresh.journal.count == 0)
    }

    @Test func theBasicTemplateLaysOutTheChecklistAroundUpgradeDay() throws {
        let w = Workspace.empty(today: day)
        let u = Day(year: 2027, month: 3, day: 1)
        try edit(w, .template(name: "basic", day: u))
        let steps = w.plan.steps(today: day)
        #expect(steps.count == 10 && Set(steps.map(\.phase)) == ["Basic"])
        #expect(steps[6].start == u && steps[5].due == u.adding(days: -5) && steps[0].start == u.adding(days: -42))
        #expect(w.plan.pilotStart(today: day) == nil)
    }

    @Test func risksSortByExposure() throws {
        let w = Workspace.empty(today: day)
        try edit(w, .risk(PlanRisk(title: "a", likelihood: 2, impact: 2)))
        try edit(w, .risk(PlanRisk(title: "b", likelihood: 5, impact: 4, status: .mitigated)))
        try edit(w, .risk(PlanRisk(title: "c", likelihood: 3, impact: 3)))
        #expect(w.plan.risksTable().rows.map { $0[0] } == [.string("b"), .string("c"), .string("a")])
        #expect(w.plan.risksTable(openOnly: true).rows.map { $0[0] } == [.string("c"), .string("a")])
    }

    @Test func roleFlags() throws {
        let w = Workspace.empty(today: day)
        var flags = w.plan.flags(today: day)
        #expect(flags.filter { $0.hasSuffix("has no owner") }.count == PlanRoles.template.count)
        #expect(flags.contains { $0.contains("with no Quality Champion") })
        for (name, _) in PlanRoles.template where name != "Help Desk" {
            try edit(w, .role(name: name, team: "team \(name)", contact: nil, signedOff: name != "Network Operations"))
        }
        flags = w.plan.flags(today: day)
        #expect(flags.contains("role 'Help Desk' has no owner"))
        #expect(!flags.contains { $0.contains("no Quality Champion") })
        #expect(flags.contains { $0.contains("have not signed off their operations tasks: Network Operations") })
        let roles = w.plan.rolesTable(today: day)
        let help = roles.rows.first { $0[0] == .string("Help Desk") }!
        let net = roles.rows.first { $0[0] == .string("Network Operations") }!
        #expect(help[4] == .string("no owner") && net[4] == .string("not signed off"))
        try edit(w, .role(name: "network operations", team: nil, contact: nil, signedOff: true))
        try edit(w, .role(name: "Help Desk", team: "Service Desk", contact: "desk@contoso.com", signedOff: true))
        #expect(w.plan.flags(today: day).isEmpty)
    }
}
