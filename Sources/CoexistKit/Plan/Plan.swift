/// The upgrade project beside its data: the framework's steps, the role mapping, goals, risks and who runs each
/// operations task. Changed only through the workspace's door (`Change.plan`), so every edit is journaled and undone
/// like a move. Until its first edit a plan has no start; the first edit records the day it was made (the workspace
/// clock's) in the change, so a replay lays out the same dates whatever day it runs.
public struct Plan: Sendable, Equatable {
    public private(set) var start: Day?
    private var laidOut: [PlanStep]?
    public private(set) var roles: [PlanRole] = PlanRoles.template.map { PlanRole(name: $0.0, responsibility: $0.1) }
    public private(set) var goals: [PlanGoal] = []
    public private(set) var risks: [PlanRisk] = []
    /// Operations tasks whose role was overridden (activity -> role).
    public private(set) var opsRoles: [String: String] = [:]

    public init() {}

    /// The steps, laid out from `start`, or from `today` for a plan never edited (nothing is recorded by reading).
    public func steps(today: Day) -> [PlanStep] { laidOut ?? PlanFramework.steps(start: start ?? today) }

    public func phases(today: Day) -> [String] {
        var seen: [String] = []
        for s in steps(today: today) where !seen.contains(s.phase) { seen.append(s.phase) }
        return seen
    }

    /// The day of the pilot's kickoff (the "conduct pilot" step's start), nil under the Basic checklist.
    public func pilotStart(today: Day) -> Day? {
        steps(today: today).first { $0.phase == "Pilot" && $0.number == 5 }?.start
    }

    public var operationsTasks: [OpsTask] {
        OpsTasks.all.map { t in var t = t; t.role = opsRoles[t.activity] ?? t.role; return t }
    }

    /// Applies one edit, or throws naming the field and changes nothing.
    public mutating func apply(_ edit: PlanEdit) throws(PlanError) {
        var next = self
        if next.start == nil { next.start = edit.start }
        let today = next.start!
        switch edit.action {
        case let .step(phase, number, status, owner, due, note):
            var steps = next.steps(today: today)
            let i = try Plan.stepIndex(phase, number, in: steps)
            if let status { steps[i].status = status }
            if let owner { steps[i].owner = owner.isEmpty ? nil : owner }
            if let due {
                guard due >= steps[i].start else {
                    throw PlanError(field: "due", "\(due.iso) is before the step's start \(steps[i].start.iso)")
                }
                steps[i].due = due
            }
            if let note { steps[i].note = note.isEmpty ? nil : note }
            next.laidOut = steps
        case let .template(name, day):
            switch name {
            case "framework": next.laidOut = PlanFramework.steps(start: day)
            case "basic": next.laidOut = PlanFramework.basicSteps(upgradeDay: day)
            default: throw PlanError.unknown("template", "template", name, in: ["basic", "framework"])
            }
        case let .role(name, team, contact, signedOff):
            guard let i = next.roles.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw PlanError.unknown("role", "role", name, in: next.roles.map(\.name))
            }
            if let team { next.roles[i].team = team.isEmpty ? nil : team }
            if let contact { next.roles[i].contact = contact.isEmpty ? nil : contact }
            if let signedOff { next.roles[i].signedOff = signedOff }
        case let .goal(goal):
            guard !goal.name.isEmpty else { throw PlanError(field: "name", "a goal needs a name") }
            if let i = next.goals.firstIndex(where: { $0.name == goal.name }) { next.goals[i] = goal } else { next.goals.append(goal) }
        case let .removeGoal(name):
            guard let i = next.goals.firstIndex(where: { $0.name == name }) else {
                throw PlanError.unknown("name", "goal", name, in: next.goals.map(\.name))
            }
            next.goals.remove(at: i)
        case let .risk(risk):
            try next.add(risk)
        case let .risks(list):
            for r in list { try next.add(r) }
        case let .opsRole(activity, role):
            guard let task = OpsTasks.all.first(where: { $0.activity.lowercased() == activity.lowercased() }) else {
                throw PlanError.unknown("task", "operations task", activity, in: OpsTasks.activities)
            }
            guard let r = next.roles.first(where: { $0.name.lowercased() == role.lowercased() }) else {
                throw PlanError.unknown("role", "role", role, in: next.roles.map(\.name))
            }
            next.opsRoles[task.activity] = r.name
        }
        self = next
    }

    private mutating func add(_ risk: PlanRisk) throws(PlanError) {
        guard !risk.title.isEmpty else { throw PlanError(field: "title", "a risk needs a title") }
        for (field, v) in [("likelihood", risk.likelihood), ("impact", risk.impact)] where !(1...5).contains(v) {
            throw PlanError(field: field, "\(v) is out of range; use 1 (lowest) to 5 (highest)")
        }
        if let i = risks.firstIndex(where: { $0.title == risk.title }) { risks[i] = risk } else { risks.append(risk) }
    }

    static func stepIndex(_ phase: String, _ number: Int, in steps: [PlanStep]) throws(PlanError) -> Int {
        var phases: [String] = []
        for s in steps where !phases.contains(s.phase) { phases.append(s.phase) }
        guard let p = phases.first(where: { $0.lowercased() == phase.lowercased() }) else {
            throw PlanError.unknown("phase", "phase", phase, in: phases)
        }
        let inPhase = steps.filter { $0.phase == p }
        guard let i = steps.firstIndex(where: { $0.phase == p && $0.number == number }) else {
            throw PlanError(field: "step", "\(p) has no step \(number); its steps are 1 to \(inPhase.count)")
        }
        return i
    }

    /// What `plan:roles()` and `plan:status()` flag: roles without an owner, and a pilot due to start (or started)
    /// with no Quality Champion or with teams that have not signed off their operations tasks.
    public func flags(today: Day) -> [String] {
        var out: [String] = []
        for r in roles where !r.hasOwner { out.append("role '\(r.name)' has no owner") }
        let pilot = pilotStart(today: today)
        let qc = roles.first { $0.name == "Quality Champion" }
        let unsigned = roles.filter { $0.hasOwner && !$0.signedOff }.map(\.name)
        if let pilot {
            let when = pilot <= today ? "the pilot started on \(pilot.iso)" : "the pilot starts on \(pilot.iso)"
            if qc?.hasOwner != true { out.append("\(when) with no Quality Champion") }
            if !unsigned.isEmpty { out.append("\(when) and these teams have not signed off their operations tasks: " + unsigned.joined(separator: ", ")) }
        }
        return out
    }
}

/// One edit of the plan, as `Change.plan` carries it. `start` is the day the edit was made (the workspace clock's):
/// the first edit of a plan fixes the plan's start with it, so the framework's default dates never depend on the day
/// a plan was first read or replayed.
public struct PlanEdit: Sendable, Codable, Equatable {
    public enum Action: Sendable, Codable, Equatable {
        case step(phase: String, number: Int, status: StepStatus?, owner: String?, due: Day?, note: String?)
        case template(name: String, day: Day)
        case role(name: String, team: String?, contact: String?, signedOff: Bool?)
        case goal(PlanGoal)
        case removeGoal(name: String)
        case risk(PlanRisk)
        case opsRole(activity: String, role: String)
        /// Several risks at once (a simulation's guidance checks), one change to undo.
        case risks([PlanRisk])
    }

    public var start: Day
    public var action: Action

    public init(start: Day, _ action: Action) {
        self.start = start
        self.action = action
    }

    /// What the change log says it did.
    public var what: String {
        switch action {
        case let .step(phase, number, status, owner, due, note):
            var parts: [String] = []
            if let status { parts.append(status.rawValue) }
            if let owner { parts.append("owner \(owner)") }
            if let due { parts.append("due \(due.iso)") }
            if note != nil { parts.append("note") }
            return "plan: \(phase) step \(number): " + parts.joined(separator: ", ")
        case let .template(name, day): return "plan: template \(name) from \(day.iso)"
        case let .role(name, team, contact, signed):
            return "plan: role \(name)" + (team.map { " team \($0)" } ?? "") + (contact.map { " contact \($0)" } ?? "")
                + (signed.map { $0 ? " signed off" : " not signed off" } ?? "")
        case let .goal(g): return "plan: goal '\(g.name)' \(g.target)" + (g.by.map { " by \($0.iso)" } ?? "")
        case let .removeGoal(name): return "plan: goal '\(name)' removed"
        case let .risk(r): return "plan: risk '\(r.title)' (exposure \(r.exposure), \(r.status.rawValue))"
        case let .opsRole(a, r): return "plan: operations task '\(a)' -> \(r)"
        case let .risks(list): return "plan: \(list.count) risk(s) added" + (list.first?.source.map { " from \($0)" } ?? "")
        }
    }
}
