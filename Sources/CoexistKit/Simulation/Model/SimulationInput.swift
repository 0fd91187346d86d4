/// What the day model needs from the tenant and its call records, read once and shared by every run of a
/// scenario (and by every scenario a `compare` or `sweep` runs): who is in which cohort and building,
/// mailboxes, the clients users run today, the communication graph and each building's measured network.
public struct SimulationInput: Sendable {
    public let users: Int
    public let cohortNames: [String]
    /// Cohort index per user; `cohortNames.count` for users in no cohort.
    let cohortOf: [Int32]
    let cohortSize: [Int]
    public let buildingNames: [String]
    let buildingOf: [Int32]
    let mailboxOnline: [Bool]
    /// Who runs Teams at the start of a run (today's records; a backtest sets its cohorts' recorded share).
    var runsTeamsToday: [Bool]
    let runsSfBToday: [Bool]
    public let graph: CommunicationGraph
    public let baseline: [BuildingBaseline]
    /// Per building, the WAN capacity the tenant has for it (`set_wan`), nil for the default.
    let wanSet: [Double?]

    /// A building's network as the call records measure it.
    public struct BuildingBaseline: Sendable, Equatable {
        public var name: String
        /// Audio poor stream rate, percent; 0 when the records hold none for the building.
        public var poorPct: Double
        /// Share of streams over TCP (0-1).
        public var tcpShare: Double
        /// Share of streams over VPN (0-1).
        public var vpnShare: Double
        public var streams: Int
    }

    /// `graph` nil: from the call records when they name pairs of tenant users, else synthesised with the
    /// parameters' contacts and conversations per user.
    public init(tenant: CoexistenceTenant, calls: CallStore, parameters: SimulationParameters, seed: UInt64,
                graph: CommunicationGraph? = nil) {
        users = tenant.directory.count
        cohortNames = tenant.cohorts.names
        var cohortOf = [Int32](repeating: Int32(cohortNames.count), count: users)
        for (i, c) in tenant.cohorts.cohorts.enumerated() { for p in c.members { cohortOf[p] = Int32(i) } }
        self.cohortOf = cohortOf
        var sizes = [Int](repeating: 0, count: cohortNames.count + 1)
        for c in cohortOf { sizes[Int(c)] += 1 }
        cohortSize = sizes
        var names: [String] = [], index: [String: Int32] = [:]
        var buildingOf = [Int32](repeating: 0, count: users)
        let dir = tenant.directory.users
        for (p, u) in dir.enumerated() {
            let key = u.building.isEmpty ? "(none)" : u.building
            if let i = index[key.lowercased()] { buildingOf[p] = i; continue }
            index[key.lowercased()] = Int32(names.count)
            buildingOf[p] = Int32(names.count)
            names.append(key)
        }
        buildingNames = names
        self.buildingOf = buildingOf
        mailboxOnline = dir.map { $0.mailbox == .online }
        runsTeamsToday = dir.map(\.runsTeams)
        runsSfBToday = dir.map(\.runsSfB)
        self.graph = graph ?? CommunicationGraph.fromCalls(calls, tenant: tenant)
            ?? CommunicationGraph.synthesised(tenant, contacts: Int(parameters["contacts_per_user"]),
                                              perUser: parameters["conversations_per_user"], seed: seed)
        baseline = Self.measure(calls, buildings: names)
        wanSet = names.map { tenant.wanMbps($0) }
    }

    /// The same input with `share` of the cohort's members (the first by directory position, so every run
    /// and machine picks the same) starting in Teams: a backtest starts each cohort where its records start.
    public func startingInTeams(cohort name: String, share: Double) -> SimulationInput {
        guard let c = cohortNames.firstIndex(of: name) else { return self }
        var copy = self
        var left = Int((share * Double(cohortSize[c])).rounded())
        for u in 0..<users where cohortOf[u] == Int32(c) {
            copy.runsTeamsToday[u] = left > 0
            left -= 1
        }
        return copy
    }

    private static func measure(_ store: CallStore, buildings: [String]) -> [BuildingBaseline] {
        var poor: [String: (Double, Int)] = [:], tcp: [String: Double] = [:], vpn: [String: Int] = [:]
        if store.count > 0 {
            if let rs = try? store.summary(CallQuery(), by: ["building"], measures: ["streams", "audio_poor_pct", "tcp_pct"]) {
                for row in rs.rows {
                    guard case .string(let b) = row[0] else { continue }
                    var streams = 0
                    if case .int(let n) = row[1] { streams = n }
                    var pct = 0.0
                    if case .double(let d) = row[2] { pct = d }
                    poor[b.lowercased()] = (pct, streams)
                    if case .double(let t) = row[3] { tcp[b.lowercased()] = t / 100 }
                }
            }
            if let q = try? CallQuery().filter("vpn", .eq, .bool(true)),
               let rs = try? store.summary(q, by: ["building"], measures: ["streams"]) {
                for row in rs.rows {
                    guard case .string(let b) = row[0], case .int(let n) = row[1] else { continue }
                    vpn[b.lowercased()] = n
                }
            }
        }
        return buildings.map { name in
            let key = name.lowercased()
            let (pct, streams) = poor[key] ?? (0, 0)
            return BuildingBaseline(name: name, poorPct: pct, tcpShare: tcp[key] ?? 0,
                                    vpnShare: streams > 0 ? Double(vpn[key] ?? 0) / Double(streams) : 0, streams: streams)
        }
    }
}
