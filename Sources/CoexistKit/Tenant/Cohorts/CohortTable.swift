/// All upgrade cohorts, keeping "a user is in at most one upgrade cohort" true by construction.
public struct CohortTable: Sendable, Equatable {
    public private(set) var cohorts: [Cohort] = []
    /// Per directory position, the index in `cohorts`, or -1.
    private var cohortOfUser: [Int32] = []

    public init() {}

    public var names: [String] { cohorts.map(\.name) }

    public func index(of name: String) -> Int? {
        let key = name.lowercased()
        return cohorts.firstIndex { $0.name.lowercased() == key }
    }

    /// The cohort by name (case-insensitive); throws with the nearest name on a typo.
    public func cohort(_ name: String) throws(TenantError) -> Cohort {
        guard let i = index(of: name) else {
            throw .unknownName(kind: "cohort", name: name, suggestion: EditDistance.nearest(to: name, in: names))
        }
        return cohorts[i]
    }

    public func cohortName(ofUser position: Int) -> String? {
        guard position < cohortOfUser.count, cohortOfUser[position] >= 0 else { return nil }
        return cohorts[Int(cohortOfUser[position])].name
    }

    mutating func growUsers(to count: Int) {
        if cohortOfUser.count < count { cohortOfUser += Array(repeating: -1, count: count - cohortOfUser.count) }
    }

    /// Puts `members` into cohort `name` (created if new). `replace` drops its current members first.
    /// Returns one notice per other cohort that lost users, since silently re-planning someone's wave surprises.
    mutating func assign(_ members: [Int], to name: String, groupId: String?, replace: Bool, userCount: Int) -> [String] {
        growUsers(to: userCount)
        let target: Int
        if let i = index(of: name) {
            target = i
            if let g = groupId { cohorts[i].groupId = g }
        } else {
            cohorts.append(Cohort(name: name, groupId: groupId, members: []))
            target = cohorts.count - 1
        }
        if replace {
            for p in cohorts[target].members { cohortOfUser[p] = -1 }
            cohorts[target].members = []
        }
        var movedFrom: [Int: Int] = [:]
        var added = false
        for p in members {
            let current = Int(cohortOfUser[p])
            if current == target { continue }
            if current >= 0 { movedFrom[current, default: 0] += 1 }
            cohortOfUser[p] = Int32(target)
            added = true
        }
        guard added || replace || !movedFrom.isEmpty else { return [] }
        rebuildMembers()
        return movedFrom.keys.sorted().map { i in
            "\(movedFrom[i]!) user(s) moved from cohort '\(cohorts[i].name)' to '\(name)'"
        }
    }

    mutating func remove(_ members: [Int], from name: String) {
        guard let target = index(of: name) else { return }
        for p in members where p < cohortOfUser.count && cohortOfUser[p] == Int32(target) { cohortOfUser[p] = -1 }
        rebuildMembers()
    }

    mutating func delete(_ name: String) {
        guard let target = index(of: name) else { return }
        cohorts.remove(at: target)
        for p in cohortOfUser.indices {
            let c = Int(cohortOfUser[p])
            if c == target { cohortOfUser[p] = -1 } else if c > target { cohortOfUser[p] = Int32(c - 1) }
        }
    }

    /// One pass over users keeps every member list sorted and consistent with `cohortOfUser`.
    private mutating func rebuildMembers() {
        var lists = Array(repeating: [Int](), count: cohorts.count)
        for (p, c) in cohortOfUser.enumerated() where c >= 0 { lists[Int(c)].append(p) }
        for i in cohorts.indices { cohorts[i].members = lists[i] }
    }
}
