import CLua
import CLuaBridge
import CoexistKit

/// The plan as Lua holds it (`plan`, `ops`): always the live workspace's, so an undo shows at once. Goals whose
/// measure is a Lua function have no stored form (a function cannot be journaled or replayed): they live in this
/// session only, are listed by `plan:goals()` with `stored = false`, and are gone in a new session or a replay.
public final class PlanBox {
    let workspace: Workspace
    struct SessionGoal {
        var name: String
        var function: LuaRef
        var target: GoalTarget
        var by: Day?
    }
    var sessionGoals: [SessionGoal] = []

    init(_ workspace: Workspace) { self.workspace = workspace }

    var plan: Plan { workspace.plan }
    var today: Day { workspace.today }

    /// One edit through the door; the edit records the day it was made (the workspace clock's), which fixes the
    /// plan's start on its first edit. A refused edit is an error naming the field and changes nothing.
    @discardableResult
    func apply(_ what: String, _ action: PlanEdit.Action, reason: String = "") throws -> ChangeReport {
        do {
            return try workspace.apply(.plan(PlanEdit(start: plan.start ?? today, action)), who: TenantSource.who, why: reason,
                                       at: workspace.clock.now.epochSeconds)
        } catch let e as PlanError {
            throw LuaError("\(what): \(e)")
        }
    }

    /// The days of the tenant's scheduled moves (cohorts, users, the global), for the calendar's rollout weeks and
    /// the timeline.
    var moves: [(label: String, day: Day)] {
        let described = Dictionary(workspace.journal.entries.filter(\.isPlanned).map { ($0.id, $0.what) }) { a, _ in a }
        return workspace.coexistence.timeline.entries.map { e in (described[e.id] ?? (e.global != nil ? "tenant global policy change" : "\(e.users.count) user(s) granted a mode"), e.day) }
    }

    func day(_ value: LuaValue, _ what: String) throws -> Day {
        try TenantSource(live: workspace).day(value, what)
    }

    func optionalDay(_ value: LuaValue, _ what: String) throws -> Day? {
        value == .nil ? nil : try day(value, what)
    }
}
