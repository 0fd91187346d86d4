/// Every metric the store keeps, with its storage slot, its quantisation step and its CQD threshold.
///
/// The store has six UInt16 metric slots per stream. Jitter, loss and round trip exist for every
/// modality and have their own slots; slots 3-5 hold the three metrics of the stream's own modality
/// (audio: concealed ratio and degradation; video and VBSS: the three classifier steps; app sharing:
/// its three), since no stream has both.
///
/// Precision: a stored value is `code * step`, within `step / 2` of the exact value, with two
/// exceptions: values above `65534 * step` saturate there, and a value that rounding would carry
/// across its CQD threshold is nudged by one step so that it stays on its side (30.04 ms of jitter is
/// stored as 30.1, not 30.0). So reclassifying stored values always gives the stored class.
public enum MetricKind: Int, CaseIterable, Sendable {
    case jitter, packetLoss, roundTrip, concealedRatio, degradation
    case frameLoss, frameRate, postFECLoss
    case spoiledTiles, tileLatency, relativeOneWay

    /// The sentinel code of a metric that was not reported.
    public static let missing: UInt16 = 0xFFFF
    static let maxCode = 0xFFFE

    /// Slot 0-5 in the store.
    public var slot: Int {
        switch self {
        case .jitter: return 0
        case .packetLoss: return 1
        case .roundTrip: return 2
        case .concealedRatio, .frameLoss, .spoiledTiles: return 3
        case .degradation, .frameRate, .tileLatency: return 4
        case .postFECLoss, .relativeOneWay: return 5
        }
    }

    /// Which modalities report this metric (the specific slots mean something else for the others).
    public func applies(to modality: Modality) -> Bool {
        switch self {
        case .jitter, .packetLoss, .roundTrip: return true
        case .concealedRatio, .degradation: return modality == .audio
        case .frameLoss, .frameRate, .postFECLoss: return modality == .video || modality == .vbss
        case .spoiledTiles, .tileLatency, .relativeOneWay: return modality == .appsharing
        }
    }

    /// The step is `multiplier / 10^decimals`, so stored values print exactly with `decimals` places.
    public var scale: (multiplier: Int, decimals: Int) {
        switch self {
        case .jitter: return (1, 1)           // 0.1 ms, up to 6553.4 ms
        case .packetLoss: return (2, 5)       // 0.00002, up to 1.31
        case .roundTrip: return (5, 1)        // 0.5 ms, up to 32767 ms
        case .concealedRatio: return (2, 5)   // 0.00002
        case .degradation: return (1, 4)      // 0.0001 MOS, up to 6.55
        case .frameLoss: return (2, 3)        // 0.002 %, up to 131 %
        case .frameRate: return (1, 2)        // 0.01 fps, up to 655 fps
        case .postFECLoss: return (2, 5)      // 0.00002
        case .spoiledTiles: return (2, 3)     // 0.002 %
        case .tileLatency: return (5, 1)      // 0.5 ms
        case .relativeOneWay: return (1, 3)   // 1 ms, up to 65.5 s
        }
    }

    /// `scale` as a Double: literals, because importers quantise 11 metrics per row and a division by
    /// a computed power of ten showed in profiles. Each literal is the correctly rounded
    /// multiplier / 10^decimals, so the same Double as that division (a test holds them equal).
    public var step: Double {
        switch self {
        case .jitter: return 0.1
        case .packetLoss, .concealedRatio, .postFECLoss: return 0.00002
        case .roundTrip, .tileLatency: return 0.5
        case .degradation: return 0.0001
        case .frameLoss, .spoiledTiles: return 0.002
        case .frameRate: return 0.01
        case .relativeOneWay: return 0.001
        }
    }

    /// The largest value an import accepts: the metric's own range (a ratio is at most 1, a percentage
    /// 100, MOS degradation 5) or, for open-ended ones, the most its storage step keeps. Importers refuse
    /// a value beyond it rather than clamp it (`rangeMessage` says why).
    public var maximum: Double {
        switch self {
        case .packetLoss, .concealedRatio, .postFECLoss: return 1
        case .frameLoss, .spoiledTiles: return 100
        case .degradation: return 5
        case .jitter: return 6553.4
        case .roundTrip, .tileLatency: return 32767
        case .frameRate: return 655.34
        case .relativeOneWay: return 65.534
        }
    }

    /// Why a value above `maximum` is refused; starts "out of range" (see `CallImportError.field`).
    public var rangeMessage: StaticString {
        switch self {
        case .packetLoss, .concealedRatio, .postFECLoss: return "out of range: a ratio is 0 to 1 (0.1 is 10 %)"
        case .frameLoss, .spoiledTiles: return "out of range: a percentage is 0 to 100"
        case .degradation: return "out of range: MOS degradation is 0 to 5"
        case .jitter: return "out of range: jitter above 6553.4 ms is more than the store keeps"
        case .roundTrip: return "out of range: round trip above 32767 ms is more than the store keeps"
        case .tileLatency: return "out of range: tile latency above 32767 ms is more than the store keeps"
        case .frameRate: return "out of range: a frame rate above 655.34 fps is more than the store keeps"
        case .relativeOneWay: return "out of range: one-way delay above 65.534 s is more than the store keeps"
        }
    }

    /// CQD's threshold for this metric ("Stream classification in Call Quality Dashboard") and whether poor is above it (else below).
    func threshold(for modality: Modality) -> (value: Double, poorAbove: Bool) {
        switch self {
        case .jitter: return (30, true)
        case .packetLoss: return (0.1, true)
        case .roundTrip: return (500, true)
        case .concealedRatio: return (0.07, true)
        case .degradation: return (1.0, true)
        case .frameLoss: return (50, true)
        case .frameRate: return (modality == .vbss ? 2 : 7, false)
        case .postFECLoss: return (0.15, true)
        case .spoiledTiles: return (36, true)
        case .tileLatency: return (400, true)
        case .relativeOneWay: return (1.75, true)
        }
    }

    /// The field name users see (`calls:fields()`, CSV header).
    public var fieldName: String {
        switch self {
        case .jitter: return "jitter_ms"
        case .packetLoss: return "packet_loss_rate"
        case .roundTrip: return "round_trip_ms"
        case .concealedRatio: return "concealed_ratio"
        case .degradation: return "audio_degradation"
        case .frameLoss: return "video_frame_loss_pct"
        case .frameRate: return "video_frame_rate"
        case .postFECLoss: return "video_post_fec_plr"
        case .spoiledTiles: return "spoiled_tile_pct"
        case .tileLatency: return "tile_latency_ms"
        case .relativeOneWay: return "relative_one_way_s"
        }
    }

    /// Quantise an exact value, keeping it on the same side of its CQD threshold (see the type's note).
    /// Importers refuse values outside 0...`maximum` before they get here (`maximum` is within the
    /// codes), so the saturation below never changes an imported value.
    /// Transparent: `@inline(__always)` was not honoured inside the importer's row append, and at
    /// each call site the kind is a constant, so inlining folds the step and threshold away.
    @_transparent
    func encode(_ value: Double?, modality: Modality) -> UInt16 {
        guard let v = value, v.isFinite else { return Self.missing }
        let step = self.step
        // Round half up by truncating x + 0.5 (values here are positive): `rounded()` is a libm call.
        let x = v / step
        var q = v <= 0 ? 0 : (x >= Double(Self.maxCode) ? Self.maxCode : Int(x + 0.5))
        let (thr, above) = threshold(for: modality)
        let t = Int(thr / step + 0.5)
        if above {
            if v > thr && q <= t { q = t + 1 } else if v <= thr && q > t { q = t }
        } else {
            if v < thr && q >= t { q = t - 1 } else if v >= thr && q < t { q = t }
        }
        return UInt16(q)
    }

    func decode(_ code: UInt16) -> Double? {
        // An exact integer over an exact power of ten: the same Double as the decimal literal.
        code == Self.missing ? nil : Double(Int(code) * scale.multiplier) / pow10(scale.decimals)
    }
}

@inline(__always)
func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
}
