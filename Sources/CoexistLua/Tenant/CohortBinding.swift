import CoexistKit

/// A cohort as Lua holds it: by name, so it follows the tenant through moves, edits and undo.
public final class CohortObject {
    let source: TenantSource
    let name: String
    init(_ source: TenantSource, _ name: String) {
        self.source = source
        self.name = name
    }

    /// The cohort as it is now; a deleted (or undone) cohort says so with the nearest remaining name.
    func cohort() throws -> Cohort { try source.tenant.cohorts.cohort(name) }
}

enum CohortBinding {
    nonisolated(unsafe) static let type: LuaObjectType<CohortObject> = makeType()

    /// `cohort("Wave 2")`: the object, after checking the name so a typo fails where it was typed.
    static func push(named name: String, _ source: TenantSource, _ call: LuaCall) throws -> Int32 {
        let cohort = try source.tenant.cohorts.cohort(name)
        call.push(CohortObject(source, cohort.name), type)
        return 1
    }

    static let dimensions: [String: CoexistenceTenant.CohortDimension] = [
        "mode": .mode, "homing": .homing, "home": .homing, "building": .building, "department": .department,
    ]

    private static func makeType() -> LuaObjectType<CohortObject> {
        let t = LuaObjectType<CohortObject>("Cohort", doc: """
            An upgrade cohort: users moved together. c:move("TeamsOnly", {on="2027-02-01"}) plans its move;
            c:summary() and c:readiness() show who is in it; c:powershell{path="wave.ps1"} writes the script.
            """)
        t.field("name", "the cohort's name") { .string($0.name) }
        t.field("count", "how many users it holds") { c in .integer(Int64((try? c.cohort().count) ?? 0)) }
        t.field("group_id", "the Entra ID group the PowerShell plan grants to with -Group, or nil") { c in
            (try? c.cohort().groupId).flatMap { $0 }.map { .string($0) } ?? .nil
        }
        t.method("members", "c:members(): the cohort's users (a Users selection)") { c, call in
            call.push(UsersBox(c.source, try c.cohort().members), UsersBinding.type)
            return 1
        }
        t.method("move", "c:move(mode_or_policy, {on=, notify=, reason=, dry_run=}): grant every member a mode; returns a report") { c, call in
            let target = try call.string(1)
            let options = try OptionTable(try call.optTable(2), OptionTable.changeKeys, what: "move").changeOptions(c.source)
            let report = try c.source.apply("move", .moveCohort(name: c.name, target: target, on: options.on, notify: options.notify), options)
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.method("summary", "c:summary([by]): users by mode, homing, building and department (or by one of them) as a result set") { c, call in
            let tenant = c.source.tenant
            guard let by = try call.optString(1) else {
                ResultSetBinding.push(try tenant.cohortSummary(c.name), call.L)
                return 1
            }
            guard let dimension = dimensions[by.lowercased()] else {
                throw call.error(1, "unknown dimension '\(by)'" + didYouMean(by, Array(dimensions.keys).sorted())
                    + "; use mode, homing, building or department")
            }
            ResultSetBinding.push(try tenant.cohortCounts(c.name, by: dimension), call.L)
            return 1
        }
        t.method("readiness", "c:readiness{period=, min_streams=}: readiness flags (on-premises users, users in buildings failing network readiness measured from the call records, or too little measured, on-premises mailboxes, voice, Islands single-client); readiness{cohort=} shows the network figures") { c, call in
            let given = try call.optTable(1)
            if let first = given?.array.first {
                throw LuaError("readiness: the buildings are measured from the call records, not passed by hand (got a \(first.typeName)); "
                    + "options are period and min_streams, and readiness{cohort=\"\(c.name)\"} shows the figures")
            }
            let opts = try OptionTable(given, ["period": .string, "min_streams": .integer], what: "readiness")
            guard let store = c.source.calls else {
                throw LuaError("readiness: this view has no call records to measure the network with")
            }
            let cohort = try c.cohort()
            let buildings = try ReadinessBinding.cohortBuildings(cohort.name, c.source.tenant, store)
            let network = try ReadinessBinding.measure(store, opts, buildings: buildings, today: c.source.clock.today)
            ResultSetBinding.push(try c.source.tenant.cohortReadiness(cohort.name, network: network), call.L)
            return 1
        }
        t.method("add", "c:add(members [, {group_id=}]): adds users (filter, function, UPN list, selection or .csv); users leave their old cohort, with a notice") { c, call in
            ChangeReportBinding.push(try edit(c, call, argument: 1, replace: false), call.L)
            return 1
        }
        t.method("remove", "c:remove(members): takes users out of the cohort (they are then in no cohort)") { c, call in
            let positions = try CohortSpec.positions(c.source, call, argument: 1)
            let options = try OptionTable(nil, [:], what: "remove").changeOptions(c.source)
            let report = try c.source.apply("remove", .removeFromCohort(name: c.name, upns: c.source.upns(positions)), options)
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.method("delete", "c:delete(): deletes the cohort (its users are then in no cohort; undo() restores it)") { c, call in
            let options = try OptionTable(nil, [:], what: "delete").changeOptions(c.source)
            let report = try c.source.apply("delete", .deleteCohort(name: c.name), options)
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.method("powershell", "c:powershell{path=, csv=, whatif=}: the PowerShell plan of this cohort's moves; writes path, the csv, and beside path its rollback and verification scripts (wave.ps1 -> wave.rollback.ps1, wave.verify.ps1), or returns script, CSV, rollback and verification texts") { c, call in
            let cohort = try c.cohort()
            return try PowerShellOutput.emit(try PowerShellPlan(journal: c.source.journal, tenant: c.source.tenant, cohort: cohort.name),
                                             options: try call.optTable(1), call: call)
        }
        t.length { (try? $0.cohort().count) ?? 0 }
        t.describe(describe)
        return t
    }

    /// make_cohort and c:add: assign members, printing a notice for users taken from another cohort.
    static func edit(_ c: CohortObject, _ call: LuaCall, argument i: Int, replace: Bool) throws -> ChangeReport {
        let positions = try CohortSpec.positions(c.source, call, argument: i)
        if positions.isEmpty { Warnings.emit(call.L, "\(call.name)('\(c.name)'): the selection matches no user") }
        let opts = try OptionTable(try call.optTable(i + 1), ["group_id": .string], what: call.name)
        let groupId = try opts.string("group_id")
        let options = try opts.changeOptions(c.source)
        return try c.source.apply(call.name, .defineCohort(name: c.name, upns: c.source.upns(positions), groupId: groupId, replace: replace), options)
    }

    static func describe(_ c: CohortObject) -> String {
        guard let cohort = try? c.cohort() else { return "cohort '\(c.name)' (deleted)" }
        let tenant = c.source.tenant
        let state = tenant.state()
        var modes: [CoexistenceMode: Int] = [:]
        var onPrem = 0
        for p in cohort.members {
            modes[state.effectiveMode(p), default: 0] += 1
            if state.onPremises[p] { onPrem += 1 }
        }
        let byMode = CoexistenceMode.allCases.compactMap { m in modes[m].map { "\(m.rawValue) \($0)" } }
        var text = "cohort '\(cohort.name)': \(cohort.count) users on \(tenant.today.iso)"
        if !byMode.isEmpty { text += "; " + byMode.joined(separator: ", ") }
        if onPrem > 0 { text += "; \(onPrem) homed on-premises" }
        if let g = cohort.groupId { text += "; group \(g)" }
        return text
    }
}
