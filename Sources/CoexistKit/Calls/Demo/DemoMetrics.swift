/// Metric values for one demo stream: healthy shapes, plus a poor episode with the chance the
/// context gives, shaped by the cause (2.4 GHz Wi-Fi: jitter and loss; VPN: round trip; built-in
/// microphones: concealment and degradation).
enum DemoMetrics {
    static func make(_ modality: Modality, ctx: DemoNetworkContext, poorChance: Double, builtIn: Bool,
                     short: Bool, _ rng: inout SplitMix64) -> StreamMetrics {
        var m = StreamMetrics()
        // Short calls often lack a QoE report: CQD leaves them Unclassified.
        if short && rng.unit() < 0.5 { return m }
        if rng.unit() < 0.015 { return m }
        let u = rng.unit()
        let poor = rng.unit() < poorChance
        m.jitterMs = 2 + 10 * u * u * u + (ctx.band == .ghz24 ? 4 : 0)
        m.packetLossRate = 0.01 * rng.unit() * rng.unit()
        m.roundTripMs = ctx.rttBase + 80 * rng.unit() * rng.unit()
        switch modality {
        case .audio:
            m.concealedRatio = 0.002 + 0.03 * rng.unit() * rng.unit() + (builtIn ? 0.01 : 0)
            m.audioDegradation = 0.05 + 0.4 * rng.unit() * rng.unit() + (builtIn ? 0.15 : 0)
            if poor {
                let cause = rng.unit()
                if ctx.band == .ghz24 || ctx.connection == .mobile {
                    m.jitterMs = 30.5 + 60 * rng.unit()
                    if cause < 0.6 { m.packetLossRate = 0.1 + 0.2 * rng.unit() }
                } else if ctx.vpn {
                    m.roundTripMs = 500.5 + 400 * rng.unit()
                    if cause < 0.5 { m.audioDegradation = 1.0 + rng.unit() }
                } else if builtIn && cause < 0.6 {
                    m.concealedRatio = 0.07 + 0.1 * rng.unit() + 0.0001
                    m.audioDegradation = 1.0 + rng.unit() + 0.001
                } else if cause < 0.4 {
                    m.jitterMs = 30.5 + 40 * rng.unit()
                } else if cause < 0.7 {
                    m.packetLossRate = 0.1001 + 0.15 * rng.unit()
                } else {
                    m.audioDegradation = 1.001 + rng.unit()
                }
            }
        case .video, .vbss:
            let minimum = modality == .vbss ? 2.0 : 7.0
            m.videoFrameLossPct = poor ? 50.5 + 30 * rng.unit() : 6 * rng.unit() * rng.unit()
            m.videoFrameRate = poor ? minimum * rng.unit() : (modality == .vbss ? 4 + 10 * rng.unit() : 18 + 12 * rng.unit())
            m.videoPostFECPLR = poor ? 0.16 + 0.1 * rng.unit() : 0.03 * rng.unit() * rng.unit()
            // Some clients skip the frame-loss metric: the frame-rate step then decides.
            if rng.unit() < 0.1 { m.videoFrameLossPct = nil }
        case .appsharing:
            m.spoiledTilePct = poor ? 36.5 + 30 * rng.unit() : 3 + 15 * rng.unit() * rng.unit()
            m.tileLatencyMs = 60 + 200 * rng.unit() * rng.unit()
            m.relativeOneWaySeconds = 0.1 + 0.6 * rng.unit() * rng.unit()
        case .unknown:
            break
        }
        return m
    }
}
