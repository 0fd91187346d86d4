/// A scenario checked against a tenant and played onto a fork of it: every step's names resolved, every
/// move sent through the fork's door (so the modes engine refuses what it would refuse for real), and the
/// policy each user has on each day of the run read back from the fork's timeline. Building it never
/// changes the workspace it came from.
public struct ScenarioPlan: Sendable {
    public let scenario: Scenario
    /// The fork after every move: its journal holds exactly the scenario's changes after the tenant's own.
    public let tenant: CoexistenceTenant
    /// The changes the moves made, in step order, with the step each came from (what `apply()` replays).
    public let changes: [(step: Int, change: Change)]
    /// Per move step (by step index): the users whose mode changed and how.
    public let moveReports: [Int: ChangeReport]
    /// On-premises members a TeamsOnly step left where they were, because the step did not say move_to_teams.
    public let stranded: [Int: Int]
    /// Day indexes at which the policy snapshot changes, ascending, -1 (the day before the run) first.
    let snapshotDays: [Int]
    /// Per snapshot: each user's policy-named effective mode (index into CoexistenceMode.allCases) and homing.
    let snapshotModes: [[UInt8]]
    let snapshotOnPrem: [[Bool]]

    public static let modeOrder = CoexistenceMode.allCases
    static func modeIndex(_ m: CoexistenceMode) -> UInt8 { UInt8(modeOrder.firstIndex(of: m)!) }

    /// Validates every step (naming its index and field) before anything runs, then plays the moves on a fork.
    public init(_ scenario: Scenario, on workspace: Workspace) throws(ScenarioError) {
        guard !scenario.name.isEmpty else { throw .invalid(field: "name", message: "a scenario needs a name") }
        guard (1...Scenario.maxDays).contains(scenario.days) else {
            throw .invalid(field: "days", message: "must be 1 to \(Scenario.maxDays), got \(scenario.days)")
        }
        self.scenario = scenario
        let base = workspace.coexistence
        let buildings = Self.buildingNames(workspace)
        for (i, step) in scenario.steps.enumerated() {
            try Self.check(step, index: i + 1, scenario: scenario, tenant: base, buildings: buildings)
        }
        for (name, mbps) in scenario.wanMbps {
            guard buildings.contains(where: { $0.lowercased() == name.lowercased() }) else {
                throw .invalid(field: "wan", message: "unknown building '\(name)'" + Self.hint(name, buildings))
            }
            guard mbps.isFinite, mbps > 0 else { throw .invalid(field: "wan", message: "\(name) = \(mbps): capacity must be more than 0 Mbps") }
        }
        let fork = workspace.fork(name: scenario.name)
        var changes: [(Int, Change)] = []
        var reports: [Int: ChangeReport] = [:]
        var stranded: [Int: Int] = [:]
        // Steps go through the door in date order (ties in the order written), as the plan would be carried out.
        let order = scenario.steps.indices.sorted { (scenario.steps[$0].on, $0) < (scenario.steps[$1].on, $1) }
        for i in order {
            let step = scenario.steps[i]
            let change: Change
            switch step.action {
            case let .move(cohort, mode, _, moveToTeams):
                let target = try! CoexistenceMode.parse(mode)
                let c = try! fork.coexistence.cohorts.cohort(cohort)
                let homes = fork.coexistence.state(asOf: step.on).onPremises
                let onPrem = c.members.filter { homes[$0] }
                if target == .teamsOnly && !moveToTeams && !onPrem.isEmpty {
                    // Without -MoveToTeams an on-premises user cannot be TeamsOnly: only the online members move.
                    stranded[i] = onPrem.count
                    let online = Set(c.members).subtracting(onPrem).sorted().map { fork.coexistence.directory[$0].upn }
                    if online.isEmpty { continue }
                    change = .moveUsers(upns: online, target: mode, on: step.on)
                } else {
                    change = .moveCohort(name: c.name, target: mode, on: step.on)
                }
            case let .global(mode):
                change = .setGlobal(target: mode, on: step.on)
            default:
                continue
            }
            do {
                reports[i] = try fork.apply(change, who: "scenario \(scenario.name)", why: "step \(i + 1)")
            } catch let e as TenantError {
                throw .step(index: i + 1, field: step.kind == "global" ? "global" : "mode", message: "\(e)")
            } catch {
                throw .step(index: i + 1, field: "mode", message: "\(error)")
            }
            changes.append((i + 1, change))
        }
        tenant = fork.coexistence
        self.changes = changes
        moveReports = reports
        self.stranded = stranded
        // Day -1 is the tenant as it stands before the run; a move on day 0 takes effect after the policy delay.
        var days = Set([-1])
        for r in reports.values { if let d = r.day { days.insert(scenario.dayIndex(d)) } }
        snapshotDays = days.sorted()
        var modes: [[UInt8]] = [], onPrem: [[Bool]] = []
        for d in snapshotDays {
            let state = tenant.state(asOf: scenario.start.adding(days: d))
            modes.append(state.effectiveModes().map(Self.modeIndex))
            onPrem.append(state.onPremises)
        }
        snapshotModes = modes
        snapshotOnPrem = onPrem
    }

    /// The snapshot in force on day index `d` (policy as granted, before the propagation delay).
    func snapshot(at d: Int) -> Int {
        var lo = 0
        for (i, s) in snapshotDays.enumerated() where s <= d { lo = i }
        return lo
    }

    /// Building names users sit in and the building file names, as steps may name them.
    static func buildingNames(_ workspace: Workspace) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for u in workspace.coexistence.directory.users where !u.building.isEmpty {
            if seen.insert(u.building.lowercased()).inserted { out.append(u.building) }
        }
        for b in workspace.storeAsIs.buildingFile.buildings where seen.insert(b.name.lowercased()).inserted { out.append(b.name) }
        return out
    }

    static func hint(_ name: String, _ known: [String]) -> String {
        EditDistance.nearest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private static func check(_ step: ScenarioStep, index: Int, scenario: Scenario, tenant: CoexistenceTenant,
                              buildings: [String]) throws(ScenarioError) {
        func fail(_ field: String, _ message: String) -> ScenarioError { .step(index: index, field: field, message: message) }
        guard step.on >= scenario.start, step.on <= scenario.end else {
            throw fail("on", "\(step.on.iso) is outside the run (\(scenario.start.iso) to \(scenario.end.iso))")
        }
        func cohort(_ name: String, field: String = "cohort") throws(ScenarioError) {
            guard tenant.cohorts.index(of: name) != nil else {
                throw fail(field, "unknown cohort '\(name)'" + hint(name, tenant.cohorts.names))
            }
        }
        func positive(_ n: Int, _ field: String) throws(ScenarioError) {
            guard n > 0 else { throw fail(field, "must be more than 0, got \(n)") }
        }
        switch step.action {
        case let .move(c, mode, notify, _):
            try cohort(c)
            do { _ = try CoexistenceMode.parse(mode) } catch { throw fail("mode", "\(error)") }
            if let notify, notify < 0 { throw fail("notify", "days of warning must be 0 or more, got \(notify)") }
        case let .global(mode):
            do { _ = try CoexistenceMode.parse(mode) } catch { throw fail("global", "\(error)") }
        case let .announce(c):
            if let c { try cohort(c, field: "announce") }
        case let .pilot(c, days, assess):
            try cohort(c, field: "pilot")
            try positive(days, "days")
            if assess < 0 { throw fail("assess", "days of assessment must be 0 or more, got \(assess)") }
        case let .training(c, capacity):
            try cohort(c, field: "training")
            try positive(capacity, "capacity")
        case let .champions(c, count):
            try cohort(c, field: "champions")
            try positive(count, "count")
        case let .networkFix(b, fix):
            guard buildings.contains(where: { $0.lowercased() == b.lowercased() }) else {
                throw fail("building", "unknown building '\(b)'" + hint(b, buildings))
            }
            if case .wan(let mbps) = fix, !(mbps.isFinite && mbps > 0) {
                throw fail("mbps", "added capacity must be more than 0 Mbps, got \(mbps)")
            }
        case .review:
            break
        }
    }
}
