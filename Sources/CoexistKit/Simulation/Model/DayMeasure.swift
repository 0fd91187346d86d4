/// The figures the model produces for each day, in the order of the per-day result set's columns.
public enum DayMeasure: Int, CaseIterable, Sendable {
    case usersIslands, usersSfBOnly, usersSfBCollab, usersSfBCollabMeetings, usersTeamsOnly
    case presenceUnknown, teamsShare
    case conversations, native, interop, federated, sfb, notPossible, missed, threadsDisabled
    case meetingsMigrated, meetingsNotMigrated, tickets
    case utilisation, buildingsOverCapacity, poorPct, worstPoorPct

    public var name: String {
        switch self {
        case .usersIslands: "islands"
        case .usersSfBOnly: "sfb_only"
        case .usersSfBCollab: "sfb_collab"
        case .usersSfBCollabMeetings: "sfb_collab_meetings"
        case .usersTeamsOnly: "teams_only"
        case .presenceUnknown: "presence_unknown"
        case .teamsShare: "teams_share"
        case .conversations: "conversations"
        case .native: "native"
        case .interop: "interop"
        case .federated: "federated"
        case .sfb: "sfb"
        case .notPossible: "not_possible"
        case .missed: "missed"
        case .threadsDisabled: "threads_disabled"
        case .meetingsMigrated: "meetings_migrated"
        case .meetingsNotMigrated: "meetings_not_migrated"
        case .tickets: "tickets"
        case .utilisation: "utilisation"
        case .buildingsOverCapacity: "buildings_over_capacity"
        case .poorPct: "poor_pct"
        case .worstPoorPct: "worst_poor_pct"
        }
    }

    public var meaning: String {
        switch self {
        case .usersIslands, .usersSfBOnly, .usersSfBCollab, .usersSfBCollabMeetings, .usersTeamsOnly:
            "users whose mode has taken effect"
        case .presenceUnknown: "users whose policy change has not taken effect yet (presence may show Unknown)"
        case .teamsShare: "share of users running Teams, percent"
        case .conversations: "conversations in the tenant and with federated partners"
        case .native: "native Teams threads in the tenant"
        case .interop: "interop threads in the tenant (text-only 1:1)"
        case .federated: "conversations with federated partners that could be routed"
        case .sfb: "Skype for Business sessions in the tenant"
        case .notPossible: "conversations the routing tables say are not possible"
        case .missed: "conversations that landed in a client the recipient does not run that day"
        case .threadsDisabled: "old interop threads disabled because their recipient became TeamsOnly"
        case .meetingsMigrated: "meetings the Meeting Migration Service migrated"
        case .meetingsNotMigrated: "meetings not migrated (over 250 attendees, on-premises mailbox, tenant-wide grant, failed 10 times)"
        case .tickets: "help-desk tickets"
        case .utilisation: "busy-hour WAN utilisation of the busiest building, percent"
        case .buildingsOverCapacity: "buildings whose busy-hour load exceeds their WAN capacity"
        case .poorPct: "projected poor stream rate over Teams users, percent"
        case .worstPoorPct: "projected poor stream rate of the worst building, percent"
        }
    }

    public var isCount: Bool { ![.teamsShare, .utilisation, .poorPct, .worstPoorPct].contains(self) }
}
