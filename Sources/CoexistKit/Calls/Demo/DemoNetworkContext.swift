/// Where a person is on a given day, and what their network looks like there: the planted problems
/// live here (which buildings, which connections, which people), the metric shapes in `DemoMetrics`.
struct DemoNetworkContext {
    var subnet: UInt32 = 0
    var connection: NetworkConnection = .wired
    var band: WifiBand = .unknown
    var vpn = false
    var transport: Transport = .udp
    var ice: IceConnectivity = .direct
    var office = false
    var building = -1
    /// The probability a stream is poor, and how setup and drops behave here.
    var poorChance = 0.0
    var setupFailChance = 0.0
    var firewallFailures = false
    var dropChance = 0.0
    var rttBase = 40.0
    var problem: DemoProblem?

    /// Deterministic per (person, day): the same person is in the same place all day.
    static func make(person: DemoPerson, day: Int, seed: UInt64, codes: DemoCodes) -> DemoNetworkContext {
        var rng = SplitMix64(seed: seed ^ (UInt64(person.index) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(day) &* 0xD1B5_4A32_D192_ED03))
        var c = DemoNetworkContext()
        let where_ = rng.unit()
        if person.remoteOverVPN && where_ < 0.7 {
            // Full tunnel: media hairpins through the concentrator.
            c.vpn = true
            c.subnet = codes.vpnSubnets[Int(rng.next() % UInt64(codes.vpnSubnets.count))]
            c.connection = rng.unit() < 0.5 ? .wired : .wifi     // VPN over Wi-Fi often reports Wired
            c.band = c.connection == .wifi ? .ghz5 : .unknown
            c.poorChance = 0.075
            c.dropChance = 0.018
            c.setupFailChance = 0.004
            c.rttBase = 160
            c.transport = rng.unit() < 0.12 ? .tcp : .udp
            c.ice = .relay
        } else if where_ < 0.85 {
            let b = DemoPeople.buildings[person.building]
            c.office = true
            c.building = person.building
            c.problem = b.problem
            let subnets = codes.buildingSubnets[person.building]
            let missing = codes.missingSubnets[person.building]
            if !missing.isEmpty && rng.unit() < 0.2 {
                c.subnet = missing[Int(rng.next() % UInt64(missing.count))]
            } else {
                c.subnet = subnets[Int(rng.next() % UInt64(subnets.count))]
            }
            let wifiShare = b.problem == .poorWifi24 ? 0.7 : 0.4
            c.connection = rng.unit() < wifiShare ? .wifi : .wired
            if c.connection == .wifi {
                c.band = b.problem == .poorWifi24 ? (rng.unit() < 0.85 ? .ghz24 : .ghz5) : (rng.unit() < 0.9 ? .ghz5 : .ghz24)
            }
            // Healthy 5 GHz Wi-Fi at 0.8 %: with the tenant-wide built-in microphones (+3 points for a quarter of
            // users) a healthy building's Wi-Fi audio poor rate is expected near 1.7 %, clear of the 2 % target, so
            // a healthy building meets it whatever the draws (at 1 % it sat at 1.9 %, within one draw of failing).
            c.poorChance = c.connection == .wired ? 0.006 : (c.band == .ghz24 ? 0.02 : 0.008)
            if b.problem == .poorWifi24 && c.band == .ghz24 { c.poorChance = 0.16 }
            c.dropChance = c.connection == .wired ? 0.004 : 0.007
            if b.problem == .poorWifi24 && c.band == .ghz24 { c.dropChance = 0.03 }
            c.setupFailChance = 0.002
            c.rttBase = b.region == "MSUS" ? 35 : (b.region == "EMEA" ? 55 : 80)
            c.ice = rng.unit() < 0.9 ? .direct : .relay
            if b.problem == .firewallForcesTCP {
                // UDP 3478-3481 blocked: TCP 443 fallback, some via the proxy, and firewall setup failures.
                c.transport = rng.unit() < 0.88 ? .tcp : .udp
                if rng.unit() < 0.15 { c.ice = .http }
                c.setupFailChance = 0.045
                c.firewallFailures = true
                c.poorChance = max(c.poorChance, 0.035)
                c.dropChance = 0.012
            } else {
                c.transport = rng.unit() < 0.015 ? .tcp : .udp
            }
        } else {
            c.subnet = codes.homeSubnets[Int(rng.next() % UInt64(codes.homeSubnets.count))]
            let m = rng.unit()
            c.connection = m < 0.8 ? .wifi : (m < 0.95 ? .wired : .mobile)
            c.band = c.connection == .wifi ? (rng.unit() < 0.6 ? .ghz5 : .ghz24) : .unknown
            c.poorChance = c.connection == .mobile ? 0.05 : 0.02
            c.dropChance = 0.01
            c.setupFailChance = 0.003
            c.rttBase = 60
            c.transport = rng.unit() < 0.03 ? .tcp : .udp
            c.ice = rng.unit() < 0.7 ? .direct : .relay
        }
        return c
    }
}

/// Dictionary codes the generator uses, interned once up front.
struct DemoCodes {
    var users: [UInt32] = []
    var buildingSubnets: [[UInt32]] = []
    var missingSubnets: [[UInt32]] = []
    var vpnSubnets: [UInt32] = []
    var homeSubnets: [UInt32] = []
    var certifiedDevices: [UInt16] = []
    var builtInDevices: [UInt16] = []
    var teamsVersions: [UInt16] = []
    var sfbVersions: [UInt16] = []
    var reasonOther: UInt8 = 0
    var reasonDPI: UInt8 = 0
    var reasonIPBlock: UInt8 = 0

    static let certified = ["Jabra Evolve2 65", "Poly Voyager Focus 2", "Logitech Zone Wireless", "EPOS ADAPT 660",
                            "Yealink UH37", "Microsoft Modern USB Headset"]
    static let builtIn = ["Microphone Array (Realtek(R) Audio)", "MacBook Pro Microphone",
                          "Internal Microphone (Conexant SmartAudio HD)"]
    /// Common home-router subnets ("Use CQD to manage call and meeting quality"): outside, and rightly absent from the building file.
    static let home = ["192.168.1.0", "192.168.0.0", "10.0.0.0", "192.168.178.0"]
    static let teams = ["1.7.00.13456", "1.6.00.35961", "24215.1007.3082.1590"]
    static let sfb = ["16.0.5356.1000", "16.0.4266.1001", "15.0.5023.1000"]
}
