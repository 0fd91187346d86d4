/// Which CQD thresholds a poor stream crossed. The bits mean different metrics per modality (a stream has
/// one modality), which keeps the set in 5 bits beside the class in one byte.
public struct PoorReasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    // Audio
    public static let jitter = PoorReasons(rawValue: 1 << 0)
    public static let packetLoss = PoorReasons(rawValue: 1 << 1)
    public static let roundTrip = PoorReasons(rawValue: 1 << 2)
    public static let concealedRatio = PoorReasons(rawValue: 1 << 3)
    public static let degradation = PoorReasons(rawValue: 1 << 4)
    // Video and VBSS: the step that decided
    public static let frameLoss = PoorReasons(rawValue: 1 << 0)
    public static let frameRate = PoorReasons(rawValue: 1 << 1)
    public static let postFECLoss = PoorReasons(rawValue: 1 << 2)
    // Application sharing
    public static let spoiledTiles = PoorReasons(rawValue: 1 << 0)
    public static let tileLatency = PoorReasons(rawValue: 1 << 1)
    public static let relativeOneWay = PoorReasons(rawValue: 1 << 2)

    /// Reason names for a modality, by bit.
    public static func names(for modality: Modality) -> [String] {
        switch modality {
        case .audio: return ["jitter", "packet_loss", "round_trip", "concealed_ratio", "degradation"]
        case .video, .vbss: return ["frame_loss", "frame_rate", "post_fec_loss"]
        case .appsharing: return ["spoiled_tiles", "tile_latency", "relative_one_way"]
        case .unknown: return []
        }
    }

    public func names(for modality: Modality) -> [String] {
        let all = Self.names(for: modality)
        return all.indices.filter { rawValue & (1 << UInt8($0)) != 0 }.map { all[$0] }
    }
}

/// The class and reasons of one stream, packed as the store keeps them: class in bits 0-1, reasons in 2-6.
public struct StreamQuality: Sendable, Equatable {
    public var quality: QualityClass
    public var reasons: PoorReasons

    public init(_ quality: QualityClass, _ reasons: PoorReasons = []) {
        self.quality = quality
        self.reasons = reasons
    }

    var packed: UInt8 { quality.rawValue | (reasons.rawValue << 2) }

    init(packed: UInt8) {
        quality = QualityClass(rawValue: packed & 3) ?? .unclassified
        reasons = PoorReasons(rawValue: packed >> 2)
    }
}
