import Foundation

/// One built-in, read-only TeamsUpgradePolicy instance ("Grant-CsTeamsUpgradePolicy"). Only these ten exist online, so a grant is
/// always one of them; `id` is its position in `builtIns`, which keeps per-user grants one byte wide.
public struct UpgradePolicy: Sendable, Hashable, CustomStringConvertible {
    public let id: UInt8
    /// The identity PowerShell expects after -PolicyName.
    public let name: String
    public let mode: CoexistenceMode
    public let notifySfbUsers: Bool

    public var description: String { name }

    public static let builtIns: [UpgradePolicy] = [
        .init(id: 0, name: "Islands", mode: .islands, notifySfbUsers: false),
        .init(id: 1, name: "IslandsWithNotify", mode: .islands, notifySfbUsers: true),
        .init(id: 2, name: "SfBOnly", mode: .sfbOnly, notifySfbUsers: false),
        .init(id: 3, name: "SfBOnlyWithNotify", mode: .sfbOnly, notifySfbUsers: true),
        .init(id: 4, name: "SfBWithTeamsCollab", mode: .sfbWithTeamsCollab, notifySfbUsers: false),
        .init(id: 5, name: "SfBWithTeamsCollabWithNotify", mode: .sfbWithTeamsCollab, notifySfbUsers: true),
        .init(id: 6, name: "SfBWithTeamsCollabAndMeetings", mode: .sfbWithTeamsCollabAndMeetings, notifySfbUsers: false),
        .init(id: 7, name: "SfBWithTeamsCollabAndMeetingsWithNotify", mode: .sfbWithTeamsCollabAndMeetings, notifySfbUsers: true),
        .init(id: 8, name: "UpgradeToTeams", mode: .teamsOnly, notifySfbUsers: false),
        .init(id: 9, name: "Global", mode: .islands, notifySfbUsers: false),
    ]

    public static let islands = builtIns[0]
    public static let upgradeToTeams = builtIns[8]
    /// The tenant default until an admin grants another instance with -Global.
    public static let global = builtIns[9]

    /// The built-in instance for a mode and notify flag. TeamsOnly has no notify variant, so it throws.
    public static func instance(for mode: CoexistenceMode, notify: Bool) throws(TenantError) -> UpgradePolicy {
        if mode == .teamsOnly && notify {
            throw .refused("NotifySfbUsers cannot be true with TeamsOnly (UpgradeToTeams has no notify variant)")
        }
        return builtIns.first { $0.mode == mode && $0.notifySfbUsers == notify && $0.id != global.id }!
    }

    /// Looks up a policy identity case-insensitively ("upgradetoteams", "SfBOnlyWithNotify").
    public static func named(_ name: String) -> UpgradePolicy? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return builtIns.first { $0.name.lowercased() == key }
    }

    /// What a user types after `move`: a mode name or a policy identity. Modes take `notify` into account;
    /// a policy identity carries its own flag, and contradicting it is refused rather than silently ignored.
    /// Unknown names throw with the nearest mode or policy name.
    public static func resolve(_ text: String, notify: Bool?) throws(TenantError) -> UpgradePolicy {
        if let mode = try? CoexistenceMode.parse(text) {
            return try instance(for: mode, notify: notify ?? false)
        }
        if let policy = named(text) {
            if let n = notify, n != policy.notifySfbUsers {
                if policy.mode == .teamsOnly { return try instance(for: .teamsOnly, notify: n) }
                throw .refused("policy \(policy.name) has NotifySfbUsers=\(policy.notifySfbUsers ? "True" : "False"); use \(try instance(for: policy.mode, notify: n).name)")
            }
            return policy
        }
        let names = CoexistenceMode.allCases.map(\.rawValue) + builtIns.map(\.name)
        throw .unknownName(kind: "mode or policy", name: text, suggestion: EditDistance.nearest(to: text, in: names))
    }
}
