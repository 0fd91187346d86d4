/// What one user's grant or homing does in a change set.
public enum UserChangeAction: String, Sendable, Equatable {
    /// Grant-CsTeamsUpgradePolicy -Identity with a new instance.
    case grant
    /// Grant-CsTeamsUpgradePolicy -PolicyName $null: the user falls back to the tenant global.
    case removeGrant = "remove-grant"
    /// Move-CsUser -Target sipfed.online.lync.com -MoveToTeams: on-premises user going TeamsOnly ("Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations").
    case moveToTeams = "move-to-teams"
    /// No grant of their own: the tenant global changed under them.
    case inheritsGlobal = "inherits-global"
}

public struct UserChange: Sendable, Equatable {
    public var position: Int
    public var upn: String
    public var cohort: String?
    public var action: UserChangeAction
    public var fromPolicy: UpgradePolicy?
    public var toPolicy: UpgradePolicy?
    /// The effective modes before and after (online users are TeamsOnly after SfB Online's retirement).
    public var fromMode: CoexistenceMode
    public var toMode: CoexistenceMode
    /// The mode the user's policy named before (their grant, or the global they inherited): what a rollback
    /// grants back, which after the retirement can differ from `fromMode` for users homed online.
    public var fromPolicyMode: CoexistenceMode
    /// Microsoft's Meeting Migration Service runs for this user by itself (per-user grant of TeamsOnly or
    /// SfBWithTeamsCollabAndMeetings, or Move-CsUser -MoveToTeams, with an online mailbox).
    public var meetingMigration: Bool
    /// Meetings need `Start-CsExMeetingMigration` because the trigger (a tenant-wide grant) never starts MMS.
    public var needsManualMeetingMigration: Bool
}

/// Grant-CsTeamsUpgradePolicy -Global: the tenant default changes from one instance to another.
public struct GlobalPolicyChange: Sendable, Equatable {
    public var from: UpgradePolicy
    public var to: UpgradePolicy
}

/// What a change set did, or would do in a dry run: every changed user, the global change, every warning.
public struct ChangeReport: Sendable, Equatable {
    /// The change-log id; nil for a dry run.
    public var id: Int?
    public var what: String
    public var day: PlanDay?
    /// Dated after the tenant's `today`: planned, not yet in force.
    public var scheduled: Bool
    public var dryRun: Bool
    public var cohort: String?
    public var groupId: String?
    public var changes: [UserChange] = []
    public var globalChange: GlobalPolicyChange?
    public var unchangedUsers = 0
    /// Rule consequences an admin must know (Move-CsUser planned, notify ignored on-premises, ...).
    public var warnings: [String] = []
    /// Side effects that are not problems (users moved between cohorts).
    public var notices: [String] = []
    /// Meeting Migration Service caveats (meetings over 250 attendees, on-premises mailboxes, timing).
    public var caveats: [String] = []
    /// What an import of streams did (`import_calls`).
    public var streams: ImportReport?
    /// The stamp an import of Graph call records took from the pieces it read (`ImportSource.isStreamed`): the
    /// one the journal keeps.
    public var stampTaken: FileStamp?
    /// What an import of users did (`import_users`).
    public var users: UserImportReport?

    init(what: String, day: PlanDay?, scheduled: Bool, dryRun: Bool, cohort: String? = nil, groupId: String? = nil) {
        self.what = what
        self.day = day
        self.scheduled = scheduled
        self.dryRun = dryRun
        self.cohort = cohort
        self.groupId = groupId
    }

    /// Users whose meetings Microsoft migrates by itself.
    public var meetingMigrationUsers: [String] { changes.filter(\.meetingMigration).map(\.upn) }
    /// Users whose meetings need Start-CsExMeetingMigration.
    public var manualMeetingMigrationUsers: [String] { changes.filter(\.needsManualMeetingMigration).map(\.upn) }
    public var moveToTeamsUsers: [String] { changes.filter { $0.action == .moveToTeams }.map(\.upn) }

    /// One row per changed user.
    public func table() -> ResultSet {
        let columns = [Column("upn", .string), Column("cohort", .string), Column("action", .string),
                       Column("from_mode", .string), Column("to_mode", .string), Column("from_policy", .string),
                       Column("to_policy", .string), Column("meeting_migration", .string)]
        let rows: [[ResultValue]] = changes.map { c in
            let mms = c.meetingMigration ? "automatic" : c.needsManualMeetingMigration ? "Start-CsExMeetingMigration" : ""
            return [.string(c.upn), c.cohort.map(ResultValue.string) ?? .null, .string(c.action.rawValue),
                    .string(c.fromMode.rawValue), .string(c.toMode.rawValue),
                    c.fromPolicy.map { .string($0.name) } ?? .null, c.toPolicy.map { .string($0.name) } ?? .null,
                    mms.isEmpty ? .null : .string(mms)]
        }
        return ResultSet(columns: columns, rows: rows, title: (dryRun ? "dry run: " : "") + what)
    }
}
