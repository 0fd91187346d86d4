import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

final class ResultBox {
    let result: ScenarioResult
    init(_ result: ScenarioResult) { self.result = result }
}

final class ComparisonBox {
    let comparison: ScenarioComparison
    let measure: DayMeasure
    init(_ c: ScenarioComparison, measure: DayMeasure) {
        comparison = c
        self.measure = measure
    }
}

final class SweepBox {
    let sweep: ScenarioSweep
    let outcome: String
    init(_ w: ScenarioSweep, outcome: String) {
        sweep = w
        self.outcome = outcome
    }
}

/// A scenario's result, a comparison and a sweep in Lua. Charts fit the width given (default: $COLUMNS,
/// else 80) and draw in ASCII under NO_COLOR or a locale that is not UTF-8.
enum ScenarioResultBinding {
    nonisolated(unsafe) static let type: LuaObjectType<ResultBox> = makeType()
    nonisolated(unsafe) static let comparisonType: LuaObjectType<ComparisonBox> = makeComparison()
    nonisolated(unsafe) static let sweepType: LuaObjectType<SweepBox> = makeSweep()

    static let measures = DayMeasure.allCases.map(\.name)

    static func measure(_ name: String, _ what: String) throws -> DayMeasure {
        guard let m = DayMeasure.allCases.first(where: { $0.name == name }) else {
            throw LuaError("\(what): unknown measure '\(name)'" + didYouMean(name, measures) + "; measures are " + measures.joined(separator: ", "))
        }
        return m
    }

    static let chartKeys: [String: OptionType] = ["width": .number, "height": .number, "format": .string, "title": .string]

    /// Chart arguments: measure names, then an optional {width=, height=, format="text"|"svg", title=}.
    static func chartRequest(_ call: LuaCall, check: (String) throws -> Void) throws -> (names: [String], width: Int, height: Int, svg: Bool, title: String?) {
        var names: [String] = []
        var width = terminalWidth, height = 10, svg = false, title: String?
        for i in 1...max(1, call.count) where !call.isNoneOrNil(i) {
            if call.isTable(i) && i == call.count {
                let opts = try OptionTable(try call.table(i), chartKeys, what: "chart")
                if let w = try ScenarioSpec.whole(opts["width"], "chart: width") {
                    guard (20...1000).contains(w) else { throw LuaError("chart: width must be 20 to 1000, got \(w)") }
                    width = w
                }
                if let h = try ScenarioSpec.whole(opts["height"], "chart: height") {
                    guard (3...100).contains(h) else { throw LuaError("chart: height must be 3 to 100, got \(h)") }
                    height = h
                }
                switch try opts.string("format") {
                case nil, "text"?: break
                case "svg"?: svg = true
                case let f?: throw LuaError("chart: format is \"text\" or \"svg\", got '\(f)'" + didYouMean(f, ["text", "svg"]))
                }
                title = try opts.string("title")
                continue
            }
            let name = try call.string(i)
            try check(name)
            names.append(name)
        }
        return (names, width, height, svg, title)
    }

    static func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    static var terminalWidth: Int {
        if let c = env("COLUMNS"), let n = Int(c), n >= 20 { return min(n, 1000) }
        return 80
    }

    /// NO_COLOR asks for plain output; a locale that is not UTF-8 cannot show the block characters.
    static var ascii: Bool {
        if env("NO_COLOR").map({ !$0.isEmpty }) == true { return true }
        let locale = env("LC_ALL").flatMap { $0.isEmpty ? nil : $0 } ?? env("LC_CTYPE").flatMap { $0.isEmpty ? nil : $0 } ?? env("LANG") ?? ""
        let l = locale.lowercased()
        return !(l.contains("utf-8") || l.contains("utf8"))
    }

    static func draw(_ series: [ChartSeries], width: Int, height: Int, svg: Bool, title: String?) -> String {
        if svg { return series.map { SVGChart.line($0, width: max(120, width * 8), height: max(60, height * 16)) }.joined(separator: "\n") }
        return TerminalMultiChart.lines(series, width: width, height: height, ascii: ascii, title: title).trimmingTrailingNewline
    }

    static func daySeries(_ r: ScenarioResult, _ m: DayMeasure, name: String? = nil) -> ChartSeries {
        ChartSeries(name: name ?? m.name, unit: m.isCount ? "" : "%",
                    labels: (0..<r.scenario.days).map { r.scenario.start.adding(days: $0).iso }, values: r.series(m))
    }

    private static func makeType() -> LuaObjectType<ResultBox> {
        let t = LuaObjectType<ResultBox>("ScenarioResult", doc: "What a scenario's runs produced: r.days (a result set, one row per day), r:summary(), r:violations(), r:chart(measure, ...), r:save(path).")
        t.field("days", "one row per day: users by mode, Teams share, conversations by kind, missed, tickets, busiest building, utilisation, poor rate (mean of the runs; p10/p90 columns with several runs)") { box, call in
            ResultSetBinding.push(box.result.days, call.L)
            return 1
        }
        t.field("runs", "how many replications were run") { .integer(Int64($0.result.runs.count)) }
        t.field("outcomes", "the summary as a record (missed, tickets, peak_tickets, peak_tickets_day, days_over_capacity, window_days, violations, ...)") { box in
            .table(LuaTable(fields: box.result.summary.values.map { (.string($0.name), ResultSetBinding.luaValue($0.value)) }))
        }
        t.method("summary", "r:summary(): the outcomes that matter (total missed, peak tickets and their day, days over capacity, window length, violations), one row each") { box, call in
            ResultSetBinding.push(box.result.summary.table(title: "scenario \(box.result.scenario.name): summary"), call.L)
            return 1
        }
        t.method("violations", "r:violations(): where the plan breaks the guidance, naming the step and the date") { box, call in
            ResultSetBinding.push(box.result.violationTable, call.L)
            return 1
        }
        t.method("chart", "r:chart(measure, ... [, {width=, height=, format=\"svg\", title=}]): the measures day by day on one chart that fits the width (default $COLUMNS or 80); measures are the columns of r.days") { box, call in
            let req = try chartRequest(call) { _ = try measure($0, "chart") }
            let names = req.names.isEmpty ? ["missed"] : req.names
            let series = try names.map { daySeries(box.result, try measure($0, "chart")) }
            return call.results(.string(draw(series, width: req.width, height: req.height, svg: req.svg,
                                             title: req.title ?? "scenario \(box.result.scenario.name)")))
        }
        t.method("save", "r:save(path): .html writes one self-contained page (summary, violations, SVG charts, the days); .csv, .json, .md, .txt write the days") { box, call in
            let path = try call.string(1)
            let gate = FileGate.of(call.L)
            if ResultFiles.mode(forPath: path) == .html {
                try ResultFiles.write(ScenarioReport.html(box.result), to: path, gate: gate)
            } else {
                try ResultFiles.save(box.result.days, to: path, gate: gate)
            }
            return 0
        }
        t.describe(inState: { box, L in
            let r = box.result
            var text = ResultRenderer.render(r.summary.table(title: "scenario \(r.scenario.name): summary"), RenderSettings.current(L))
            if !r.violations.isEmpty { text += "\n" + ResultRenderer.render(r.violationTable, RenderSettings.current(L)) }
            return text.trimmingTrailingNewline
        })
        return t
    }

    private static func makeComparison() -> LuaObjectType<ComparisonBox> {
        let t = LuaObjectType<ComparisonBox>("Comparison", doc: "Scenarios side by side on common random numbers: c.table, c:chart(measure, ...).")
        t.field("table", "one row per outcome, one column per scenario") { box, call in
            ResultSetBinding.push(box.comparison.table, call.L)
            return 1
        }
        t.method("chart", "c:chart(measure [, {width=, height=, format=, title=}]): the measure of every scenario overlaid") { box, call in
            let req = try chartRequest(call) { _ = try measure($0, "chart") }
            let m = try measure(req.names.first ?? box.measure.name, "chart")
            return call.results(.string(draw(box.comparison.series(m), width: req.width, height: req.height, svg: req.svg,
                                             title: req.title ?? "\(m.name) by scenario")))
        }
        t.describe(inState: { box, L in
            ResultRenderer.render(box.comparison.table, RenderSettings.current(L))
                + "\n" + draw(box.comparison.series(box.measure), width: terminalWidth, height: 8, svg: false, title: "\(box.measure.name) by scenario")
        })
        return t
    }

    private static func makeSweep() -> LuaObjectType<SweepBox> {
        let t = LuaObjectType<SweepBox>("Sweep", doc: "One scenario across a parameter's values: w.table, w.sensitivity, w:chart(outcome).")
        t.field("table", "one row per value, one column per outcome") { box, call in
            ResultSetBinding.push(box.sweep.table, call.L)
            return 1
        }
        t.field("sensitivity", "how far each outcome moves across the values, largest first") { box, call in
            ResultSetBinding.push(box.sweep.sensitivity, call.L)
            return 1
        }
        t.method("chart", "w:chart([outcome]): the outcome (default: the sweep's) against the parameter's values, as bars") { box, call in
            let outcome = try call.optString(1) ?? box.outcome
            guard ScenarioSweep.outcomes.contains(outcome) else {
                throw call.error(1, "unknown outcome '\(outcome)'" + didYouMean(outcome, ScenarioSweep.outcomes))
            }
            return call.results(.string(TerminalChart.bars(box.sweep.series(outcome), width: max(10, terminalWidth - 30)).trimmingTrailingNewline))
        }
        t.describe(inState: { box, L in
            let settings = RenderSettings.current(L)
            return ResultRenderer.render(box.sweep.table, settings) + "\n" + ResultRenderer.render(box.sweep.sensitivity, settings)
                + "\n" + TerminalChart.bars(box.sweep.series(box.outcome), width: max(10, terminalWidth - 30)).trimmingTrailingNewline
        })
        return t
    }
}
