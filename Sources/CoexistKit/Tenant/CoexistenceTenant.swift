import Foundation

/// Users, cohorts and the policy timeline of one tenant: the upgrade as a value. What happened to it (who,
/// when, what, why) is the workspace's journal, not kept here. Copying it is cheap (copy-on-write arrays),
/// which is how what-if work forks it; two tenants compare equal when everything a user can observe is equal.
public struct CoexistenceTenant: Sendable, Equatable {
    public internal(set) var directory: UserDirectory
    public internal(set) var cohorts: CohortTable
    public internal(set) var timeline: PolicyTimeline
    /// Where the tenant reads its day: the workspace's clock, handed in by the workspace (a fixed one for a
    /// tenant made on its own or seen `asOf` a day). The tenant keeps no day of its own.
    public internal(set) var clock: WorkspaceClock
    /// The id the next change set takes in the timeline (the door sets it to the journal's next id, so the
    /// PowerShell plan's change_set and the journal agree).
    var nextChangeSet = 1
    /// Cohort moves made before this tenant's journal began, part of its starting point like its users'
    /// grants (the timeline holds their effect): the demo's recorded past. Not change sets, so `undo` never
    /// reverts them and a PowerShell plan never repeats them; `recordedMoves` reads them with the journal's.
    public internal(set) var history: [CohortMove] = []
    /// Each building's WAN capacity in Mbps as users set it (`set_wan`), by building name; a building not
    /// here has the simulation's documented default `wan_mbps`. Set only through `Change.setBuildingWan`.
    public internal(set) var buildingWan: [String: Double] = [:]

    /// The WAN capacity set for `building` (any case), nil when none is set.
    public func wanMbps(_ building: String) -> Double? {
        buildingWan.first { $0.key.lowercased() == building.lowercased() }?.value
    }

    /// The day undated moves take effect and that `users()` describes; later-dated moves are scheduled.
    public var today: PlanDay { clock.today }

    /// A tenant whose users start with the grants and homing in their records, under `global`, reading its
    /// day from `clock`.
    public init(users: [User] = [], global: UpgradePolicy = .global, clock: WorkspaceClock) {
        directory = UserDirectory(users)
        let all = directory.users
        timeline = PolicyTimeline(base: PolicyState(global: global.id,
                                                    grants: all.map { $0.grantedPolicy?.id ?? PolicyState.noGrant },
                                                    onPremises: all.map { $0.homing == .onPremises }, day: clock.today))
        cohorts = CohortTable()
        cohorts.growUsers(to: directory.count)
        self.clock = clock
    }

    /// A tenant on a clock fixed at `today`.
    public init(users: [User] = [], global: UpgradePolicy = .global, today: PlanDay) {
        self.init(users: users, global: global, clock: .fixed(today))
    }

    public static func == (a: CoexistenceTenant, b: CoexistenceTenant) -> Bool {
        a.directory == b.directory && a.cohorts == b.cohorts && a.timeline == b.timeline && a.today == b.today
            && a.buildingWan == b.buildingWan
    }

    // MARK: - reading

    public func state(asOf day: PlanDay? = nil) -> PolicyState { timeline.state(asOf: day ?? today) }

    public func effectiveModes(on day: PlanDay? = nil) -> [CoexistenceMode] { state(asOf: day).effectiveModes() }

    public func user(_ upn: String, on day: PlanDay? = nil) throws(TenantError) -> UserView {
        view(try position(of: upn), in: state(asOf: day))
    }

    public func users(on day: PlanDay? = nil) -> [UserView] {
        let s = state(asOf: day)
        return directory.users.indices.map { view($0, in: s) }
    }

    public func view(_ position: Int, in state: PolicyState) -> UserView {
        UserView(user: directory[position], grantedPolicy: state.grant(position), homing: state.homing(position),
                 policyMode: state.policyMode(position), effectiveMode: state.effectiveMode(position),
                 notifySfbUsers: state.notifySfbUsers(position), cohort: cohorts.cohortName(ofUser: position))
    }

    public func position(of upn: String) throws(TenantError) -> Int {
        guard let p = directory.position(of: upn) else { throw .unknownUser(upn) }
        return p
    }

    /// `tenant:as_of(date)`: the same tenant seen on `day` (today moved there, so undated reads describe it).
    public func asOf(_ day: PlanDay) -> CoexistenceTenant {
        var copy = self
        copy.clock = .fixed(day)
        return copy
    }

    // MARK: - moves (every one goes through ChangeApplier)

    /// `cohort:move(mode, {on=, notify=, reason=, dry_run=})`. `target` is a mode name or a policy identity;
    /// "Global" removes the members' grants.
    @discardableResult
    public mutating func moveCohort(_ name: String, to target: String, options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        let cohort = try cohorts.cohort(name)
        let policy = try CoexistenceTenant.grantTarget(target, notify: options.notify)
        return try ChangeApplier.apply(.grant(users: cohort.members, policy: policy, cohort: cohort.name,
                                              label: "cohort '\(cohort.name)' (\(cohort.count) users)"),
                                       to: &self, options: options)
    }

    /// `user:move(...)` for one or more users; an unknown UPN fails the whole move.
    @discardableResult
    public mutating func moveUsers(_ upns: [String], to target: String, options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        var positions: [Int] = []
        for upn in upns { positions.append(try position(of: upn)) }
        let policy = try CoexistenceTenant.grantTarget(target, notify: options.notify)
        let label = upns.count == 1 ? "user \(directory[positions[0]].upn)" : "\(upns.count) users"
        return try ChangeApplier.apply(.grant(users: positions, policy: policy, cohort: nil, label: label),
                                       to: &self, options: options)
    }

    /// `tenant:set_global(mode)`: Grant-CsTeamsUpgradePolicy -Global.
    @discardableResult
    public mutating func setGlobal(_ target: String, options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        let policy = try UpgradePolicy.resolve(target, notify: options.notify)
        return try ChangeApplier.apply(.setGlobal(policy), to: &self, options: options)
    }

    /// Creates cohort `name` (or replaces its members, or with `replace: false` adds to them). Users taken from
    /// another cohort are reported in the notices.
    @discardableResult
    public mutating func defineCohort(_ name: String, members: [Int], groupId: String? = nil, replace: Bool = true,
                                      options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .refused("a cohort needs a name") }
        guard members.allSatisfy({ $0 >= 0 && $0 < directory.count }) else { throw .refused("cohort member out of range") }
        return try ChangeApplier.apply(.assignCohort(name: trimmed, members: members, groupId: groupId, replace: replace),
                                       to: &self, options: options)
    }

    @discardableResult
    public mutating func removeFromCohort(_ name: String, members: [Int], options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        try ChangeApplier.apply(.removeFromCohort(name: name, members: members), to: &self, options: options)
    }

    @discardableResult
    public mutating func deleteCohort(_ name: String, options: ChangeOptions = .init()) throws(TenantError) -> ChangeReport {
        try ChangeApplier.apply(.deleteCohort(name: name), to: &self, options: options)
    }

    /// A mode name, a policy identity, or "Global"/"none" for removing the grant (nil).
    static func grantTarget(_ text: String, notify: Bool?) throws(TenantError) -> UpgradePolicy? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "global", "none", "": return nil
        default: return try UpgradePolicy.resolve(text, notify: notify)
        }
    }

    // MARK: - import

    /// Adds the users (replacing those whose UPN exists). Strict mode leaves the tenant unchanged on any bad row.
    public mutating func importUsers(_ users: [User]) -> (added: Int, replaced: Int) {
        var added = 0, replaced = 0
        for u in users {
            let r = directory.upsert(u)
            let grant = u.grantedPolicy?.id ?? PolicyState.noGrant
            if r.replaced {
                replaced += 1
                timeline.replaceUser(r.position, grant: grant, onPremises: u.homing == .onPremises)
            } else {
                added += 1
                timeline.appendUser(grant: grant, onPremises: u.homing == .onPremises)
            }
        }
        cohorts.growUsers(to: directory.count)
        return (added, replaced)
    }
}
