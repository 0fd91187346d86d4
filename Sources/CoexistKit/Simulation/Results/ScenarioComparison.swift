/// Several scenarios side by side. They are run on common random numbers (the first one's seed and the
/// same number of runs, and draws keyed by user and day), so a difference between two plans is the plans',
/// not the dice's.
public struct ScenarioComparison: Sendable {
    public let results: [ScenarioResult]

    public static func run(_ scenarios: [Scenario], on workspace: Workspace, runs: Int) throws(ScenarioError) -> ScenarioComparison {
        guard let first = scenarios.first else { throw .invalid(field: "compare", message: "give at least one scenario") }
        var results: [ScenarioResult] = []
        for var s in scenarios {
            s.seed = first.seed
            results.append(try ScenarioRun.run(s, on: workspace, runs: runs))
        }
        return ScenarioComparison(results: results)
    }

    public init(results: [ScenarioResult]) { self.results = results }

    /// One row per outcome, one column per scenario.
    public var table: ResultSet {
        let names = Self.uniqueNames(results.map(\.scenario.name))
        let summaries = results.map(\.summary.values)
        var rows: [[ResultValue]] = []
        for (i, outcome) in ScenarioSummary.outcomes.enumerated() {
            rows.append([.string(outcome)] + summaries.map { $0[i].value })
        }
        let columns = [Column("outcome", .string)] + names.map { Column($0, .string, alignment: .right) }
        return ResultSet(columns: columns, rows: rows.map { row in
            [row[0]] + row.dropFirst().map { v in .string(ValueFormatter.human(v, column: Column("v", v.columnType, decimals: 1), nullValue: "")) }
        }, title: "compare " + names.joined(separator: ", ") + " (seed \(results.first?.scenario.seed ?? 0), \(results.first?.runs.count ?? 0) run(s) each)")
    }

    /// One series per scenario for a day figure.
    public func series(_ m: DayMeasure) -> [ChartSeries] {
        let names = Self.uniqueNames(results.map(\.scenario.name))
        return zip(names, results).map { name, r in
            ChartSeries(name: name, labels: (0..<r.scenario.days).map { r.scenario.start.adding(days: $0).iso }, values: r.series(m))
        }
    }

    /// Two scenarios of one name are told apart by their position.
    static func uniqueNames(_ names: [String]) -> [String] {
        names.enumerated().map { i, n in names.filter { $0 == n }.count > 1 ? "\(n) (\(i + 1))" : n }
    }
}
