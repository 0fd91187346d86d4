/// Each building's Teams media at the busy hour against its WAN, and the poor stream rate that implies:
/// today's measured rate, plus a congestion term above the utilisation threshold, plus the TCP fallback
/// penalty while UDP 3478-3481 is closed and the VPN penalty until split tunnelling ("Prepare your
/// organization's network for Microsoft Teams"; the QER guide). The penalties already in today's figure
/// are taken out first, so a plan that changes nothing projects today's rate.
struct NetworkModel {
    let perUserMbps: Double
    let capacity: [Double]
    let base: [Double]
    let udpClosedToday: [Bool]
    let p: SimulationParameters
    let levers: LeverSchedule
    let input: SimulationInput

    init(input: SimulationInput, scenario: Scenario, levers: LeverSchedule, teamsMedia: [Int]) {
        let p = scenario.parameters
        self.p = p
        self.levers = levers
        self.input = input
        perUserMbps = p["busy_hour_share"] * (p["audio_kbps"] + p["video_share"] * p["video_kbps"]
            + p["screen_share"] * p["screen_kbps"]) / 1000
        // The scenario's wan={} first, then the building's own attribute (set_wan), then the default.
        capacity = input.buildingNames.enumerated().map { b, name in
            scenario.wanMbps.first { $0.key.lowercased() == name.lowercased() }?.value ?? input.wanSet[b] ?? p["wan_mbps"]
        }
        udpClosedToday = input.baseline.map { $0.tcpShare > p["udp_closed_tcp_share"] }
        var base: [Double] = []
        for (b, m) in input.baseline.enumerated() {
            let util = Double(teamsMedia[b]) * perUserMbps / capacity[b]
            let today = (udpClosedToday[b] ? p["tcp_penalty_pct"] : 0) + p["vpn_penalty_pct"] * m.vpnShare
                + p["congestion_slope"] * max(0, util - p["congestion_threshold"])
            base.append(max(0, m.poorPct - today))
        }
        self.base = base
    }

    func measure(day d: Int, teamsMedia: [Int], into out: inout RunFigures) {
        var busiest = 0, over = 0, weighted = 0.0, users = 0, worst = 0.0
        for b in input.buildingNames.indices {
            let util = Double(teamsMedia[b]) * perUserMbps / (capacity[b] + levers.addedMbps[b][d])
            let udpClosed = udpClosedToday[b] && !levers.udpOpen[b][d]
            let vpn = levers.splitTunnel[b][d] ? 0 : p["vpn_penalty_pct"] * input.baseline[b].vpnShare
            let poor = base[b] + (udpClosed ? p["tcp_penalty_pct"] : 0) + vpn
                + p["congestion_slope"] * max(0, util - p["congestion_threshold"])
            out.utilisation[b][d] = util
            out.poorPct[b][d] = poor
            if util > out.utilisation[busiest][d] { busiest = b }
            if util > 1 { over += 1 }
            weighted += poor * Double(teamsMedia[b])
            users += teamsMedia[b]
            if teamsMedia[b] > 0 { worst = max(worst, poor) }
        }
        out.busiest[d] = busiest
        if !input.buildingNames.isEmpty { out[.utilisation, d] = 100 * out.utilisation[busiest][d] }
        out[.buildingsOverCapacity, d] = Double(over)
        out[.poorPct, d] = users > 0 ? weighted / Double(users) : 0
        out[.worstPoorPct, d] = worst
    }
}
