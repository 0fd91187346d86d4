/// `calibrate{}`: the Bass rates of each cohort, and one pair for the whole tenant, fitted to the share of
/// its streams made from Teams (the `product` field) against its recorded moves, with the fit error.
///
/// A cohort is fitted from its first move into Islands, where users choose their client (`AdoptionPath`);
/// its starting share is what it showed before that move. The error is the root mean square of the weekly
/// share (predicted minus observed, in percentage points), the figure a reader can hold a curve to.
public struct Calibration: Sendable, Equatable {
    public struct Fit: Sendable, Equatable {
        public var cohort: String
        /// The first recorded move into Islands; nil for the tenant-wide row and cohorts that never moved.
        public var islands: Day?
        public var streams: Int
        public var weeks: Int
        public var start: Double?
        public var parameters: BassParameters?
        /// Weekly share RMSE, 0...1.
        public var rmse: Double?
        /// Why a cohort has no fit, or what the tenant-wide row covers.
        public var note: String
    }

    public static let tenantWide = "all cohorts"

    public var fits: [Fit]
    /// One pair of rates for every fitted cohort together; nil when none could be fitted.
    public var tenant: Fit
    public var from: Day
    public var to: Day
    /// The series each fitted cohort was fitted against (for the backtest and the tests).
    public var series: [String: AdoptionSeries]

    /// The fitted rates of `cohort`, or the tenant-wide ones for a cohort without its own.
    public func parameters(for cohort: String) -> BassParameters? {
        fits.first { $0.cohort.lowercased() == cohort.lowercased() }?.parameters ?? tenant.parameters
    }

    public static func fit(_ history: TeamsShareHistory, _ tenant: CoexistenceTenant,
                           _ options: CalibrationOptions = .init(),
                           changes: [ChangeReport] = []) throws(CalibrationError) -> Calibration {
        guard options.minStreams >= 1 else { throw .minStreams(options.minStreams) }
        let names = try Calibration.cohorts(options.cohorts, history)
        let from = options.from ?? history.first, to = options.to ?? history.last
        guard from <= to else { throw .emptyPeriod(from: from, to: to) }
        var fits: [Fit] = [], series: [String: AdoptionSeries] = [:]
        var window = 0
        for name in names {
            let c = history.index(of: name)!
            let s = Calibration.series(history, c, tenant.recordedMoves(cohort: name, changes: changes), from: from, to: to)
            window += s.streams
            var fit = Fit(cohort: name, islands: AdoptionPath.adoptionStart(s.moves), streams: s.streams, weeks: 0,
                          start: s.start, parameters: nil, rmse: nil, note: "")
            if let why = Calibration.unfit(s, fit.islands, from: from, to: to, minStreams: options.minStreams) {
                fit.note = why
            } else {
                let p = BassFit.fit([s])
                let e = BassFit.weeklyRMSE(p, [s])
                fit.parameters = p
                fit.rmse = e.rmse
                fit.weeks = e.weeks
                series[name] = s
            }
            fits.append(fit)
        }
        guard window > 0 else { throw .noStreams(from: from, to: to) }
        let fitted = names.compactMap { series[$0] }
        var all = Fit(cohort: tenantWide, islands: nil, streams: fitted.reduce(0) { $0 + $1.streams }, weeks: 0,
                      start: nil, parameters: nil, rmse: nil,
                      note: fitted.isEmpty ? "no cohort could be fitted" : "one p and q for the \(fitted.count) fitted cohort(s)")
        if !fitted.isEmpty {
            let p = BassFit.fit(fitted)
            let e = BassFit.weeklyRMSE(p, fitted)
            all.parameters = p
            all.rmse = e.rmse
            all.weeks = e.weeks
        }
        return Calibration(fits: fits, tenant: all, from: from, to: to, series: series)
    }

    /// The cohorts asked for, in the history's spelling; an unknown one is an error naming the closest.
    static func cohorts(_ asked: [String]?, _ history: TeamsShareHistory) throws(CalibrationError) -> [String] {
        guard let asked else { return history.cohorts }
        var out: [String] = []
        for name in asked {
            guard let i = history.index(of: name) else {
                throw .unknownCohort(name, suggestion: EditDistance.nearest(to: name, in: history.cohorts))
            }
            if !out.contains(history.cohorts[i]) { out.append(history.cohorts[i]) }
        }
        return out
    }

    /// Cohort `c`'s days from `from` to `to` (days outside the history count no streams), its moves, and its
    /// starting share: the share of its streams before its first move, over the whole history (0 with none).
    public static func series(_ history: TeamsShareHistory, _ c: Int, _ moves: [CohortMove], from: Day, to: Day) -> AdoptionSeries {
        let n = to.daysSinceEpoch - from.daysSinceEpoch + 1
        var teams = [Int](repeating: 0, count: n), total = teams
        let offset = from.daysSinceEpoch - history.first.daysSinceEpoch
        for d in 0..<n where offset + d >= 0 && offset + d < history.days {
            teams[d] = history.teams[c][offset + d]
            total[d] = history.total[c][offset + d]
        }
        let before = moves.first.map { $0.day.daysSinceEpoch - history.first.daysSinceEpoch } ?? history.days
        var t = 0, all = 0
        for d in 0..<min(max(before, 0), history.days) {
            t += history.teams[c][d]
            all += history.total[c][d]
        }
        return AdoptionSeries(cohort: history.cohorts[c], moves: moves, start: all == 0 ? 0 : Double(t) / Double(all),
                              first: from, teams: teams, total: total)
    }

    /// Why a cohort cannot be fitted, or nil when it can: no move into Islands by the period's end, too few
    /// streams, or fewer than two weeks of Islands streams to fit a curve's shape to.
    static func unfit(_ s: AdoptionSeries, _ islands: Day?, from: Day, to: Day, minStreams: Int) -> String? {
        guard let islands, islands <= to else { return "no recorded move to Islands by \(to.iso): nothing to fit" }
        if s.streams < minStreams { return "too few streams (\(s.streams), fewer than min_streams \(minStreams))" }
        // Days in Islands with streams: from the move to the first later move out of Islands.
        let leaves = s.moves.first { $0.day > islands && $0.mode != .islands }?.day ?? to.adding(days: 1)
        var days = 0
        for d in s.total.indices where s.total[d] > 0 {
            let day = s.first.adding(days: d)
            if day >= islands && day < leaves { days += 1 }
        }
        if days < 14 { return "only \(days) day(s) of streams in Islands in the period: too few to fit a curve" }
        return nil
    }

    /// One row per cohort asked for, then the tenant-wide row: shares and errors in percent.
    public var table: ResultSet {
        let columns = [Column("cohort", .string), Column("islands_on", .string), Column("streams", .int),
                       Column("weeks", .int), Column("start_pct", .double, decimals: 1),
                       Column("innovation_p", .double, decimals: 4), Column("imitation_q", .double, decimals: 4),
                       Column("rmse_pts", .double, decimals: 2), Column("note", .string)]
        func row(_ f: Fit) -> [ResultValue] {
            [.string(f.cohort), f.islands.map { .string($0.iso) } ?? .null, .int(f.streams), .int(f.weeks),
             f.start.map { .double($0 * 100) } ?? .null, f.parameters.map { .double($0.innovation) } ?? .null,
             f.parameters.map { .double($0.imitation) } ?? .null, f.rmse.map { .double($0 * 100) } ?? .null, .string(f.note)]
        }
        return ResultSet(columns: columns, rows: fits.map(row) + [row(tenant)],
                         title: "adoption fitted \(from.iso) to \(to.iso) (Bass, daily rates; rmse of weekly Teams share)")
    }
}
