import CoexistKit

/// The `tenant` global: the name and counts of what the shell holds.
public enum TenantBinding {
    nonisolated(unsafe) static let type: LuaObjectType<Workspace> = makeType()

    public static func install(_ workspace: Workspace, in engine: LuaEngine) {
        engine.registerType(type)
        type.push(workspace, engine.L)
        engine.setGlobal(path: "tenant")
        engine.document("tenant", "the tenant held in memory: tenant.name, tenant.counts; print(tenant) for a summary")
    }

    private static func makeType() -> LuaObjectType<Workspace> {
        let t = LuaObjectType<Workspace>("Tenant", doc: "The tenant the shell holds: its name and what it contains.")
        t.field("name", "the tenant's name, shown in the prompt") { .string($0.name) }
        t.field("counts", "a record of how many users, cohorts, buildings and streams it holds") { w in
            .table(LuaTable(fields: w.counts.map { (.string($0.label), .integer(Int64($0.value))) }))
        }
        t.describe { $0.summary }
        return t
    }
}
