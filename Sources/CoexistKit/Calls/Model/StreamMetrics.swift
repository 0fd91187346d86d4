/// The measured values of one stream, exactly as reported. `nil` is "not reported", which CQD treats
/// very differently from zero (a missing metric can make a stream Unclassified; zero jitter is Good).
public struct StreamMetrics: Sendable, Equatable {
    /// Average jitter, milliseconds (CQD "Jitter", Graph averageJitter).
    public var jitterMs: Double?
    /// Average packet loss, a ratio: 0.1 is 10 % (CQD "Packet Loss Rate").
    public var packetLossRate: Double?
    /// Average round trip, milliseconds (CQD "Round Trip").
    public var roundTripMs: Double?
    /// Ratio of frames with concealed samples (CQD "Ratio Concealed Samples Avg"). Audio only.
    public var concealedRatio: Double?
    /// Network MOS degradation, 0-5 (CQD "Audio Degradation Avg"). Audio only.
    public var audioDegradation: Double?
    /// Percent of video frames lost as displayed (CQD "Video Local Frame Loss Percentage Avg"). Video and VBSS.
    public var videoFrameLossPct: Double?
    /// Frames per second (CQD "Video Frame Rate Avg"). Video and VBSS.
    public var videoFrameRate: Double?
    /// Loss ratio after forward error correction (CQD "Video Post FECPLR"). Video and VBSS.
    public var videoPostFECPLR: Double?
    /// Percent of tiles spoiled (CQD "Spoiled Tile Percent Total"). App sharing.
    public var spoiledTilePct: Double?
    /// RDP tile processing latency, milliseconds. App sharing.
    public var tileLatencyMs: Double?
    /// Relative one-way delay, seconds (CQD "AppSharing Relative OneWay Average"). App sharing.
    public var relativeOneWaySeconds: Double?

    public init(jitterMs: Double? = nil, packetLossRate: Double? = nil, roundTripMs: Double? = nil,
                concealedRatio: Double? = nil, audioDegradation: Double? = nil,
                videoFrameLossPct: Double? = nil, videoFrameRate: Double? = nil, videoPostFECPLR: Double? = nil,
                spoiledTilePct: Double? = nil, tileLatencyMs: Double? = nil, relativeOneWaySeconds: Double? = nil) {
        self.jitterMs = jitterMs
        self.packetLossRate = packetLossRate
        self.roundTripMs = roundTripMs
        self.concealedRatio = concealedRatio
        self.audioDegradation = audioDegradation
        self.videoFrameLossPct = videoFrameLossPct
        self.videoFrameRate = videoFrameRate
        self.videoPostFECPLR = videoPostFECPLR
        self.spoiledTilePct = spoiledTilePct
        self.tileLatencyMs = tileLatencyMs
        self.relativeOneWaySeconds = relativeOneWaySeconds
    }

    subscript(kind: MetricKind) -> Double? {
        get {
            switch kind {
            case .jitter: return jitterMs
            case .packetLoss: return packetLossRate
            case .roundTrip: return roundTripMs
            case .concealedRatio: return concealedRatio
            case .degradation: return audioDegradation
            case .frameLoss: return videoFrameLossPct
            case .frameRate: return videoFrameRate
            case .postFECLoss: return videoPostFECPLR
            case .spoiledTiles: return spoiledTilePct
            case .tileLatency: return tileLatencyMs
            case .relativeOneWay: return relativeOneWaySeconds
            }
        }
        set {
            switch kind {
            case .jitter: jitterMs = newValue
            case .packetLoss: packetLossRate = newValue
            case .roundTrip: roundTripMs = newValue
            case .concealedRatio: concealedRatio = newValue
            case .degradation: audioDegradation = newValue
            case .frameLoss: videoFrameLossPct = newValue
            case .frameRate: videoFrameRate = newValue
            case .postFECLoss: videoPostFECPLR = newValue
            case .spoiledTiles: spoiledTilePct = newValue
            case .tileLatency: tileLatencyMs = newValue
            case .relativeOneWay: relativeOneWaySeconds = newValue
            }
        }
    }
}
