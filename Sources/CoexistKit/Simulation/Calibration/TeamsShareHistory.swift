/// How many of each cohort's streams came from Teams and from Skype for Business, day by day: the observed
/// side of `calibrate{}` and `backtest{}`.
///
/// A stream counts for its first user's cohort (the cohort dimension of the call store means the same), by its
/// start day in UTC; streams whose product is unknown, or whose user is in no cohort, are left out. One pass
/// over three columns, split across the cores like the query engine's scans.
public struct TeamsShareHistory: Sendable, Equatable {
    public let cohorts: [String]
    /// The first day with any stream; `days` days follow it.
    public let first: Day
    public let days: Int
    /// Per cohort, per day from `first`.
    public internal(set) var teams: [[Int]]
    public internal(set) var total: [[Int]]

    public init(cohorts: [String], first: Day, teams: [[Int]], total: [[Int]]) {
        self.cohorts = cohorts
        self.first = first
        days = total.first?.count ?? 0
        self.teams = teams
        self.total = total
    }

    public var last: Day { first.adding(days: max(days - 1, 0)) }

    public func index(of cohort: String) -> Int? {
        cohorts.firstIndex(of: cohort) ?? cohorts.firstIndex { $0.lowercased() == cohort.lowercased() }
    }

    public static func measure(_ store: CallStore, _ tenant: CoexistenceTenant) -> TeamsShareHistory {
        let names = tenant.cohorts.names
        // Per user code of the store: its cohort's index + 1, 0 for none.
        var cohortOfUser = [UInt16](repeating: 0, count: max(store.users.count, 1))
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        for c in 1..<max(store.users.count, 1) {
            guard let p = tenant.directory.position(of: store.users[UInt32(c)]),
                  let name = tenant.cohorts.cohortName(ofUser: p), let i = index[name], i < 65_535 else { continue }
            cohortOfUser[c] = UInt16(i + 1)
        }
        let n = store.count
        guard n > 0, !names.isEmpty else {
            return TeamsShareHistory(cohorts: names, first: tenant.today, teams: names.map { _ in [] }, total: names.map { _ in [] })
        }
        let start = store.start.pointer, product = store.product.pointer, user = store.firstUser.pointer
        var lo = UInt32.max, hi: UInt32 = 0
        for i in 0..<n { lo = min(lo, start[i]); hi = max(hi, start[i]) }
        let day0 = Int(lo / 86_400), days = Int(hi / 86_400) - day0 + 1
        let width = names.count * days
        let parts = Parallel.ranges(n)
        // Per part: teams counts then totals, cohort-major.
        var counts = [[Int]](repeating: [], count: parts.count)
        let teamsCode = Product.teams.rawValue, sfbCode = Product.sfb.rawValue
        cohortOfUser.withUnsafeBufferPointer { cohortOf in
            counts.withUnsafeMutableBufferPointer { out in
                Parallel.perform(parts.count) { part in
                    var mine = [Int](repeating: 0, count: 2 * width)
                    for i in parts[part] {
                        let pr = product[i]
                        guard pr == teamsCode || pr == sfbCode else { continue }
                        let c = Int(cohortOf[Int(user[i])])
                        if c == 0 { continue }
                        let slot = (c - 1) * days + Int(start[i] / 86_400) - day0
                        mine[width + slot] += 1
                        if pr == teamsCode { mine[slot] += 1 }
                    }
                    out[part] = mine
                }
            }
        }
        var teams = [[Int]](repeating: [Int](repeating: 0, count: days), count: names.count)
        var total = teams
        for part in counts {
            for c in 0..<names.count {
                for d in 0..<days {
                    teams[c][d] += part[c * days + d]
                    total[c][d] += part[width + c * days + d]
                }
            }
        }
        return TeamsShareHistory(cohorts: names, first: Day(daysSinceEpoch: day0), teams: teams, total: total)
    }
}
