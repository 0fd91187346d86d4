/// Every number the day model reads, with its default, its unit and where the default comes from. A
/// scenario overrides any of them by name (`params={...}`), `sweep{}` varies one, and `help(scenario)`
/// prints this list, so an assumption a plan hangs on is never hidden in the code.
public struct SimulationParameters: Sendable, Equatable, Codable {
    private(set) var values: [String: Double]

    public init() { values = Dictionary(uniqueKeysWithValues: Self.documented.map { ($0.name, $0.value) }) }

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: Double
        public var range: ClosedRange<Double>
        public var unit: String
        public var meaning: String
        /// Microsoft's document (or study) the default comes from; "assumption" where none gives a figure.
        public var source: String
    }

    public subscript(_ name: String) -> Double { values[name] ?? Self.byName[name]!.value }

    /// Sets a parameter; an unknown name names the closest, a value out of range is refused (never clamped).
    public mutating func set(_ name: String, _ value: Double) throws(ScenarioError) {
        guard let p = Self.byName[name] else {
            throw .unknownParameter(name, suggestion: EditDistance.nearest(to: name, in: Self.documented.map(\.name)))
        }
        guard value.isFinite, p.range.contains(value) else {
            throw .parameterOutOfRange(name, value: value, range: p.range)
        }
        values[name] = value
    }

    public var bass: BassParameters { BassParameters(innovation: self["innovation"], imitation: self["imitation"]) }

    /// What a building's WAN capacity may be, wherever it is set (`wan_mbps`, `set_wan`, a scenario's `wan={}`).
    public static var wanRange: ClosedRange<Double> { byName["wan_mbps"]!.range }

    static let byName = Dictionary(uniqueKeysWithValues: documented.map { ($0.name, $0) })

    private static func p(_ name: String, _ value: Double, _ range: ClosedRange<Double>, _ unit: String, _ meaning: String,
                          _ source: String = "assumption; fit with calibrate{}") -> Parameter {
        Parameter(name: name, value: value, range: range, unit: unit, meaning: meaning, source: source)
    }

    /// In the order `help(scenario)` lists them.
    public static let documented: [Parameter] = [
        // Adoption (Bass, per cohort, per day).
        p("innovation", 0.01, 0...1, "per day", "Bass p: daily rate at which users of a cohort in the upgrade start Teams on their own",
          "Sultan, Farley and Lehmann (1990) average 0.03 per year for whole markets; inside one organisation fit it"),
        p("imitation", 0.10, 0...1, "per day", "Bass q: daily rate at which users follow the share of their cohort already in Teams",
          "Sultan, Farley and Lehmann (1990) average 0.38 per year for whole markets; inside one organisation fit it"),
        p("announce_boost", 0.02, 0...1, "per day", "innovation added by an announcement or reminder, decaying"),
        p("announce_decay_days", 14, 1...365, "days", "how long an announcement's lift lasts (e-folding time)"),
        p("training_boost", 0.03, 0...1, "per day", "innovation added at full training coverage of a cohort"),
        p("pilot_boost", 0.04, 0...1, "per day", "innovation added to a cohort while it is in a pilot"),
        p("champion_boost", 0.10, 0...1, "per day", "imitation added at full champion coverage of a cohort"),
        p("champion_ratio", 0.02, 0.001...1, "share", "champions per user that count as full coverage (one per 50)"),
        p("islands_keep_sfb", 0.8, 0...1, "share", "Islands users who start Teams and keep Skype for Business running too"),
        p("teams_preference", 0.5, 0...1, "share", "Islands users running both clients start a conversation in Teams this often"),
        // Timing (reference section 9).
        p("policy_delay_days", 1, 0...7, "days", "days before a TeamsUpgradePolicy change takes effect (presence may show Unknown meanwhile)",
          "Get-CsTeamsUpgradePolicy: \"It can take up to 24 hours for a change to TeamsUpgradePolicy to take effect\""),
        p("teamsonly_discovery_days", 0, 0...7, "days", "days before other users' clients see a change to TeamsOnly",
          "Upgrade methods: a change to TeamsOnly is discovered within 2 hours"),
        p("sfb_discovery_days", 2, 0...7, "days", "days before other users' Teams clients see a change from Islands to an SfB mode",
          "Upgrade methods: up to 36 hours"),
        // Conversations.
        p("conversations_per_user", 4, 0...200, "per day", "conversations a user starts on a working day when the call records give no graph"),
        p("contacts_per_user", 8, 1...500, "users", "people each user talks to when the graph is synthesised (mostly own department and building)"),
        p("federated_share", 0.05, 0...1, "share", "conversations with federated partners, per conversation in the tenant"),
        p("partner_teams_only", 1, 0...1, "share", "federated partners that are TeamsOnly (the rest Islands)"),
        // Meetings (Meeting Migration Service).
        p("meetings_per_user", 8, 0...500, "meetings", "future meetings each moved user organises",
          "assumption (Meeting Migration Service migrates them)"),
        p("large_meeting_share", 0.02, 0...1, "share", "meetings over 250 attendees, which the Meeting Migration Service does not migrate",
          "Setting up the Meeting Migration Service: more than 250 attendees are not migrated; share is an assumption"),
        p("mms_failure_rate", 0.05, 0...1, "share", "chance one migration attempt fails (retried up to 9 times over 24 hours)",
          "Setting up the Meeting Migration Service: failures retried up to 9 times over 24 hours; rate is an assumption"),
        // Help desk.
        p("tickets_per_move", 0.15, 0...10, "tickets", "help-desk tickets per user moved, fully prepared"),
        p("no_notice_factor", 1.8, 1...10, "x", "ticket multiplier for a move with less than a week's notice",
          "Upgrade Basic checklist: notify users 3 to 2 weeks before, remind 5 days before"),
        p("training_effect", 0.4, 0...1, "share", "tickets avoided at full training coverage"),
        p("champion_effect", 0.25, 0...1, "share", "tickets avoided at full champion coverage"),
        p("ticket_decay", 0.6, 0...0.99, "per day", "share of a move's tickets still to come each following day"),
        // Network (reference 7.2 and the QER guide).
        p("busy_hour_share", 0.15, 0...1, "share", "users of a building in a Teams call at the busy hour"),
        p("audio_kbps", 58, 0...10_000, "kbps", "audio bandwidth per stream", "Prepare your organization's network for Teams: audio recommended 58 kbps"),
        p("video_kbps", 1500, 0...10_000, "kbps", "video bandwidth per stream", "Prepare your organization's network for Teams: one-to-one video recommended 1,500 kbps"),
        p("video_share", 0.35, 0...1, "share", "calls at the busy hour with video"),
        p("screen_kbps", 1500, 0...10_000, "kbps", "screen sharing bandwidth per stream", "Prepare your organization's network for Teams: one-to-one screen sharing recommended 1,500 kbps"),
        p("screen_share", 0.10, 0...1, "share", "calls at the busy hour sharing a screen"),
        p("wan_mbps", 100, 0.001...1_000_000, "Mbps", "a building's WAN capacity when neither the scenario's wan={} nor set_wan(building, mbps) sets it"),
        p("congestion_threshold", 0.8, 0.01...1, "share", "utilisation above which streams start to go poor"),
        p("congestion_slope", 20, 0...1000, "points", "poor-rate points added per unit of utilisation above the threshold"),
        p("tcp_penalty_pct", 4, 0...100, "points", "poor-rate points added where UDP 3478-3481 is closed (TCP fallback)",
          "QER guide: missing UDP 3478-3481 falls back to TCP 443, with more poor streams; size is an assumption"),
        p("udp_closed_tcp_share", 0.5, 0...1, "share", "a building whose measured TCP share of streams is above this has UDP closed"),
        p("vpn_penalty_pct", 3, 0...100, "points", "poor-rate points added for a building's VPN users until split tunnelling",
          "Prepare your organization's network for Teams: avoid real-time media over VPN; size is an assumption"),
        // Guidance thresholds (reference 8.3-8.5).
        p("window_days", 45, 1...3650, "days", "end-to-end upgrade window the guidance asks to stay within", "Upgrade framework: limit the window to 45 days or so"),
        p("pilot_min_days", 30, 1...365, "days", "shortest pilot", "Pilot essentials: minimum 30 days"),
        p("review_interval_days", 7, 1...365, "days", "longest gap between reviews during the rollout", "QER guide: weekly during deployments"),
        p("missed_threshold", 0.02, 0...1, "share", "share of conversations missed during an Islands period above which the plan is flagged"),
    ]
}
