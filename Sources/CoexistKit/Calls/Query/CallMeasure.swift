/// A measure a summary can compute, with CQD's definitions ("Dimensions and measures available in Call Quality Dashboard"). Percentages are 0-100;
/// a measure whose denominator is zero is missing (`.null`), never a division by zero.
public enum CallMeasure: Hashable, Sendable {
    case streams, poor, good, unclassified
    /// Poor over classified (poor + good) streams, all modalities.
    case poorPct
    case audioStreams, audioPoor, audioGood, audioUnclassified
    /// CQD Audio Poor Percentage: audio poor over audio classified (poor + good).
    case audioPoorPct
    case cdrStreams, setupFailed, dropped
    /// The counts behind the percentages, so a review can add groups up before dividing.
    case setupSucceeded, tcp, tcpBase, http, certified, audioWithDevice, poorRated
    /// Setup failed over CDR-available streams (QER formula).
    case setupFailurePct
    /// Dropped over setup-succeeded streams.
    case dropPct
    /// TCP over audio, video and VBSS streams.
    case tcpPct
    /// ICE through an HTTP proxy over all streams.
    case httpPct
    /// Certified capture device over audio streams that name one.
    case certifiedPct
    case rated
    /// Ratings 1 or 2 over rated streams.
    case poorRatingPct
    case calls, users
    case mean(MetricKind), p50(MetricKind), p90(MetricKind), p99(MetricKind)

    public static let defaults: [CallMeasure] = [.streams, .poor, .audioPoorPct, .setupFailurePct, .dropPct, .tcpPct]

    static let simple: [(String, CallMeasure)] = [
        ("streams", .streams), ("poor", .poor), ("good", .good), ("unclassified", .unclassified),
        ("poor_pct", .poorPct), ("audio_streams", .audioStreams), ("audio_poor", .audioPoor),
        ("audio_good", .audioGood), ("audio_unclassified", .audioUnclassified), ("audio_poor_pct", .audioPoorPct),
        ("cdr_streams", .cdrStreams), ("setup_failed", .setupFailed), ("dropped", .dropped),
        ("setup_succeeded", .setupSucceeded), ("tcp", .tcp), ("tcp_base", .tcpBase), ("http", .http),
        ("certified", .certified), ("audio_with_device", .audioWithDevice), ("poor_rated", .poorRated),
        ("setup_failure_pct", .setupFailurePct), ("drop_pct", .dropPct), ("tcp_pct", .tcpPct),
        ("http_pct", .httpPct), ("certified_pct", .certifiedPct), ("rated", .rated),
        ("poor_rating_pct", .poorRatingPct), ("calls", .calls), ("users", .users),
    ]
    static let statMetrics: [(String, MetricKind)] = [("jitter", .jitter), ("loss", .packetLoss), ("rtt", .roundTrip)]

    public static var allNames: [String] {
        simple.map(\.0) + statMetrics.flatMap { m in ["mean", "p50", "p90", "p99"].map { "\(m.0)_\($0)" } }
    }

    /// "audio_poor_pct", "jitter_p90", "rtt_mean", ...; unknown names throw with a suggestion.
    public static func named(_ name: String) throws -> CallMeasure {
        if let m = simple.first(where: { $0.0 == name }) { return m.1 }
        for (prefix, kind) in statMetrics {
            switch name {
            case "\(prefix)_mean": return .mean(kind)
            case "\(prefix)_p50": return .p50(kind)
            case "\(prefix)_p90": return .p90(kind)
            case "\(prefix)_p99": return .p99(kind)
            default: break
            }
        }
        throw CallQueryError.unknownMeasure(name, suggestion: closest(to: name, in: allNames))
    }

    public var name: String {
        if let m = Self.simple.first(where: { $0.1 == self }) { return m.0 }
        func stat(_ k: MetricKind, _ s: String) -> String {
            (Self.statMetrics.first { $0.1 == k }?.0 ?? k.fieldName) + "_" + s
        }
        switch self {
        case .mean(let k): return stat(k, "mean")
        case .p50(let k): return stat(k, "p50")
        case .p90(let k): return stat(k, "p90")
        case .p99(let k): return stat(k, "p99")
        default: return "?"
        }
    }

    var type: ColumnType {
        switch self {
        case .streams, .poor, .good, .unclassified, .audioStreams, .audioPoor, .audioGood, .audioUnclassified,
             .cdrStreams, .setupFailed, .dropped, .rated, .calls, .users,
             .setupSucceeded, .tcp, .tcpBase, .http, .certified, .audioWithDevice, .poorRated: return .int
        default: return .double
        }
    }

    var metric: MetricKind? {
        switch self {
        case .mean(let k), .p50(let k), .p90(let k), .p99(let k): return k
        default: return nil
        }
    }

    /// The value from counters (nil for the measures that need a second pass).
    func value(_ c: GroupCounts) -> ResultValue? {
        func pct(_ a: Int32, _ b: Int32) -> ResultValue { b == 0 ? .null : .double(100 * Double(a) / Double(b)) }
        switch self {
        case .streams: return .int(Int(c.streams))
        case .poor: return .int(Int(c.poor))
        case .good: return .int(Int(c.good))
        case .unclassified: return .int(Int(c.unclassified))
        case .poorPct: return pct(c.poor, c.poor + c.good)
        case .audioStreams: return .int(Int(c.audio))
        case .audioPoor: return .int(Int(c.audioPoor))
        case .audioGood: return .int(Int(c.audioGood))
        case .audioUnclassified: return .int(Int(c.audioUnclassified))
        case .audioPoorPct: return pct(c.audioPoor, c.audioPoor + c.audioGood)
        case .cdrStreams: return .int(Int(c.cdr))
        case .setupFailed: return .int(Int(c.setupFailed))
        case .dropped: return .int(Int(c.dropped))
        case .setupSucceeded: return .int(Int(c.setupSucceeded))
        case .tcp: return .int(Int(c.tcp))
        case .tcpBase: return .int(Int(c.tcpBase))
        case .http: return .int(Int(c.http))
        case .certified: return .int(Int(c.certified))
        case .audioWithDevice: return .int(Int(c.audioWithDevice))
        case .poorRated: return .int(Int(c.poorRated))
        case .setupFailurePct: return pct(c.setupFailed, c.cdr)
        case .dropPct: return pct(c.dropped, c.setupSucceeded)
        case .tcpPct: return pct(c.tcp, c.tcpBase)
        case .httpPct: return pct(c.http, c.streams)
        case .certifiedPct: return pct(c.certified, c.audioWithDevice)
        case .rated: return .int(Int(c.rated))
        case .poorRatingPct: return pct(c.poorRated, c.rated)
        default: return nil
        }
    }
}
