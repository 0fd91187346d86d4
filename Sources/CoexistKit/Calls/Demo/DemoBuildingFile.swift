/// The demo tenant's CQD building file, from `DemoPeople.buildings`.
///
/// Buildings whose subnets are all listed use their CIDR supernet (one row, as many real files do);
/// buildings with planted missing subnets list their /24s one by one, because a supernet would cover
/// the "missing" ones. The VPN pool is one row with VPN=1, named "VPN" as the CQD guidance suggests.
public enum DemoBuildingFile {
    public static func text() -> String {
        var lines: [String] = []
        for b in DemoPeople.buildings {
            let base = IPv4.parse(b.network)!
            func row(_ network: UInt32, _ prefix: Int) -> String {
                [IPv4.format(network), b.networkName, String(prefix), b.name, "Contoso", "Office", "Mixed", b.city,
                 b.zip, b.country, b.state, b.region, "1", "0", "0"].joined(separator: ",")
            }
            if b.missingSubnetOctets.isEmpty {
                lines.append(row(base, b.prefix))
            } else {
                for o in b.subnetOctets { lines.append(row(base | UInt32(o) << 8, 24)) }
            }
        }
        let v = DemoPeople.vpnNetwork
        lines.append([v.network, "VPN", String(v.prefix), "VPN", "Contoso", "VPN", "Remote", "", "", "", "", "", "1", "0", "1"]
            .joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func file() -> BuildingFile {
        // The demo's own data: a parse failure is a bug in this file, caught by the tests.
        try! BuildingFile.parse(text(), file: "demo-buildings.csv")
    }

    /// The /24 subnet strings a building's people use ("10.4.40.0"), listed and missing.
    static func subnets(of b: DemoBuilding) -> (listed: [String], missing: [String]) {
        let base = IPv4.parse(b.network)!
        let f = { (o: Int) in IPv4.format(base | UInt32(o) << 8) }
        return (b.subnetOctets.map(f), b.missingSubnetOctets.map(f))
    }
}
