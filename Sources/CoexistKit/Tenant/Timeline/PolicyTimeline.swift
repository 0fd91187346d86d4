/// The starting state plus every dated change set, answering "what is the state on day D" quickly.
///
/// `asOf` finds the last checkpoint at or before D and replays the few entries after it. A checkpoint is taken
/// whenever the entries since the previous one touched about twice the tenant's users (or 64 entries went by),
/// so a query replays at most a bounded number of user updates however long the timeline grows.
public struct PolicyTimeline: Sendable {
    public private(set) var base: PolicyState
    /// Sorted by (day, id).
    public private(set) var entries: [TimelineEntry] = []
    /// `(entryCount, state after entries[0..<entryCount])`, ascending; the first is always `(0, base)`.
    private var checkpoints: [(count: Int, state: PolicyState)]

    init(base: PolicyState) {
        self.base = base
        checkpoints = [(0, base)]
    }

    /// The state at the end of `day` (every entry dated on or before it applied).
    public func state(asOf day: PlanDay) -> PolicyState {
        var s = state(afterEntries: entriesOnOrBefore(day))
        s.day = day
        return s
    }

    /// The state just before `day`'s entries apply.
    public func state(before day: PlanDay) -> PolicyState {
        state(asOf: day.adding(days: -1))
    }

    /// The state after every entry, read on the last entry's day (or the base's).
    public var latest: PolicyState {
        var s = state(afterEntries: entries.count)
        s.day = Swift.max(entries.last?.day ?? base.day, base.day)
        return s
    }

    /// The number of entries dated on or before `day` (binary search).
    func entriesOnOrBefore(_ day: PlanDay) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func state(afterEntries count: Int) -> PolicyState {
        var lo = 0, hi = checkpoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if checkpoints[mid].count <= count { lo = mid } else { hi = mid - 1 }
        }
        var state = checkpoints[lo].state
        for i in checkpoints[lo].count..<count { entries[i].apply(to: &state) }
        return state
    }

    /// Inserts `entry` in date order, replays every later entry and checks each state; throws (leaving the
    /// timeline as it was) if the insertion makes any point of the timeline invalid.
    mutating func insert(_ entry: TimelineEntry, directory: UserDirectory) throws(TenantError) {
        var candidate = entries
        let at = entriesOnOrBefore(entry.day)
        candidate.insert(entry, at: at)
        var copy = self
        copy.entries = candidate
        try copy.rebuild(from: at, validating: directory)
        self = copy
    }

    /// Removes the entry with this id (undo); the remaining timeline was valid before it was added.
    mutating func remove(id: Int) {
        guard let at = entries.firstIndex(where: { $0.id == id }) else { return }
        entries.remove(at: at)
        try? rebuild(from: at, validating: nil)
    }

    /// Users imported after the timeline started join the base state (and every checkpoint) with their grant.
    mutating func appendUser(grant: UInt8, onPremises: Bool) {
        base.append(grant: grant, onPremises: onPremises)
        for i in checkpoints.indices { checkpoints[i].state.append(grant: grant, onPremises: onPremises) }
    }

    /// A re-imported user replaces their starting grant and homing; later entries are replayed on top.
    mutating func replaceUser(_ position: Int, grant: UInt8, onPremises: Bool) {
        base.set(position, grant: grant, onPremises: onPremises)
        checkpoints = [(0, base)]
        try? rebuild(from: 0, validating: nil)
    }

    mutating func setBaseGlobal(_ global: UInt8) {
        base.global = global
        checkpoints = [(0, base)]
        try? rebuild(from: 0, validating: nil)
    }

    /// Checks the starting state and every entry against the rules of "Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"; an import that changed the
    /// starting grants, homing or global calls it before keeping the result.
    func validate(directory: UserDirectory) throws(TenantError) {
        if UpgradePolicy.builtIns[Int(base.global)].mode == .teamsOnly && base.unprotectedOnPremises > 0 {
            let names = (0..<base.grants.count).lazy
                .filter { self.base.onPremises[$0] && self.base.grants[$0] == PolicyState.noGrant }
                .prefix(5).map { directory[$0].upn }
            throw .refused("a TeamsOnly tenant global while \(base.unprotectedOnPremises) user(s) homed on-premises inherit it (\(names.joined(separator: ", "))\(base.unprotectedOnPremises > 5 ? ", ..." : "")): TeamsOnly needs an online home")
        }
        var copy = self
        copy.checkpoints = [(0, base)]
        try copy.rebuild(from: 0, validating: directory)
    }

    private mutating func rebuild(from index: Int, validating directory: UserDirectory?) throws(TenantError) {
        checkpoints.removeAll { $0.count > index }
        var state = checkpoints[checkpoints.count - 1].state
        var since = 0
        var sinceEntries = 0
        let threshold = Swift.max(4_096, 2 * state.grants.count)
        for i in checkpoints[checkpoints.count - 1].count..<entries.count {
            let check = i >= index ? directory : nil
            if let check, let why = entries[i].violation(before: state, directory: check) { throw .refused(why) }
            entries[i].apply(to: &state)
            if let check, let why = entries[i].violation(after: state, directory: check) { throw .refused(why) }
            since += entries[i].users.count + 1
            sinceEntries += 1
            if since >= threshold || sinceEntries >= 64 {
                checkpoints.append((i + 1, state))
                since = 0
                sinceEntries = 0
            }
        }
    }
}

extension PolicyTimeline: Equatable {
    /// Checkpoints are derived from base and entries, so they do not take part in equality.
    public static func == (a: PolicyTimeline, b: PolicyTimeline) -> Bool {
        a.base == b.base && a.entries == b.entries
    }
}
