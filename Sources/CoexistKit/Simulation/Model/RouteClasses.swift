/// Users grouped by everything routing reads: as a sender their mode, homing and the clients they run
/// (40 classes); as a recipient the mode others' clients see and the clients they run (20 classes). The
/// outcome of every sender class, recipient class and starting client is asked of the routing engine
/// (`Router`) once, so the grouped model routes each group pair once a day instead of each conversation.
struct RouteClasses: Sendable {
    static let senderClasses = 40
    static let recipientClasses = 20

    enum Kind: Int { case native, interop, federated, sfb, notPossible }

    struct Outcome: Sendable {
        var kind: Kind
        var missed: Bool
    }

    /// [sender][recipient][client: 0 Teams, 1 SfB]; nil where the sender's mode forbids the client.
    let inTenant: [Outcome?]
    /// Federated, to and from a partner: [class][partner: 0 TeamsOnly, 1 Islands][client].
    let toPartner: [Outcome?]
    let fromPartner: [Outcome?]

    @inline(__always) static func sender(mode: Int, onPrem: Bool, teams: Bool, sfb: Bool) -> Int {
        mode * 8 + (onPrem ? 4 : 0) + (teams ? 2 : 0) + (sfb ? 1 : 0)
    }

    @inline(__always) static func recipient(visible: Int, teams: Bool, sfb: Bool) -> Int {
        visible * 4 + (teams ? 2 : 0) + (sfb ? 1 : 0)
    }

    static func senderParty(_ s: Int) -> RouteParty {
        RouteParty(mode: ScenarioPlan.modeOrder[s / 8], homing: (s / 4) % 2 == 1 ? .onPremises : .online,
                   runsTeams: (s / 2) % 2 == 1, runsSfB: s % 2 == 1)
    }

    static func recipientParty(_ r: Int) -> RouteParty {
        RouteParty(mode: ScenarioPlan.modeOrder[r / 4], runsTeams: (r / 2) % 2 == 1, runsSfB: r % 2 == 1)
    }

    static let partners = [RouteParty(mode: .teamsOnly), RouteParty(mode: .islands)]

    /// The share of a sender class's conversations started in Teams: one client when the mode allows one or
    /// the user runs one, else `preference`.
    static func teamsFraction(_ party: RouteParty, preference: Double) -> Double {
        switch party.mode {
        case .teamsOnly: 1
        case .islands: party.runsTeams && party.runsSfB ? preference : party.runsTeams ? 1 : 0
        default: 0
        }
    }

    /// The routing engine's answer, reduced to what the model counts. Missed: it lands in a client the
    /// recipient does not run (they may be TeamsOnly already while senders still see them in Islands).
    static func outcome(_ from: RouteParty, _ to: RouteParty, client: ClientApp, federated: Bool) -> Outcome? {
        guard from.mode.chatClients.contains(client) else { return nil }
        let o = Router.route(from: from, to: to, client: client, federated: federated)
        guard let lands = o.landsIn, let kind = o.kind else { return Outcome(kind: .notPossible, missed: false) }
        let missed = !to.runs(lands)
        switch kind {
        case .native: return Outcome(kind: .native, missed: missed)
        case .interop: return Outcome(kind: .interop, missed: missed)
        case .sfb: return Outcome(kind: .sfb, missed: missed)
        case .nativeFederated, .interopFederated, .sfbFederation: return Outcome(kind: .federated, missed: missed)
        }
    }

    init() {
        var t: [Outcome?] = [], to: [Outcome?] = [], from: [Outcome?] = []
        for s in 0..<Self.senderClasses {
            let sender = Self.senderParty(s)
            for r in 0..<Self.recipientClasses {
                for client in ClientApp.allCases {
                    t.append(Self.outcome(sender, Self.recipientParty(r), client: client, federated: false))
                }
            }
            for partner in Self.partners {
                for client in ClientApp.allCases { to.append(Self.outcome(sender, partner, client: client, federated: true)) }
            }
        }
        for r in 0..<Self.recipientClasses {
            for partner in Self.partners {
                for client in ClientApp.allCases {
                    from.append(Self.outcome(partner, Self.recipientParty(r), client: client, federated: true))
                }
            }
        }
        inTenant = t
        toPartner = to
        fromPartner = from
    }

    @inline(__always) func inTenant(_ s: Int, _ r: Int, _ client: Int) -> Outcome? { inTenant[(s * Self.recipientClasses + r) * 2 + client] }
}
