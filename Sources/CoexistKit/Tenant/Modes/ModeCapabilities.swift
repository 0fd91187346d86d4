/// What each mode allows in each client ("Migration and interoperability guidance for organizations using Teams together with Skype for Business") and the Teams policy settings it forces ("Teams client experience and conformance to coexistence modes").
public struct ModeCapabilities: Sendable, Equatable {
    public var mode: CoexistenceMode
    public var chatAndCallsIn: String
    public var meetingsScheduledIn: String
    public var teamsAndChannels: String
    public var incomingLandsIn: String
    public var presenceOthersSee: String
    public var validFor: String
    public var allowUserChat: Bool
    public var allowPrivateCalling: Bool
    public var allowPrivateMeetingScheduling: Bool
    public var allowChannelMeetingScheduling: Bool

    public static func of(_ mode: CoexistenceMode) -> ModeCapabilities {
        switch mode {
        case .teamsOnly:
            return .init(mode: mode, chatAndCallsIn: "Teams", meetingsScheduledIn: "Teams", teamsAndChannels: "yes",
                         incomingLandsIn: "Teams (in-tenant and federated)", presenceOthersSee: "Teams",
                         validFor: "online-homed users only", allowUserChat: true, allowPrivateCalling: true,
                         allowPrivateMeetingScheduling: true, allowChannelMeetingScheduling: true)
        case .islands:
            return .init(mode: mode, chatAndCallsIn: "Teams or SfB", meetingsScheduledIn: "Teams or SfB",
                         teamsAndChannels: "yes",
                         incomingLandsIn: "in-tenant: sender's client; federated and PSTN: SfB",
                         presenceOthersSee: "independent per client", validFor: "on-premises-homed users",
                         allowUserChat: true, allowPrivateCalling: true,
                         allowPrivateMeetingScheduling: true, allowChannelMeetingScheduling: true)
        case .sfbWithTeamsCollabAndMeetings:
            return .init(mode: mode, chatAndCallsIn: "SfB", meetingsScheduledIn: "Teams", teamsAndChannels: "yes",
                         incomingLandsIn: "SfB", presenceOthersSee: "SfB", validFor: "on-premises-homed users",
                         allowUserChat: false, allowPrivateCalling: false,
                         allowPrivateMeetingScheduling: true, allowChannelMeetingScheduling: true)
        case .sfbWithTeamsCollab:
            return .init(mode: mode, chatAndCallsIn: "SfB", meetingsScheduledIn: "SfB", teamsAndChannels: "yes",
                         incomingLandsIn: "SfB", presenceOthersSee: "SfB", validFor: "on-premises-homed users",
                         allowUserChat: false, allowPrivateCalling: false,
                         allowPrivateMeetingScheduling: false, allowChannelMeetingScheduling: false)
        case .sfbOnly:
            return .init(mode: mode, chatAndCallsIn: "SfB", meetingsScheduledIn: "SfB",
                         teamsAndChannels: "not intended (not enforced)",
                         incomingLandsIn: "SfB", presenceOthersSee: "SfB", validFor: "on-premises-homed users",
                         allowUserChat: false, allowPrivateCalling: false,
                         allowPrivateMeetingScheduling: false, allowChannelMeetingScheduling: false)
        }
    }

    /// The table `modes()` shows, in the order of the upgrade journey (most SfB first, TeamsOnly last).
    public static func table() -> ResultSet {
        let order: [CoexistenceMode] = [.sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings, .islands, .teamsOnly]
        let columns = [
            Column("mode", .string), Column("chat_calls_in", .string), Column("meetings_in", .string),
            Column("teams_channels", .string), Column("incoming_lands_in", .string), Column("presence", .string),
            Column("valid_for", .string), Column("allow_user_chat", .bool), Column("allow_private_calling", .bool),
            Column("allow_private_meeting_scheduling", .bool), Column("allow_channel_meeting_scheduling", .bool),
        ]
        let rows: [[ResultValue]] = order.map { mode in
            let c = of(mode)
            return [.string(mode.rawValue), .string(c.chatAndCallsIn), .string(c.meetingsScheduledIn),
                    .string(c.teamsAndChannels), .string(c.incomingLandsIn), .string(c.presenceOthersSee),
                    .string(c.validFor), .bool(c.allowUserChat), .bool(c.allowPrivateCalling),
                    .bool(c.allowPrivateMeetingScheduling), .bool(c.allowChannelMeetingScheduling)]
        }
        return ResultSet(columns: columns, rows: rows, title: "coexistence modes", isListing: true)
    }

    /// The ten built-in TeamsUpgradePolicy instances.
    public static func policyTable() -> ResultSet {
        ResultSet(columns: [Column("identity", .string), Column("mode", .string), Column("notify_sfb_users", .bool)],
                  rows: UpgradePolicy.builtIns.map { [.string($0.name), .string($0.mode.rawValue), .bool($0.notifySfbUsers)] },
                  title: "built-in TeamsUpgradePolicy instances", isListing: true)
    }
}
