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
    /// The cohort moves in the change log, by day (a later change on the same day wins): each entry made for a
    /// cohort, with the mode most of its changed users went to. Dry runs and undone changes are not in the log.
    public func recordedMoves(cohort name: String? = nil) -> [CohortMove] {
        var moves: [CohortMove] = []
        for entry in log.entries {
            let r = entry.report
            guard let cohort = r.cohort, let day = r.day, !r.dryRun, !r.changes.isEmpty else { continue }
            if let name, cohort.lowercased() != name.lowercased() { continue }
            var counts: [CoexistenceMode: Int] = [:]
            for c in r.changes { counts[c.toMode, default: 0] += 1 }
            let mode = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue }!.key
            moves.append(CohortMove(cohort: cohort, day: day, mode: mode))
        }
        return moves.enumerated().sorted { a, b in
            a.element.day != b.element.day ? a.element.day < b.element.day : a.offset < b.offset
        }.map(\.element)
    }
}
