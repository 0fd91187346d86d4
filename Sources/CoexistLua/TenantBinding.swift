import CoexistKit

/// The `tenant` global: the name and counts of what the shell holds, the tenant-wide policy, and dated views.
public enum TenantBinding {
    nonisolated(unsafe) static let type: LuaObjectType<Workspace> = makeType()

    public static func install(_ workspace: Workspace, in engine: LuaEngine) {
        engine.registerType(type)
        type.push(workspace, engine.L)
        engine.setGlobal(path: "tenant")
        engine.document("tenant", "the tenant held in memory: tenant.name, tenant.counts, tenant:set_global(mode), tenant:as_of(date); print(tenant) for a summary")
    }

    private static func makeType() -> LuaObjectType<Workspace> {
        let t = LuaObjectType<Workspace>("Tenant", doc: "The tenant the shell holds: its name, what it contains, its global policy and its timeline.")
        t.field("name", "the tenant's name, shown in the prompt") { .string($0.name) }
        t.field("counts", "a record of how many users, cohorts, buildings and streams it holds") { w in
            .table(LuaTable(fields: w.counts.map { (.string($0.label), .integer(Int64($0.value))) }))
        }
        t.method("set_global", "tenant:set_global(mode_or_policy, {on=, notify=, reason=, dry_run=}): Grant-CsTeamsUpgradePolicy -Global; returns a report. {current=true} states what the global already is (a Get-CsOnlineUser export cannot say): journaled, so undo() takes it back, but no dated move and no PowerShell step") { w, call in
            let source = TenantSource(live: w)
            let target = try call.string(1)
            let table = try OptionTable(try call.optTable(2), OptionTable.changeKeys + ["current": .boolean], what: "set_global")
            if try table.bool("current") == true {
                if let other = ["on", "reason", "dry_run"].first(where: { table[$0] != .nil }) {
                    throw LuaError("set_global: {current=true} records no change, so it takes no '\(other)'; only notify=")
                }
                let notify = try table.bool("notify")
                let options = ChangeOptions(who: TenantSource.who, at: w.clock.now.epochSeconds)
                let report: ChangeReport
                do { report = try source.apply("set_global", .stateGlobal(target: target, notify: notify), options) } catch let e as TenantError {
                    throw LuaError("set_global: \(e)")
                }
                ChangeReportBinding.push(report, call.L)
                return 1
            }
            let options = try table.changeOptions(source)
            let report = try source.apply("set_global", .setGlobal(target: target, on: options.on, notify: options.notify), options)
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.method("set_wan", WanBinding.setDoc) { w, call in try WanBinding.set(w, call, firstArgument: 1) }
        t.method("wan", WanBinding.tableDoc) { w, call in try WanBinding.table(w, call) }
        t.method("as_of", "tenant:as_of(date): a read-only view of the tenant on that date (users, cohorts, routes)") { w, call in
            guard !call.isNoneOrNil(1) else { throw call.error(1, "date expected, got no value") }
            return try TenantViewBinding.push(asOf: call.value(1), TenantSource(live: w), call)
        }
        t.method("undo", "tenant:undo(): reverts the last change, whatever its kind (same as undo() on the shell's tenant)") { w, call in
            try ChangesBinding.undo(TenantSource(live: w), call)
        }
        t.method("save", WorkspaceSaveBinding.doc) { w, call in try WorkspaceSaveBinding.save(w, call) }
        t.method("fork", "tenant:fork([name]): an independent copy that shares everything until written; f:set_global, f.users:move, f:cohort(name):move and f:undo() change the fork only, f.changes is its journal (the shell's so far, then its own)") { w, call in
            let fork = w.fork(name: try call.optString(1))
            type.push(fork, call.L, bytes: fork.forkBytes)
            return 1
        }
        t.field("users", "every user of this tenant (a Users selection)") { w, call in
            call.push(UsersBox(TenantSource(live: w)), UsersBinding.type)
            return 1
        }
        t.field("cohorts", "this tenant's cohorts") { w, call in
            call.push(CohortsBox(TenantSource(live: w)), CohortsBinding.type)
            return 1
        }
        t.field("changes", "this tenant's change log (the same object as the global changes for the shell's tenant)") { w, call in
            call.push(ChangesBox(TenantSource(live: w)), ChangesBinding.type)
            return 1
        }
        TenantViewBinding.addReaders(t) { TenantSource(live: $0) }
        t.describe { $0.summary }
        return t
    }
}
