/// Every kind of change the tenant accepts. Callers resolve names and selections first; the applier
/// validates the request against the rules and the timeline.
enum ChangeRequest: Sendable {
    /// Per-user grants; `policy` nil removes the grant. `cohort` names the cohort the users were taken from.
    case grant(users: [Int], policy: UpgradePolicy?, cohort: String?, label: String)
    /// Grant-CsTeamsUpgradePolicy -Global.
    case setGlobal(UpgradePolicy)
    /// Create or change a cohort's membership (not dated: cohorts are planning structure, not tenant state).
    case assignCohort(name: String, members: [Int], groupId: String?, replace: Bool)
    case removeFromCohort(name: String, members: [Int])
    case deleteCohort(name: String)
}
