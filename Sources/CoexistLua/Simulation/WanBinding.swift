import CoexistKit

/// A building's WAN capacity as a tenant attribute: `set_wan(building, mbps)` sets it through the door
/// (journaled, so `undo()` takes it back and a fork's change stays in the fork), `wan()` lists every building
/// with its capacity (set, or the documented default `wan_mbps`). Scenarios set each building's busy-hour
/// Teams load against it; a scenario's own `wan={}` still overrides it for that scenario.
enum WanBinding {
    static let setDoc = """
        tenant:set_wan(building, mbps, {reason=, dry_run=}): sets a building's WAN capacity in Mbps (the same range \
        as the wan_mbps parameter), the capacity scenarios set its busy-hour Teams media load against; journaled, \
        so undo() takes it back; returns a report. An unknown building names the closest; a scenario's wan={} \
        still overrides it for that scenario
        """
    static let tableDoc = """
        tenant:wan(): every building (users' buildings, then the building file's) with wan_mbps, its WAN capacity, \
        and source: "set_wan" where set_wan gave it, else "default wan_mbps" (help(scenario) gives the default)
        """

    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("set_wan", doc: """
            set_wan(building, mbps, {reason=, dry_run=}): tenant:set_wan on the shell's tenant: a building's WAN \
            capacity in Mbps, journaled (undo() takes it back). Example: set_wan("NYC-1", 500); print(wan())
            """) { call in try set(workspace, call, firstArgument: 1) }
        engine.register("wan", doc: """
            wan(): tenant:wan() on the shell's tenant: each building's WAN capacity in Mbps and whether set_wan set \
            it or it is the default wan_mbps. Example: print(wan())
            """) { call in try table(workspace, call) }
    }

    static func set(_ workspace: Workspace, _ call: LuaCall, firstArgument i: Int) throws -> Int32 {
        let building = try call.string(i)
        guard !call.isNoneOrNil(i + 1) else { throw call.error(i + 1, "set_wan: capacity in Mbps expected, got no value") }
        let mbps = try call.number(i + 1)
        let opts = try OptionTable(try call.optTable(i + 2), ["reason": .string, "dry_run": .boolean], what: "set_wan")
        guard call.count <= i + 2 else { throw LuaError("set_wan: takes a building, a capacity and an options table; got \(call.count) arguments") }
        let source = TenantSource(live: workspace)
        let options = try opts.changeOptions(source)
        let report: ChangeReport
        do { report = try source.apply("set_wan", .setBuildingWan(building: building, mbps: mbps), options) } catch let e as TenantError {
            throw LuaError("\(e)")
        }
        ChangeReportBinding.push(report, call.L)
        return 1
    }

    static func table(_ workspace: Workspace, _ call: LuaCall) throws -> Int32 {
        guard call.count == 0 else { throw LuaError("wan: takes no arguments; got \(call.count)") }
        ResultSetBinding.push(WanTable.table(workspace), call.L)
        return 1
    }
}
