/// `wan()`: every building the tenant knows (users' buildings, then the building file's) with the WAN
/// capacity a scenario sets its busy-hour Teams load against: the one `set_wan` gave it, else the documented
/// default `wan_mbps`. A scenario's `wan={}` overrides either for that scenario only.
public enum WanTable {
    public static func table(_ workspace: Workspace) -> ResultSet {
        let tenant = workspace.coexistence
        let fallback = SimulationParameters()["wan_mbps"]
        let rows: [[ResultValue]] = ScenarioPlan.buildingNames(workspace).map { name in
            let set = tenant.wanMbps(name)
            return [.string(name), .double(set ?? fallback), .string(set == nil ? "default wan_mbps" : "set_wan")]
        }
        return ResultSet(columns: [Column("building", .string), Column("wan_mbps", .double, decimals: 1), Column("source", .string)],
                         rows: rows, title: "WAN capacity by building")
    }

    /// Mbps as a report says it: whole numbers without a fraction.
    public static func mbps(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
