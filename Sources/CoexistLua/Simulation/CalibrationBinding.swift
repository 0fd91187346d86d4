import CoexistKit

/// `calibrate{}` and `backtest{}`: the adoption curve fitted to the tenant's own history, and that history
/// replayed against the fit (`Calibration`, `Backtest` in CoexistKit).
enum CalibrationBinding {
    // cohort=, min_streams= and the rates are checked below with messages of their own (a name or a list; a
    // whole number; a daily rate in range), so the table only declares them.
    static let calibrateOptions: [String: OptionType] = ["cohort": .any, "from": .date, "to": .date, "min_streams": .any]
    static let backtestOptions: [String: OptionType] = calibrateOptions + ["innovation": .any, "imitation": .any]

    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("calibrate", doc: """
            calibrate{cohort=, from=, to=, min_streams=500}: fits the Bass adoption rates (daily innovation p and \
            imitation q, the curve scenarios play) to the share of each cohort's streams made from Teams, from the \
            cohort's first recorded move into Islands in the change log; one row per cohort and a tenant-wide row \
            (one p and q for every fitted cohort), with the starting share, the weeks fitted and the error (rmse \
            of the weekly share, percentage points). cohort: a name or a list; from, to: dates ("2026-09-01", \
            "-8w"), default the whole history. A cohort with fewer than min_streams streams, no move to Islands \
            or under two weeks of Islands streams gets no fit and says why.
            """) { call in
            let opts = try OptionTable(try call.optTable(1), calibrateOptions, what: "calibrate")
            let (history, tenant, options) = try read(opts, workspace)
            do {
                let changes = workspace.journal.entries.map(\.report)
                ResultSetBinding.push(try Calibration.fit(history, tenant, options, changes: changes).table, call.L)
            } catch {
                throw LuaError("calibrate: \(error)")
            }
            return 1
        }
        engine.register("backtest", doc: """
            backtest{from=, to=, cohort=, innovation=, imitation=, min_streams=500}: replays the recorded past as a \
            scenario (each cohort's recorded moves as its steps, started where its records start, played by the \
            scenario engine over 8 seeded runs) and compares the Teams share it predicts with the share of their \
            streams observed, per cohort per calendar week (Monday first): streams, observed_pct, predicted_pct and \
            error_pts (predicted minus observed); the title gives the rmse, overall and per cohort. The rates are \
            each cohort's own fit over the whole history (calibrate{}), or the tenant-wide fit for a cohort without \
            one, unless innovation and imitation (daily rates, given together) are given for every cohort. \
            Dates as calibrate's.
            """) { call in
            let opts = try OptionTable(try call.optTable(1), backtestOptions, what: "backtest")
            let given = try givenParameters(opts)
            let (history, tenant, options) = try read(opts, workspace)
            let from = options.from ?? history.first, to = options.to ?? history.last
            let changes = workspace.journal.entries.map(\.report)
            do {
                // Fit over the whole history (the backtest window only chooses the weeks shown).
                var whole = options
                whole.from = nil
                whole.to = nil
                let fit = try Calibration.fit(history, tenant, whole, changes: changes)
                let window = try Calibration.fit(history, tenant, options, changes: changes)
                var series: [AdoptionSeries] = [], rates: [String: BassParameters] = [:]
                for f in window.fits {
                    guard let c = history.index(of: f.cohort) else { continue }
                    let moves = tenant.recordedMoves(cohort: f.cohort, changes: changes)
                    guard AdoptionPath.adoptionStart(moves) != nil, let p = given ?? fit.parameters(for: f.cohort) else { continue }
                    series.append(Calibration.series(history, c, moves, from: from, to: to))
                    rates[f.cohort] = p
                }
                // The past replayed as a scenario: each cohort's recorded moves played by the scenario engine.
                ResultSetBinding.push(try Backtest.play(series, on: workspace, from: from, to: to, parameters: rates).table, call.L)
            } catch {
                throw LuaError("backtest: \(error)")
            }
            return 1
        }
    }

    /// The history, the tenant and the options a call names, checked: dates in the relative grammar too.
    static func read(_ opts: OptionTable, _ workspace: Workspace) throws -> (TeamsShareHistory, CoexistenceTenant, CalibrationOptions) {
        let source = TenantSource(live: workspace)
        var options = CalibrationOptions()
        options.from = try source.optionalDay(opts["from"], "\(opts.what): option 'from'")
        options.to = try source.optionalDay(opts["to"], "\(opts.what): option 'to'")
        switch opts["cohort"] {
        case .nil: break
        case .string(let s): options.cohorts = [s]
        case .table(let t) where t.fields.isEmpty && !t.array.isEmpty:
            options.cohorts = try t.array.map { v in
                guard case .string(let s) = v else { throw LuaError("\(opts.what): option 'cohort' lists names, got a \(v.typeName)") }
                return s
            }
        case let v: throw LuaError("\(opts.what): option 'cohort' must be a cohort name or a list of names, got \(v.typeName)")
        }
        switch opts["min_streams"] {
        case .nil: break
        case .integer(let n) where n >= 1: options.minStreams = Int(n)
        case .number(let d) where d >= 1 && d == d.rounded() && d < 1e12: options.minStreams = Int(d)
        case let v: throw LuaError("\(opts.what): min_streams must be a whole number of streams, 1 or more, got \(v.stringValue ?? v.typeName)")
        }
        let tenant = workspace.coexistence
        return (TeamsShareHistory.measure(workspace.calls, tenant), tenant, options)
    }

    /// `innovation=` and `imitation=` together, as daily rates the curve can carry; nil when neither is given.
    static func givenParameters(_ opts: OptionTable) throws -> BassParameters? {
        func number(_ key: String) throws -> Double? {
            switch opts[key] {
            case .nil: return nil
            case .integer(let n): return Double(n)
            case .number(let d): return d
            case let v: throw LuaError("backtest: option '\(key)' must be a number (a daily rate), got \(v.typeName)")
            }
        }
        let p = try number("innovation"), q = try number("imitation")
        switch (p, q) {
        case (nil, nil): return nil
        case (let p?, let q?):
            do { return try BassParameters(innovation: p, imitation: q).validated() } catch {
                throw LuaError("backtest: \(error)")
            }
        default: throw LuaError("backtest: give innovation and imitation together (daily rates), or neither to use the fitted ones")
        }
    }
}
