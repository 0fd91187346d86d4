/// Network readiness measured from the call records, per building and network type (wired, Wi-Fi), as the
/// Skype Operations Framework's network readiness assessment (the "Network Assessment" of its Assess stage,
/// Essentials then Advanced) asks before users move: is each site's network good enough for real-time media?
/// Here the evidence is the calls already made rather than synthetic test calls. Two sets of targets:
/// - the network performance targets of "Prepare your organization's network for Microsoft Teams", client to
///   Microsoft edge: round trip < 100 ms, packet loss < 1 %, jitter < 30 ms. Streams carry averages over the
///   whole stream and their round trip is end to end (client to conferencing server, or client to client), at
///   least the client-to-edge figure; the median stream of the building and network is compared.
/// - the QER guide's internal targets ("Use CQD to manage call and meeting quality", All / Internal): audio poor
///   stream rate 2 %, setup failure 0.5 %, drop failure 2 %. A rate above its target by less than sampling
///   noise (the one-sided 95 % Wilson bound still under the target) is "borderline", not a failure.
/// Fewer streams than `minStreams` are "too few streams": neither ready nor failing.
public struct NetworkReadiness: Sendable {
    public struct Targets: Sendable, Equatable {
        public var roundTripMs = 100.0
        public var packetLossPct = 1.0
        public var jitterMs = 30.0
        public var audioPoorPct = 2.0
        public var setupFailurePct = 0.5
        public var dropPct = 2.0
        public init() {}
    }

    public enum Verdict: String, Sendable, Equatable {
        case meets, misses, borderline
        case tooFewStreams = "too few streams"
        case noData = "no data"

        /// Measured over enough streams to say anything.
        var isMeasured: Bool { self == .meets || self == .misses || self == .borderline }
    }

    public struct Row: Sendable, Equatable {
        public var building: String
        /// "wired" or "wifi"
        public var network: String
        public var metric: String
        public var measured: Double?
        /// The measured value must stay below this (medians) or at most this (rates).
        public var target: Double
        public var streams: Int
        public var verdict: Verdict
    }

    public static let networks = ["wired", "wifi"]
    public static let metrics = ["round_trip_ms", "packet_loss_pct", "jitter_ms", "audio_poor_pct", "setup_failure_pct", "drop_pct"]

    public let month: CalendarMonth?
    public let minStreams: Int
    public let targets: Targets
    public private(set) var rows: [Row] = []

    /// Measures every building of the building file (or only `buildings`, matched case-insensitively) over
    /// the audio streams of `month` (nil: no period, every stream).
    public init(_ store: CallStore, month: CalendarMonth?, minStreams: Int = 100, targets: Targets = Targets(),
                buildings: [String]? = nil) throws {
        self.month = month
        self.minStreams = minStreams
        self.targets = targets
        var q = try CallQuery().filter("modality", .eq, .string("audio"))
            .filter("connection", in: Self.networks.map { .string($0) })
        if let month { q = q.between(month.range.from, month.range.to) }
        let rs = try store.summary(q, by: ["building", "connection"], measures: [
            "audio_streams", "rtt_p50", "loss_p50", "jitter_p50", "audio_poor", "audio_good",
            "cdr_streams", "setup_failed", "setup_succeeded", "dropped"])
        var cells: [String: [ResultValue]] = [:]
        for row in rs.rows {
            guard case .string(let b) = row[0], case .string(let n) = row[1] else { continue }
            cells[b.lowercased() + "\u{0}" + n] = row
        }
        let names = buildings ?? store.buildingFile.buildings.map(\.name).sorted()
        for name in names {
            for network in Self.networks {
                rows += measure(name, network, cells[name.lowercased() + "\u{0}" + network])
            }
        }
    }

    private func measure(_ building: String, _ network: String, _ row: [ResultValue]?) -> [Row] {
        func int(_ i: Int) -> Int { if let row, case .int(let v) = row[i] { return v }; return 0 }
        func double(_ i: Int) -> Double? { if let row, case .double(let v) = row[i] { return v }; return nil }
        let audio = int(2)
        let judged = int(6) + int(7)
        func median(_ metric: String, _ value: Double?, _ target: Double) -> Row {
            let verdict: Verdict = audio == 0 || value == nil ? .noData
                : audio < minStreams ? .tooFewStreams : (value! < target ? .meets : .misses)
            return Row(building: building, network: network, metric: metric, measured: value, target: target,
                       streams: audio, verdict: verdict)
        }
        func rate(_ metric: String, _ count: Int, _ over: Int, _ target: Double) -> Row {
            let value = over == 0 ? nil : 100 * Double(count) / Double(over)
            return Row(building: building, network: network, metric: metric, measured: value, target: target,
                       streams: over, verdict: Self.rateVerdict(count, over, target: target, minStreams: minStreams))
        }
        return [
            median("round_trip_ms", double(3), targets.roundTripMs),
            median("packet_loss_pct", double(4).map { $0 * 100 }, targets.packetLossPct),
            median("jitter_ms", double(5), targets.jitterMs),
            rate("audio_poor_pct", int(6), judged, targets.audioPoorPct),
            rate("setup_failure_pct", int(9), int(8), targets.setupFailurePct),
            rate("drop_pct", int(11), int(10), targets.dropPct),
        ]
    }

    /// `count` of `over` against a target in percent: misses only when the one-sided 95 % Wilson lower bound
    /// of the rate is above the target, so that a rate a stream or two over it is not called a failure.
    static func rateVerdict(_ count: Int, _ over: Int, target: Double, minStreams: Int) -> Verdict {
        if over == 0 { return .noData }
        if over < minStreams { return .tooFewStreams }
        let n = Double(over), p = Double(count) / n
        if p * 100 <= target { return .meets }
        let z = 1.645, z2 = z * z
        let lower = (p + z2 / (2 * n) - z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        return lower * 100 > target ? .misses : .borderline
    }

    /// Buildings with a figure that misses its target.
    public var failing: [String] { buildings { $0.contains { $0.verdict == .misses } } }
    /// Buildings with at least one figure measured over enough streams.
    public var measured: [String] { buildings { $0.contains { $0.verdict.isMeasured } } }
    /// Buildings without one figure measured over enough streams.
    public var unmeasured: [String] { buildings { !$0.contains { $0.verdict.isMeasured } } }

    private func buildings(_ test: ([Row]) -> Bool) -> [String] {
        var order: [String] = [], by: [String: [Row]] = [:]
        for r in rows {
            if by[r.building] == nil { order.append(r.building) }
            by[r.building, default: []].append(r)
        }
        return order.filter { test(by[$0]!) }
    }

    /// One row per building, network and metric: measured value, target, streams, verdict.
    public var table: ResultSet {
        let failing = self.failing
        var title = "network readiness" + (month.map { ", \($0)" } ?? "") + ": "
        title += failing.isEmpty ? "no building fails" : "failing " + failing.joined(separator: ", ")
        return ResultSet(columns: [Column("building", .string), Column("network", .string), Column("metric", .string),
                                   Column("measured", .double, decimals: 2), Column("target", .double, decimals: 2),
                                   Column("streams", .int), Column("verdict", .string)],
                         rows: rows.map { r in
                             [.string(r.building), .string(r.network), .string(r.metric), r.measured.map { .double($0) } ?? .null,
                              .double(r.target), .int(r.streams), .string(r.verdict.rawValue)]
                         }, title: title)
    }
}
