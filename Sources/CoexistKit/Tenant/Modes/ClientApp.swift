import Foundation

/// The client a chat or call is started from or lands in.
public enum ClientApp: String, Sendable, CaseIterable, Hashable {
    case teams = "Teams"
    case sfb = "SfB"

    /// Accepts "teams", "sfb", "skype", "Skype for Business" in any case.
    public static func parse(_ text: String) throws(TenantError) -> ClientApp {
        switch text.lowercased().filter({ !$0.isWhitespace }) {
        case "teams": return .teams
        case "sfb", "skype", "skypeforbusiness", "lync": return .sfb
        default:
            throw .unknownName(kind: "client", name: text, suggestion: EditDistance.nearest(to: text, in: ["Teams", "SfB"]))
        }
    }
}
