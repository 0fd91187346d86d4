/// Where a user's Exchange mailbox lives; the Meeting Migration Service cannot reach on-premises mailboxes.
public enum MailboxLocation: String, Sendable, Hashable {
    case online = "online"
    case onPremises = "on-premises"
}

/// One person in the tenant as imported. `homing` and `grantedPolicy` are the values at the start of the
/// timeline; what they are on a given date (after planned moves) is a `UserView` from the tenant.
public struct User: Sendable, Equatable {
    public var upn: String
    public var displayName: String
    public var department: String
    public var city: String
    /// The building name as it appears in the building file and the call records ("" when unknown).
    public var building: String
    /// Two-letter usage location.
    public var country: String
    public var homing: UserHoming
    public var sipAddress: String
    public var enterpriseVoice: Bool
    /// E.164 number or LineURI; "" when none.
    public var phoneNumber: String
    public var audioConferencing: Bool
    public var mailbox: MailboxLocation
    /// The per-user TeamsUpgradePolicy grant; nil means the tenant's global policy applies.
    public var grantedPolicy: UpgradePolicy?
    /// Whether the person actually keeps Teams running. Islands users who do not run the client a message
    /// lands in miss it ("Upgrade from Skype for Business to Teams" guidance), which is what the routing matrix's missed-message risk counts.
    public var runsTeams: Bool
    public var runsSfB: Bool
    /// TeamsUpgradeEffectiveMode as reported by Get-CsOnlineUser, kept to compare with what we derive.
    public var reportedEffectiveMode: CoexistenceMode?

    public init(upn: String, displayName: String = "", department: String = "", city: String = "", building: String = "",
                country: String = "", homing: UserHoming = .online, sipAddress: String? = nil,
                enterpriseVoice: Bool = false, phoneNumber: String = "", audioConferencing: Bool = false,
                mailbox: MailboxLocation = .online, grantedPolicy: UpgradePolicy? = nil,
                runsTeams: Bool = true, runsSfB: Bool = true, reportedEffectiveMode: CoexistenceMode? = nil) {
        self.upn = upn
        self.displayName = displayName
        self.department = department
        self.city = city
        self.building = building
        self.country = country
        self.homing = homing
        self.sipAddress = sipAddress ?? "sip:\(upn)"
        self.enterpriseVoice = enterpriseVoice
        self.phoneNumber = phoneNumber
        self.audioConferencing = audioConferencing
        self.mailbox = mailbox
        self.grantedPolicy = grantedPolicy
        self.runsTeams = runsTeams
        self.runsSfB = runsSfB
        self.reportedEffectiveMode = reportedEffectiveMode
    }

    /// Whether the person runs `client`.
    public func runs(_ client: ClientApp) -> Bool { client == .teams ? runsTeams : runsSfB }
}

/// A user as they stand on one date: the imported record plus grant, homing and mode after planned changes.
public struct UserView: Sendable, Equatable {
    public var user: User
    public var grantedPolicy: UpgradePolicy?
    public var homing: UserHoming
    /// The mode the user's grant (or the tenant global) names.
    public var policyMode: CoexistenceMode
    /// The mode the user is in on the view's date (`EffectiveMode`): TeamsOnly for online users after
    /// Skype for Business Online's retirement, whatever `policyMode` says.
    public var effectiveMode: CoexistenceMode
    /// On-premises users ignore the online NotifySfbUsers ("Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"), so this is false for them whatever
    /// the policy says.
    public var notifySfbUsers: Bool
    public var cohort: String?
}
