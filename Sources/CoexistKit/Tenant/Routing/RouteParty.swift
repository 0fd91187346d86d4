/// One end of a chat or call: a tenant user on some date, or an external (federated) party described by
/// mode and homing alone.
public struct RouteParty: Sendable, Equatable {
    /// The mode the party is in, which is what routing reads.
    public var mode: CoexistenceMode
    /// The mode their policy names; differs from `mode` only for online users after Skype for Business
    /// Online's retirement (`EffectiveMode`), which the route notes then explain.
    public var policyMode: CoexistenceMode
    public var homing: UserHoming
    public var runsTeams: Bool
    public var runsSfB: Bool
    /// nil for an external party.
    public var upn: String?

    /// A party in `mode` as given. With no homing, the post-retirement homing the routing tables imply:
    /// TeamsOnly online, every other mode on-premises.
    public init(mode: CoexistenceMode, homing: UserHoming? = nil, runsTeams: Bool = true, runsSfB: Bool = true, upn: String? = nil) {
        self.mode = mode
        self.policyMode = mode
        self.homing = homing ?? (mode == .teamsOnly ? .online : .onPremises)
        self.runsTeams = runsTeams
        self.runsSfB = runsSfB
        self.upn = upn
    }

    /// A party whose policy names `policyMode`, as they stand on `day` (`EffectiveMode`): an online party
    /// after Skype for Business Online's retirement is TeamsOnly whatever the policy says.
    public init(policyMode: CoexistenceMode, homing: UserHoming? = nil, on day: PlanDay, runsTeams: Bool = true,
                runsSfB: Bool = true, upn: String? = nil) {
        self.init(mode: policyMode, homing: homing, runsTeams: runsTeams, runsSfB: runsSfB, upn: upn)
        mode = EffectiveMode.of(policyMode: policyMode, homing: self.homing, on: day)
    }

    public init(_ view: UserView) {
        self.init(mode: view.effectiveMode, homing: view.homing, runsTeams: view.user.runsTeams,
                  runsSfB: view.user.runsSfB, upn: view.user.upn)
        policyMode = view.policyMode
    }

    func runs(_ client: ClientApp) -> Bool { client == .teams ? runsTeams : runsSfB }

    /// The client this party starts conversations from when none is named: the only one the mode allows,
    /// or for Islands the one they run (Teams when both).
    public var defaultClient: ClientApp {
        switch mode {
        case .teamsOnly: return .teams
        case .islands: return runsTeams || !runsSfB ? .teams : .sfb
        case .sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings: return .sfb
        }
    }

    /// Why this party routes as TeamsOnly although their policy names another mode; nil when it does not apply.
    var retirementNote: String? {
        guard policyMode != mode else { return nil }
        return "\(upn ?? "the external party") is homed online, so their \(policyMode.rawValue) policy acts as TeamsOnly: \(EffectiveMode.retirementReason)"
    }
}
