/// A cohort's recorded move: the day its members' grant took effect and the mode they went to.
///
/// Why its own value: calibration, the backtest and the demo's generated history all read a cohort's past as
/// this list, so a move the change log records is the same move each of them sees.
public struct CohortMove: Sendable, Equatable, Hashable {
    public var cohort: String
    public var day: Day
    public var mode: CoexistenceMode

    public init(cohort: String, day: Day, mode: CoexistenceMode) {
        self.cohort = cohort
        self.day = day
        self.mode = mode
    }
}

extension CoexistenceTenant {
    /// The cohort's recorded moves, by day: the starting `history`, then each of `changes` (the journal's
    /// reports, in order; dry runs and undone changes are not journaled) made for a cohort, with the mode most of
    /// its changed users went to. The tenant keeps no log of its own: the workspace's journal is the one record.
    public func recordedMoves(cohort name: String? = nil, changes: [ChangeReport] = []) -> [CohortMove] {
        var moves = history
        for r in changes {
            guard let cohort = r.cohort, let day = r.day, !r.dryRun, !r.changes.isEmpty else { continue }
            var counts: [CoexistenceMode: Int] = [:]
            for c in r.changes { counts[c.toMode, default: 0] += 1 }
            let mode = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue }!.key
            moves.append(CohortMove(cohort: cohort, day: day, mode: mode))
        }
        if let name { moves = moves.filter { $0.cohort.lowercased() == name.lowercased() } }
        // A stable sort: two moves of one day keep the order they were made in.
        return moves.enumerated().sorted { a, b in
            a.element.day != b.element.day ? a.element.day < b.element.day : a.offset < b.offset
        }.map(\.element)
    }
}

extension Workspace {
    /// The recorded moves of the tenant's history and of this workspace's journal.
    public func recordedMoves(cohort name: String? = nil) -> [CohortMove] {
        coexistence.recordedMoves(cohort: name, changes: journal.entries.map(\.report))
    }
}
