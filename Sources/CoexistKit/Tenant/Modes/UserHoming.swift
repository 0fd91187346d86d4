/// Where a user's Skype for Business account lives (homing rules of "Grant-CsTeamsUpgradePolicy").
public enum UserHoming: String, Sendable, CaseIterable, Hashable {
    case online = "online"
    case onPremises = "on-premises"
}
