/// Routes new conversations: the recipient's mode decides the landing client ("Coexistence with Skype for Business"), the sender's
/// client and homing decide whether it is possible and what kind of thread it is (a rule condensed from that
/// page's tables, and checked against every row of them, current and pre-retirement, in the tests).
public enum Router {
    public static func route(from sender: RouteParty, to recipient: RouteParty, client: ClientApp? = nil,
                             federated: Bool) -> RouteOutcome {
        let senderClient = client ?? sender.defaultClient
        let senderSees = presence(of: recipient.mode, watcher: senderClient, federated: federated)
        let row = tableRow(sender: sender, client: senderClient, recipient: recipient.mode, federated: federated)
        func notPossible(_ reason: String) -> RouteOutcome {
            RouteOutcome(landsIn: nil, kind: nil, notPossibleReason: reason, senderSees: senderSees, recipientSees: nil,
                         missedMessageRisk: false, notes: [sender.retirementNote, recipient.retirementNote].compactMap { $0 },
                         tableRow: row)
        }
        guard sender.mode.chatClients.contains(senderClient) else {
            return notPossible(sender.mode == .teamsOnly
                ? "TeamsOnly users cannot start chats or calls from Skype for Business"
                : "\(sender.mode.rawValue) users have chat and calling disabled in Teams")
        }
        let lands = landing(recipient: recipient.mode, senderClient: senderClient, federated: federated)
        // On-premises users' Teams reaches only Teams, in-tenant ("Migration and interoperability guidance for organizations using Teams together with Skype for Business").
        if senderClient == .teams && sender.homing == .onPremises && (federated || lands != .teams) {
            return notPossible(federated
                ? "a user homed on-premises cannot use Teams to reach federated users; use Skype for Business"
                : "a user homed on-premises cannot use Teams to reach Skype for Business users (no interop); use Skype for Business")
        }
        let kind: ThreadKind
        if senderClient == lands {
            if lands == .sfb { kind = federated ? .sfbFederation : .sfb } else { kind = federated ? .nativeFederated : .native }
        } else {
            kind = federated ? .interopFederated : .interop
        }
        let missed = recipient.mode == .islands && !recipient.runs(lands)
        var notes: [String] = []
        if kind == .interop || kind == .interopFederated {
            notes.append("interop: 1:1 plain-text chat and 1:1 voice/video only; no rich text, files, screen sharing (escalates to a Meet now meeting), mixed-client group chat or Persistent Chat")
        }
        if recipient.mode == .islands && federated {
            notes.append("federated messages to Islands users always land in Skype for Business")
        }
        if recipient.mode.isSfBMode && lands == .sfb && recipient.homing == .onPremises && senderClient == .teams {
            notes.append("interop to on-premises users needs hybrid between SfB Server and the tenant")
        }
        if missed {
            notes.append("the recipient does not run \(lands == .teams ? "Teams" : "Skype for Business"), where this lands: missed-message risk")
        }
        notes += [sender.retirementNote, recipient.retirementNote].compactMap { $0 }
        return RouteOutcome(landsIn: lands, kind: kind, notPossibleReason: nil, senderSees: senderSees,
                            recipientSees: presence(of: sender.mode, watcher: lands, federated: federated),
                            missedMessageRisk: missed, notes: notes, tableRow: row)
    }

    /// Domain 2.4 `landing`: TeamsOnly -> Teams; SfB modes -> SfB; Islands -> the sender's client in-tenant, SfB federated.
    public static func landing(recipient: CoexistenceMode, senderClient: ClientApp, federated: Bool) -> ClientApp {
        switch recipient {
        case .teamsOnly: return .teams
        case .islands: return federated ? .sfb : senderClient
        case .sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings: return .sfb
        }
    }

    /// Domain 2.6: the presence a watcher sees for a publisher.
    public static func presence(of publisher: CoexistenceMode, watcher: ClientApp, federated: Bool) -> ClientApp {
        switch publisher {
        case .teamsOnly: return .teams
        case .islands: return watcher == .teams && !federated ? .teams : .sfb
        case .sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings: return .sfb
        }
    }

    /// The id of the matching row of domain table 2.2, whose originators are TeamsOnly online or on-premises otherwise.
    static func tableRow(sender: RouteParty, client: ClientApp, recipient: CoexistenceMode, federated: Bool) -> String? {
        let implied: UserHoming = sender.mode == .teamsOnly ? .online : .onPremises
        guard sender.homing == implied else { return nil }
        let originator: Int
        switch (sender.mode, client) {
        case (.teamsOnly, .teams): originator = 1
        case (.islands, .teams): originator = 2
        case (.islands, .sfb): originator = 3
        case (let m, .sfb) where m.isSfBMode: originator = 4
        default: return nil
        }
        let letter = recipient == .teamsOnly ? "a" : recipient == .islands ? "b" : "c"
        return "\(federated ? 2 : 1)\(letter)-\(originator)"
    }
}
