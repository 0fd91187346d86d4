import CoexistKit

/// The Lua surface of the upgrade (issue 4): users, cohorts, modes, moves, routes, the change log, undo.
/// Every global reads the workspace live, so what a script sees is what the last move left.
public enum CoexistenceBindings {
    public static func install(_ workspace: Workspace, in engine: LuaEngine) {
        let source = TenantSource(live: workspace)
        for type in [UsersBinding.type, UserBinding.type, CohortBinding.type, CohortsBinding.type, ChangesBinding.type,
                     ChangeReportBinding.type, RouteBinding.type, TenantViewBinding.type] as [LuaTypeDescription] {
            engine.registerType(type)
        }
        UsersBinding.type.push(UsersBox(source), engine.L)
        engine.setGlobal(path: "users")
        engine.document("users", "every user: users:where{department=\"Sales\"}:count(), users[\"ann.smith@contoso.com\"], #users, users:table()")
        CohortsBinding.type.push(CohortsBox(source), engine.L)
        engine.setGlobal(path: "cohorts")
        engine.document("cohorts", "the upgrade cohorts: print(cohorts) for users per mode; cohorts[i], cohorts:each(), cohorts:table()")
        ChangesBinding.type.push(ChangesBox(source), engine.L)
        engine.setGlobal(path: "changes")
        engine.document("changes", "the change log: print(changes); changes[i] is a report; changes:powershell(\"plan.ps1\") writes the plan")

        engine.register("user", doc: "user(upn): one user (fields upn, mode, policy, homing, cohort, ...; u:move(mode, {on=}))") { call in
            let p = try UserBinding.position(try call.string(1), in: source.tenant, what: "user")
            call.push(UserObject(source, p), UserBinding.type)
            return 1
        }
        engine.register("cohort", doc: "cohort(name): an upgrade cohort (c:move, c:summary, c:readiness, c:members, c:powershell)") { call in
            try CohortBinding.push(named: try call.string(1), source, call)
        }
        engine.register("make_cohort", doc: "make_cohort(name, members [, {group_id=}]): creates or refills a cohort from " + CohortSpec.help + "; users leave their old cohort with a notice") { call in
            let name = try call.string(1).trimmingSpaces
            let report = try CohortBinding.edit(CohortObject(source, name), call, argument: 2, replace: true)
            if !report.notices.isEmpty {
                OutputStream.current(call.L).write(report.notices.map { "notice: " + $0 + "\n" }.joined())
            }
            return try CohortBinding.push(named: name, source, call)
        }
        engine.register("modes", doc: "modes(): the five coexistence modes and what each allows in each client") { call in
            ResultSetBinding.push(ModeCapabilities.table(), call.L)
            return 1
        }
        engine.register("policies", doc: "policies(): the ten built-in TeamsUpgradePolicy instances (identity, mode, NotifySfbUsers)") { call in
            ResultSetBinding.push(ModeCapabilities.policyTable(), call.L)
            return 1
        }
        engine.register("route", doc: "route{from=upn, to=upn|{mode=...}, client=\"teams\"|\"sfb\", federated=, on=date}: where a new chat or call lands, its kind, presence each side and notes") { call in
            try RouteBinding.route(source, call)
        }
        engine.register("routing_matrix", doc: "routing_matrix{on=date, by=\"cohort\"|\"mode\", federated=}: routes between every pair of cohorts (or modes) as a result set") { call in
            try RouteBinding.matrix(source, call)
        }
        UsersImportBinding.install(engine, source)
        engine.register("save", doc: "save(path): " + WorkspaceSaveBinding.summary) { call in
            try WorkspaceSaveBinding.save(try source.live("save"), call)
        }
        engine.register("undo", doc: "undo(): reverts the last change set (move, global change or cohort edit) and returns its report") { call in
            try ChangesBinding.undo(source, call)
        }
    }
}
