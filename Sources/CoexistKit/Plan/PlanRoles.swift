/// The operational role template ("Envision: plan my service management", SfB-docs
/// `Teams/4-envision-plan-my-service-management.md`) plus the Quality Champion, the single accountable owner of quality.
public enum PlanRoles {
    public static let template: [(String, String)] = [
        ("Service Owner", "interface to business, strategy"),
        ("Audio Conferencing Operations", "daily ops, user/device move-add-change, monitoring"),
        ("Tenant Admin", "tenant-wide settings, enabling features"),
        ("Help Desk", "user support entry point"),
        ("Network Operations", "LAN, WAN, Wi-Fi, internet access"),
        ("Client & Endpoints", "desktop deployments"),
        ("Identity Operations", "AD, AD FS, Azure AD"),
        ("Adoption/Change Mgmt", "awareness, training, adoption"),
        ("Exchange Operations", "Exchange environment"),
        ("Telephony Operations", "SBCs and phone numbers"),
        ("Quality Champion", "runs QERs, reports to the steering committee, drives remediation"),
    ]

    public static var names: [String] { template.map(\.0) }
}

/// A role mapped to a team and a contact; `signedOff`: the team has signed off its operations tasks (each team must,
/// before the first pilot: "Operate my service").
public struct PlanRole: Sendable, Codable, Equatable {
    public var name: String
    public var responsibility: String
    public var team: String?
    public var contact: String?
    public var signedOff = false

    public init(name: String, responsibility: String) {
        self.name = name
        self.responsibility = responsibility
    }

    public var hasOwner: Bool { !(team ?? "").isEmpty || !(contact ?? "").isEmpty }
}
