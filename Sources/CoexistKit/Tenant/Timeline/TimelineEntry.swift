/// One dated change set on the timeline: new grants (and homing, for Move-CsUser) for some users and
/// optionally a new tenant global. It stores target values, not differences, so replaying entries in date
/// order from any earlier state gives the right answer even after an earlier-dated entry is inserted.
public struct TimelineEntry: Sendable, Equatable {
    public struct UserUpdate: Sendable, Equatable {
        public var position: Int32
        /// `UpgradePolicy.id`, or `PolicyState.noGrant` to remove the grant.
        public var grant: UInt8
        /// Move-CsUser -MoveToTeams: the user is homed online from this day on.
        public var moveOnline: Bool
    }

    /// The change-set id in the change log; entries on the same day apply in id order.
    public var id: Int
    public var day: PlanDay
    public var global: UInt8?
    public var users: [UserUpdate]

    func apply(to state: inout PolicyState) {
        if let g = global { state.global = g }
        for u in users {
            let p = Int(u.position)
            state.set(p, grant: u.grant, onPremises: u.moveOnline ? false : state.onPremises[p])
        }
    }

    /// Rules judged on the state just before this entry applies; nil when the entry fits it.
    func violation(before state: PolicyState, directory: UserDirectory) -> String? {
        for u in users where u.grant == UpgradePolicy.upgradeToTeams.id && state.onPremises[Int(u.position)] && !u.moveOnline {
            return "\(directory[Int(u.position)].upn) is homed on-premises on \(day.iso); TeamsOnly needs Move-CsUser -MoveToTeams"
        }
        return nil
    }

    /// Rules judged on the state after this entry (and every earlier one) applied; nil when it is valid.
    func violation(after state: PolicyState, directory: UserDirectory) -> String? {
        if UpgradePolicy.builtIns[Int(state.global)].mode == .teamsOnly && state.unprotectedOnPremises > 0 {
            let names = (0..<state.grants.count).lazy
                .filter { state.onPremises[$0] && state.grants[$0] == PolicyState.noGrant }
                .prefix(5).map { directory[$0].upn }
            return "tenant-wide TeamsOnly on \(day.iso) while \(state.unprotectedOnPremises) on-premises user(s) have no explicit non-TeamsOnly grant (\(names.joined(separator: ", "))\(state.unprotectedOnPremises > 5 ? ", ..." : "")); grant them an SfB mode first"
        }
        return nil
    }
}
