/// Who has which grant, who is homed where, and the tenant global policy, at one point of the timeline.
/// Kept as flat byte arrays indexed by directory position so a 50,000-user state copies in microseconds.
/// `day` is the date the state is read on: effective modes depend on it (`EffectiveMode`), so a state always
/// carries the day it describes and every reader gets the same answer for the same user and day.
public struct PolicyState: Sendable, Equatable {
    /// The day this state describes; the timeline stamps it on every state it hands out.
    public internal(set) var day: PlanDay
    /// `UpgradePolicy.id` of the tenant global policy.
    public internal(set) var global: UInt8
    /// `UpgradePolicy.id` per user, or `PolicyState.noGrant`.
    public internal(set) var grants: [UInt8]
    public internal(set) var onPremises: [Bool]
    /// Users homed on-premises without an explicit grant: while non-zero, tenant-wide TeamsOnly is refused
    /// ("Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"). Maintained incrementally so the check costs nothing per entry.
    public internal(set) var unprotectedOnPremises: Int

    public static let noGrant: UInt8 = .max

    init(global: UInt8, grants: [UInt8], onPremises: [Bool], day: PlanDay) {
        self.day = day
        self.global = global
        self.grants = grants
        self.onPremises = onPremises
        unprotectedOnPremises = zip(grants, onPremises).reduce(0) { $0 + ($1.1 && $1.0 == PolicyState.noGrant ? 1 : 0) }
    }

    public var globalPolicy: UpgradePolicy { UpgradePolicy.builtIns[Int(global)] }

    public func grant(_ position: Int) -> UpgradePolicy? {
        let g = grants[position]
        return g == PolicyState.noGrant ? nil : UpgradePolicy.builtIns[Int(g)]
    }

    public func homing(_ position: Int) -> UserHoming { onPremises[position] ? .onPremises : .online }

    /// The mode the user's policy names: a per-user grant beats the tenant global ("Grant-CsTeamsUpgradePolicy").
    public func policyMode(_ position: Int) -> CoexistenceMode {
        let g = grants[position]
        return UpgradePolicy.builtIns[Int(g == PolicyState.noGrant ? global : g)].mode
    }

    /// The mode the user is in on `day`: the policy's, or TeamsOnly for online users after SfB Online's retirement.
    public func effectiveMode(_ position: Int) -> CoexistenceMode {
        EffectiveMode.of(policyMode: policyMode(position), homing: homing(position), on: day)
    }

    /// On-premises users ignore the online NotifySfbUsers flag ("Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations").
    public func notifySfbUsers(_ position: Int) -> Bool {
        if onPremises[position] { return false }
        let g = grants[position]
        return UpgradePolicy.builtIns[Int(g == PolicyState.noGrant ? global : g)].notifySfbUsers
    }

    /// Effective modes of every user, recomputed in one pass (the same rule as `effectiveMode`).
    public func effectiveModes() -> [CoexistenceMode] {
        let table = UpgradePolicy.builtIns.map(\.mode)
        let globalMode = table[Int(global)]
        return grants.indices.map { p in
            EffectiveMode.of(policyMode: grants[p] == PolicyState.noGrant ? globalMode : table[Int(grants[p])],
                             homing: onPremises[p] ? .onPremises : .online, on: day)
        }
    }

    mutating func set(_ position: Int, grant: UInt8, onPremises newOnPrem: Bool) {
        let before = onPremises[position] && grants[position] == PolicyState.noGrant
        grants[position] = grant
        onPremises[position] = newOnPrem
        let after = newOnPrem && grant == PolicyState.noGrant
        unprotectedOnPremises += (after ? 1 : 0) - (before ? 1 : 0)
    }

    mutating func append(grant: UInt8, onPremises onPrem: Bool) {
        grants.append(PolicyState.noGrant)
        onPremises.append(false)
        set(grants.count - 1, grant: grant, onPremises: onPrem)
    }
}
