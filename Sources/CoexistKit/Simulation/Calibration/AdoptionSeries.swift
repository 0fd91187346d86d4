import Foundation

/// One cohort's observed Teams share over a window of days, with the moves and starting share its expected
/// path is played from: what a fit is made against and a backtest compares with.
public struct AdoptionSeries: Sendable, Equatable {
    public var cohort: String
    public var moves: [CohortMove]
    /// The share before the first move (the path's starting value).
    public var start: Double
    public var first: Day
    public var teams: [Int]
    public var total: [Int]

    public init(cohort: String, moves: [CohortMove], start: Double, first: Day, teams: [Int], total: [Int]) {
        self.cohort = cohort
        self.moves = moves
        self.start = start
        self.first = first
        self.teams = teams
        self.total = total
    }

    public var streams: Int { total.reduce(0, +) }

    public func predicted(_ p: BassParameters) -> [Double] {
        AdoptionPath.shares(p, moves: moves, start: start, from: first, days: total.count)
    }

    /// One row per calendar week (Monday first, as the `week` bucket of queries) that has streams: the
    /// observed share and the expectation of it under `predicted` (daily predictions weighted by the day's
    /// streams), both 0...1.
    public func weekly(_ predicted: [Double]) -> [(week: Day, streams: Int, observed: Double, predicted: Double)] {
        var out: [(week: Day, streams: Int, observed: Double, predicted: Double)] = []
        var week = -1, n = 0, t = 0, expected = 0.0
        func flush() {
            if n > 0 { out.append((Day(daysSinceEpoch: week), n, Double(t) / Double(n), expected / Double(n))) }
        }
        for d in total.indices {
            let w = Civil.monday(onOrBefore: first.daysSinceEpoch + d)
            if w != week { flush(); week = w; n = 0; t = 0; expected = 0 }
            n += total[d]
            t += teams[d]
            expected += Double(total[d]) * predicted[d]
        }
        flush()
        return out
    }
}

/// Least-squares fit of the Bass rates to observed shares, and the error the report gives.
public enum BassFit {
    /// Squared error of the daily share weighted by the day's streams (so a quiet Sunday counts for little),
    /// summed over every series: the function the fit minimises.
    public static func loss(_ p: BassParameters, _ series: [AdoptionSeries]) -> Double {
        var sum = 0.0
        for s in series {
            let f = s.predicted(p)
            for d in s.total.indices where s.total[d] > 0 {
                let e = Double(s.teams[d]) / Double(s.total[d]) - f[d]
                sum += Double(s.total[d]) * e * e
            }
        }
        return sum
    }

    /// The root mean square of weekly share errors over every series' weeks, in share (0...1).
    public static func weeklyRMSE(_ p: BassParameters, _ series: [AdoptionSeries]) -> (rmse: Double, weeks: Int) {
        var sum = 0.0, weeks = 0
        for s in series {
            for w in s.weekly(s.predicted(p)) {
                sum += (w.predicted - w.observed) * (w.predicted - w.observed)
                weeks += 1
            }
        }
        return (weeks == 0 ? 0 : (sum / Double(weeks)).squareRoot(), weeks)
    }

    /// The rates minimising `loss`: a coarse logarithmic grid over daily p in [0.0001, 0.5] and q in
    /// {0} and [0.001, 0.95] (p + q at most 1), then a pattern search from the best point, halving its steps
    /// until they fall below 1e-6. Deterministic, and cheap: the series are daily counts, not streams.
    public static func fit(_ series: [AdoptionSeries]) -> BassParameters {
        func grid(_ lo: Double, _ hi: Double, _ n: Int) -> [Double] {
            (0..<n).map { lo * Foundation.pow(hi / lo, Double($0) / Double(n - 1)) }
        }
        var best = BassParameters(innovation: 0.01, imitation: 0.1)
        var bestLoss = Double.infinity
        for p in grid(0.0001, 0.5, 28) {
            for q in [0] + grid(0.001, 0.95, 28) where p + q <= 1 {
                let candidate = BassParameters(innovation: p, imitation: q)
                let l = loss(candidate, series)
                if l < bestLoss { bestLoss = l; best = candidate }
            }
        }
        var step = (p: max(best.innovation * 0.5, 1e-4), q: max(best.imitation * 0.5, 1e-3))
        var rounds = 0
        while (step.p > 1e-6 || step.q > 1e-6) && rounds < 5_000 {
            rounds += 1
            var improved = false
            for (dp, dq) in [(step.p, 0.0), (-step.p, 0), (0, step.q), (0, -step.q)] {
                let c = BassParameters(innovation: best.innovation + dp, imitation: best.imitation + dq)
                guard c.innovation >= 0, c.imitation >= 0, c.innovation + c.imitation <= 1 else { continue }
                let l = loss(c, series)
                if l < bestLoss { bestLoss = l; best = c; improved = true }
            }
            if !improved { step = (step.p / 2, step.q / 2) }
        }
        return best
    }
}
