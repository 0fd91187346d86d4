/// One end of a chat or call: a tenant user on some date, or an external (federated) party described by
/// mode and homing alone.
public struct RouteParty: Sendable, Equatable {
    public var mode: CoexistenceMode
    public var homing: UserHoming
    public var runsTeams: Bool
    public var runsSfB: Bool
    /// nil for an external party.
    public var upn: String?

    public init(mode: CoexistenceMode, homing: UserHoming? = nil, runsTeams: Bool = true, runsSfB: Bool = true, upn: String? = nil) {
        self.mode = mode
        // Post-retirement homing implied by the routing tables: TeamsOnly online, every other mode on-premises.
        self.homing = homing ?? (mode == .teamsOnly ? .online : .onPremises)
        self.runsTeams = runsTeams
        self.runsSfB = runsSfB
        self.upn = upn
    }

    public init(_ view: UserView) {
        self.init(mode: view.effectiveMode, homing: view.homing, runsTeams: view.user.runsTeams,
                  runsSfB: view.user.runsSfB, upn: view.user.upn)
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
}
