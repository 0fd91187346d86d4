/// A named group of users moved together. `groupId` (an Entra ID group object id) lets the PowerShell plan
/// grant the policy once with -Group and -Rank instead of once per user.
public struct Cohort: Sendable, Equatable {
    public var name: String
    public var groupId: String?
    /// Directory positions, ascending.
    public internal(set) var members: [Int]

    public var count: Int { members.count }
}
