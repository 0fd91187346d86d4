/// One dated action of a plan. Targets are names as the user wrote them; `Scenario.validated(for:)`
/// checks them against the tenant before anything runs.
public struct ScenarioStep: Sendable, Equatable, Codable {
    public enum Action: Sendable, Equatable, Codable {
        /// A cohort's move to a mode; `notifyDays` of warning, `moveToTeams` for on-premises users (Move-CsUser -MoveToTeams).
        case move(cohort: String, mode: String, notifyDays: Int?, moveToTeams: Bool)
        /// Grant-CsTeamsUpgradePolicy -Global.
        case global(mode: String)
        /// An announcement or reminder to a cohort, or to everyone (`cohort == nil`).
        case announce(cohort: String?)
        /// A pilot of a cohort for `days`, followed by `assessDays` of assessment.
        case pilot(cohort: String, days: Int, assessDays: Int)
        /// Training sessions with `capacity` seats for a cohort.
        case training(cohort: String, capacity: Int)
        /// `count` champions in a cohort.
        case champions(cohort: String, count: Int)
        /// A network fix for a building.
        case networkFix(building: String, fix: NetworkFix)
        /// A quality review (QER) held that day.
        case review
    }

    public var on: Day
    public var action: Action

    public init(on: Day, _ action: Action) {
        self.on = on
        self.action = action
    }

    /// The action's key as a Lua step spells it.
    public var kind: String {
        switch action {
        case .move: "cohort"
        case .global: "global"
        case .announce: "announce"
        case .pilot: "pilot"
        case .training: "training"
        case .champions: "champions"
        case .networkFix: "building"
        case .review: "review"
        }
    }

    /// The cohort the step is about, when it names one.
    public var cohort: String? {
        switch action {
        case let .move(c, _, _, _), let .pilot(c, _, _), let .training(c, _), let .champions(c, _): c
        case let .announce(c): c
        default: nil
        }
    }
}

/// What a network step fixes in a building.
public enum NetworkFix: Sendable, Equatable, Codable {
    /// Opens UDP 3478-3481: no TCP fallback.
    case udp
    /// Adds WAN capacity, in Mbps.
    case wan(mbps: Double)
    /// Split tunnelling for the VPN: Teams media stops crossing it.
    case splitTunnel

    public static let names = ["udp", "wan", "split_tunnel"]
}
