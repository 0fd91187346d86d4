/// `backtest{from=, to=}`: the recorded past replayed, predicted against observed Teams share per cohort per
/// week, with the error.
///
/// The prediction is a function from (cohort, day) to the expected share of its users in Teams, so the
/// scenario engine can supply its own (a scenario built from `steps(tenant, from:, to:)` and run on the
/// tenant as it stood on `from`); without one, each cohort's `AdoptionPath` from its recorded moves and the
/// rates given or fitted.
public struct Backtest: Sendable, Equatable {
    public struct Week: Sendable, Equatable {
        public var cohort: String
        public var week: Day
        public var streams: Int
        public var observed: Double
        public var predicted: Double
        public var error: Double { predicted - observed }
    }

    public var from: Day
    public var to: Day
    public var weeks: [Week]
    /// Per cohort (in order), the weekly-share RMSE (0...1), and the one over every row.
    public var rmse: [(cohort: String, rmse: Double)]
    public var overall: Double

    public static func == (a: Backtest, b: Backtest) -> Bool {
        a.from == b.from && a.to == b.to && a.weeks == b.weeks && a.overall == b.overall
            && a.rmse.map(\.cohort) == b.rmse.map(\.cohort) && a.rmse.map(\.rmse) == b.rmse.map(\.rmse)
    }

    /// The cohorts' recorded moves dated from `from` to `to`: the steps a scenario replaying the past plays.
    public static func steps(_ tenant: CoexistenceTenant, changes: [ChangeReport] = [], from: Day, to: Day) -> [CohortMove] {
        tenant.recordedMoves(changes: changes).filter { $0.day >= from && $0.day <= to }
    }

    /// Compares `series` (observed, one per cohort, each covering `from`...`to`) with `predict(cohort, day)`.
    public static func compare(_ series: [AdoptionSeries], from: Day, to: Day,
                               predict: (String, Day) -> Double) -> Backtest {
        var weeks: [Week] = [], rmse: [(cohort: String, rmse: Double)] = []
        var sum = 0.0
        for s in series {
            let predicted = s.total.indices.map { predict(s.cohort, s.first.adding(days: $0)) }
            var own = 0.0, n = 0
            for w in s.weekly(predicted) {
                weeks.append(Week(cohort: s.cohort, week: w.week, streams: w.streams, observed: w.observed, predicted: w.predicted))
                own += (w.predicted - w.observed) * (w.predicted - w.observed)
                n += 1
            }
            sum += own
            if n > 0 { rmse.append((s.cohort, (own / Double(n)).squareRoot())) }
        }
        return Backtest(from: from, to: to, weeks: weeks, rmse: rmse,
                        overall: weeks.isEmpty ? 0 : (sum / Double(weeks.count)).squareRoot())
    }

    /// The backtest with `AdoptionPath`: each series' own moves and starting share, played with `parameters`.
    public static func run(_ series: [AdoptionSeries], from: Day, to: Day,
                           parameters: [String: BassParameters]) -> Backtest {
        var paths: [String: [Double]] = [:]
        for s in series {
            guard let p = parameters[s.cohort] else { continue }
            paths[s.cohort] = s.predicted(p)
        }
        return compare(series.filter { paths[$0.cohort] != nil }, from: from, to: to) { cohort, day in
            paths[cohort]![day.daysSinceEpoch - from.daysSinceEpoch]
        }
    }

    /// One row per cohort per week: streams, observed and predicted share and the error (predicted minus
    /// observed), in percent and percentage points.
    public var table: ResultSet {
        let columns = [Column("cohort", .string), Column("week", .string), Column("streams", .int),
                       Column("observed_pct", .double, decimals: 1), Column("predicted_pct", .double, decimals: 1),
                       Column("error_pts", .double, decimals: 1)]
        let rows: [[ResultValue]] = weeks.map { w in
            [.string(w.cohort), .string(w.week.iso), .int(w.streams), .double(w.observed * 100),
             .double(w.predicted * 100), .double(w.error * 100)]
        }
        let per = rmse.map { "\($0.cohort) \(Backtest.points($0.rmse))" }.joined(separator: ", ")
        return ResultSet(columns: columns, rows: rows,
                         title: "backtest \(from.iso) to \(to.iso): rmse \(Backtest.points(overall)) pts" + (per.isEmpty ? "" : " (\(per))"))
    }

    static func points(_ share: Double) -> String {
        String(Double(Int((share * 1000).rounded())) / 10)
    }
}
