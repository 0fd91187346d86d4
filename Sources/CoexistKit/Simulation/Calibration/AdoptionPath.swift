/// The expected share of a cohort's users running Teams on each day, from its recorded (or planned) moves.
///
/// The one reading of a cohort's past that the demo's history is generated from, `calibrate{}` fits and
/// `backtest{}` predicts with: before the first move the share stays at its starting value; in Islands users
/// pick up Teams along the Bass curve (`BassAdoption.step`, one step a day from the move); TeamsOnly puts every
/// user in Teams ("TeamsOnly users all in Teams"); the SfB modes keep calling and chat in Skype for Business, so
/// the share holds where it stood ("Coexistence with Skype for Business", the modes' capabilities).
public enum AdoptionPath {
    /// The share on `count` days from `first`; moves before `first` are played from their own day.
    public static func shares(_ parameters: BassParameters, moves: [CohortMove], start: Double,
                              from first: Day, days count: Int) -> [Double] {
        let sorted = moves.sorted { $0.day < $1.day }
        var day = min(first, sorted.first?.day ?? first)
        var f = start
        var mode: CoexistenceMode?
        var next = 0
        var out: [Double] = []
        out.reserveCapacity(max(count, 0))
        let last = first.adding(days: count - 1)
        while day <= last {
            while next < sorted.count && sorted[next].day == day {
                mode = sorted[next].mode
                if mode == .teamsOnly { f = 1 }
                next += 1
            }
            if day >= first { out.append(f) }
            if mode == .islands { f = BassAdoption.step(parameters, adopted: f) }
            day = day.adding(days: 1)
        }
        return out
    }

    /// The day of the first move into Islands, where adoption starts; nil when there is none.
    public static func adoptionStart(_ moves: [CohortMove]) -> Day? {
        moves.filter { $0.mode == .islands }.map(\.day).min()
    }
}
