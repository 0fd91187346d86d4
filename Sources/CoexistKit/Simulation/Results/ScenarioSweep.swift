/// One scenario across several values of one parameter, on common random numbers, so users see which
/// assumption their plan hangs on: each outcome per value, and how far it moves from the first value.
public struct ScenarioSweep: Sendable {
    public let parameter: String
    public let values: [Double]
    public let results: [ScenarioResult]

    public static func run(_ scenario: Scenario, parameter: String, values: [Double], on workspace: Workspace,
                           runs: Int) throws(ScenarioError) -> ScenarioSweep {
        guard !values.isEmpty else { throw .invalid(field: "values", message: "give at least one value") }
        var results: [ScenarioResult] = []
        for v in values { results.append(try ScenarioRun.run(try scenario.with(parameter, v), on: workspace, runs: runs)) }
        return ScenarioSweep(parameter: parameter, values: values, results: results)
    }

    init(parameter: String, values: [Double], results: [ScenarioResult]) {
        self.parameter = parameter
        self.values = values
        self.results = results
    }

    /// The numeric outcomes of the summary (the date of the ticket peak is left out).
    public static let outcomes = ScenarioSummary.outcomes.filter { $0 != "peak_tickets_day" }

    public func outcome(_ name: String, _ i: Int) -> Double {
        switch results[i].summary.values.first(where: { $0.name == name })!.value {
        case .int(let n): Double(n)
        case .double(let d): d
        default: 0
        }
    }

    /// The sensitivity table: one row per value, one column per outcome.
    public var table: ResultSet {
        let columns = [Column(parameter, .double)] + Self.outcomes.map { Column($0, .double, decimals: 1) }
        let rows = values.indices.map { i in [.double(values[i])] + Self.outcomes.map { ResultValue.double(outcome($0, i)) } }
        return ResultSet(columns: columns, rows: rows,
                         title: "sweep \(parameter) over \(values.count) value(s): scenario \(results.first?.scenario.name ?? "")")
    }

    /// How much each outcome moves across the values (highest minus lowest), largest first: what the plan hangs on.
    public var sensitivity: ResultSet {
        let rows: [[ResultValue]] = Self.outcomes.map { name in
            let xs = values.indices.map { outcome(name, $0) }
            return [.string(name), .double(xs.min() ?? 0), .double(xs.max() ?? 0), .double((xs.max() ?? 0) - (xs.min() ?? 0))]
        }.sorted { a, b in
            if case .double(let x) = a[3], case .double(let y) = b[3] { return x > y }
            return false
        }
        return ResultSet(columns: [Column("outcome", .string), Column("lowest", .double, decimals: 1),
                                   Column("highest", .double, decimals: 1), Column("range", .double, decimals: 1)],
                         rows: rows, title: "sensitivity to \(parameter)")
    }

    /// One outcome against the parameter's values.
    public func series(_ outcome: String) -> ChartSeries {
        ChartSeries(name: "\(outcome) by \(parameter)", labels: values.map { ValueFormatter.short($0, unit: "") },
                    values: values.indices.map { self.outcome(outcome, $0) })
    }
}
