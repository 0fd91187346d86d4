/// Where a user's Skype for Business account lives (domain 1.4 homing rules).
public enum UserHoming: String, Sendable, CaseIterable, Hashable {
    case online = "online"
    case onPremises = "on-premises"
}
