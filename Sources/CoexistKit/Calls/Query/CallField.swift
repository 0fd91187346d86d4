/// Every field of a stream that a query can filter on, group by or read, with its meaning and unit
/// (`calls:fields()`). Names are the CSV's snake_case names; derived fields (building, city, inside,
/// certified, quality) come from reference data or classification.
public enum CallField: String, CaseIterable, Sendable {
    case callId = "call_id", start, duration = "duration_s", modality, callType = "call_type", product
    case clientVersion = "client_version", firstUser = "first_user", secondUser = "second_user", direction
    case subnet, building, city, country, region, inside
    case connection, wifiBand = "wifi_band", vpn, transport, ice
    case captureDevice = "capture_device", certified
    case jitter = "jitter_ms", packetLoss = "packet_loss_rate", roundTrip = "round_trip_ms"
    case concealedRatio = "concealed_ratio", degradation = "audio_degradation"
    case frameLoss = "video_frame_loss_pct", frameRate = "video_frame_rate", postFECLoss = "video_post_fec_plr"
    case spoiledTiles = "spoiled_tile_pct", tileLatency = "tile_latency_ms", relativeOneWay = "relative_one_way_s"
    case cdrAvailable = "cdr_available", setupFailed = "setup_failed", failureReason = "failure_reason", dropped
    case rating, quality, poorReason = "poor_reason"

    /// Short names people type, and the DESIGN sketch's `network`.
    static let aliases: [String: CallField] = [
        "user": .firstUser, "network": .connection, "class": .quality, "jitter": .jitter, "loss": .packetLoss,
        "rtt": .roundTrip, "device": .captureDevice, "duration": .duration, "call": .callId, "media": .modality,
    ]

    /// Resolves a name or alias; unknown names throw with the closest field as a suggestion.
    public static func named(_ name: String) throws -> CallField {
        if let f = CallField(rawValue: name) ?? aliases[name] { return f }
        let candidates = allCases.map(\.rawValue) + aliases.keys.sorted() + TimeBucket.allCases.map(\.rawValue) + UserDimension.names
        throw CallQueryError.unknownField(name, suggestion: closest(to: name, in: candidates))
    }

    public var metric: MetricKind? {
        switch self {
        case .jitter: return .jitter
        case .packetLoss: return .packetLoss
        case .roundTrip: return .roundTrip
        case .concealedRatio: return .concealedRatio
        case .degradation: return .degradation
        case .frameLoss: return .frameLoss
        case .frameRate: return .frameRate
        case .postFECLoss: return .postFECLoss
        case .spoiledTiles: return .spoiledTiles
        case .tileLatency: return .tileLatency
        case .relativeOneWay: return .relativeOneWay
        default: return nil
        }
    }

    public var type: ColumnType {
        switch self {
        case .start: return .date
        case .duration, .rating: return .int
        case .inside, .vpn, .certified, .cdrAvailable, .setupFailed, .dropped: return .bool
        default: return metric != nil ? .double : .string
        }
    }

    /// The values of a closed vocabulary (for completion and error messages); nil for open ones.
    public var values: [String]? {
        switch self {
        case .modality: return Modality.allCases.map(\.name)
        case .callType: return CallType.allCases.map(\.name)
        case .product: return Product.allCases.map(\.name)
        case .direction: return StreamDirection.allCases.map(\.name)
        case .connection: return NetworkConnection.allCases.map(\.name)
        case .wifiBand: return WifiBand.allCases.map(\.name)
        case .transport: return Transport.allCases.map(\.name)
        case .ice: return IceConnectivity.allCases.map(\.name)
        case .quality: return QualityClass.allCases.map(\.name)
        case .poorReason:
            return [Modality.audio, .video, .appsharing].flatMap { PoorReasons.names(for: $0) }
        default: return nil
        }
    }

    public var unit: String {
        switch self {
        case .start: return "UTC"
        case .duration: return "s"
        case .jitter, .roundTrip, .tileLatency: return "ms"
        case .packetLoss, .concealedRatio, .postFECLoss: return "ratio"
        case .degradation: return "MOS"
        case .frameLoss, .spoiledTiles: return "%"
        case .frameRate: return "fps"
        case .relativeOneWay: return "s"
        case .rating: return "1-5"
        default: return ""
        }
    }

    public var meaning: String {
        switch self {
        case .callId: return "the call the stream belongs to"
        case .start: return "when the stream started"
        case .duration: return "stream duration"
        case .modality: return "audio, video, vbss (video-based screen sharing) or appsharing"
        case .callType: return "p2p, conference or pstn"
        case .product: return "client product: teams or sfb (Skype for Business)"
        case .clientVersion: return "client application version"
        case .firstUser: return "user at the first endpoint (whose network the row describes)"
        case .secondUser: return "user at the second endpoint; empty for a server"
        case .direction: return "first_to_second or second_to_first"
        case .subnet: return "first endpoint's subnet"
        case .building: return "building of the subnet (building file, longest prefix)"
        case .city: return "city of the building"
        case .country: return "country of the building"
        case .region: return "region of the building"
        case .inside: return "subnet is inside the corporate network (building file InsideCorp)"
        case .connection: return "wired, wifi, mobile, tunnel or other"
        case .wifiBand: return "2.4ghz, 5ghz or 60ghz when on Wi-Fi"
        case .vpn: return "endpoint was on VPN"
        case .transport: return "udp or tcp"
        case .ice: return "ICE connectivity: direct, relay, http (proxy) or failed"
        case .captureDevice: return "microphone (capture device) name"
        case .certified: return "capture device is certified (device catalogue)"
        case .jitter: return "average jitter; poor above 30 ms"
        case .packetLoss: return "average packet loss rate; poor above 0.1"
        case .roundTrip: return "average round trip; poor above 500 ms"
        case .concealedRatio: return "ratio of concealed samples (audio); poor above 0.07"
        case .degradation: return "network MOS degradation (audio); poor above 1.0"
        case .frameLoss: return "video local frame loss (video, vbss); poor above 50 %"
        case .frameRate: return "video frame rate (video, vbss); poor below 7 (vbss 2)"
        case .postFECLoss: return "video loss after FEC (video, vbss); poor above 0.15"
        case .spoiledTiles: return "spoiled tiles (appsharing); poor above 36 %"
        case .tileLatency: return "RDP tile processing latency (appsharing); poor above 400 ms"
        case .relativeOneWay: return "relative one-way delay (appsharing); poor above 1.75 s"
        case .cdrAvailable: return "reliability (CDR) data available: setup failure denominator"
        case .setupFailed: return "media path could not be set up"
        case .failureReason: return "call setup failure reason (firewall DPI, IP block, other)"
        case .dropped: return "media path did not end normally"
        case .rating: return "Rate My Call rating, 0 when not rated"
        case .quality: return "CQD class: good, poor or unclassified"
        case .poorReason: return "a threshold the stream crossed (jitter, packet_loss, ... frame_rate ...)"
        }
    }

    /// `calls:fields()`.
    public static func describe() -> ResultSet {
        var rows = allCases.map { f -> [ResultValue] in
            [.string(f.rawValue), .string(f.type.rawValue), f.unit.isEmpty ? .null : .string(f.unit),
             .string(f.meaning), f.values.map { .string($0.joined(separator: ", ")) } ?? .null]
        }
        for d in UserDimension.allCases {
            rows.append([.string(d.rawValue), .string("string"), .null, .string(d.meaning), .null])
        }
        for b in TimeBucket.allCases {
            rows.append([.string(b.rawValue), .string("date"), .string("UTC"),
                         .string("start truncated to the \(b.rawValue) (grouping only)"), .null])
        }
        return ResultSet(columns: [Column("name", .string), Column("type", .string), Column("unit", .string),
                                   Column("meaning", .string), Column("values", .string)],
                         rows: rows, title: "stream fields", isListing: true)
    }
}

/// Calendar buckets for grouping by time (UTC). Weeks start on Monday (ISO 8601).
public enum TimeBucket: String, CaseIterable, Sendable {
    case hour, day, week, month
}
