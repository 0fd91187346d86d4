import Foundation

/// The five TeamsUpgradePolicy modes ("Migration and interoperability guidance for organizations using Teams together with Skype for Business"). Raw values are the spellings PowerShell uses.
public enum CoexistenceMode: String, Sendable, CaseIterable, Hashable {
    case islands = "Islands"
    case sfbOnly = "SfBOnly"
    case sfbWithTeamsCollab = "SfBWithTeamsCollab"
    case sfbWithTeamsCollabAndMeetings = "SfBWithTeamsCollabAndMeetings"
    case teamsOnly = "TeamsOnly"

    /// True for the three modes the routing tables group as `SfB*`.
    public var isSfBMode: Bool {
        switch self {
        case .sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings: return true
        case .islands, .teamsOnly: return false
        }
    }

    /// The clients a user in this mode can start chats and calls from ("Coexistence with Skype for Business").
    public var chatClients: [ClientApp] {
        switch self {
        case .teamsOnly: return [.teams]
        case .islands: return [.teams, .sfb]
        case .sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings: return [.sfb]
        }
    }

    /// Parses a mode name case-insensitively; an unknown name throws with the nearest valid name.
    public static func parse(_ text: String) throws(TenantError) -> CoexistenceMode {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let mode = allCases.first(where: { $0.rawValue.lowercased() == key }) { return mode }
        throw .unknownName(kind: "mode", name: text,
                           suggestion: EditDistance.nearest(to: text, in: allCases.map(\.rawValue)))
    }
}
