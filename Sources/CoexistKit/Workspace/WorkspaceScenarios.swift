/// A scenario the workspace keeps (issue 17 item 5): its definition, and what its last run showed. The result
/// is kept as the rows `r.days`, `r:summary()` and `r:violations()` gave, not recomputed on open: a run depends on
/// the tenant as it stood, and opening must show what the team saw.
public struct StoredScenario: Sendable, Equatable {
    public var scenario: Scenario
    public var result: StoredScenarioResult?

    public init(scenario: Scenario, result: StoredScenarioResult? = nil) {
        self.scenario = scenario
        self.result = result
    }
}

public struct StoredScenarioResult: Sendable, Equatable {
    public struct Outcome: Sendable, Equatable {
        public var name: String
        public var value: ResultValue
    }

    public var runs: Int
    /// `r.days` as it was: one row per day.
    public var days: ResultSet
    /// `r.outcomes`, in `r:summary()`'s order.
    public var outcomes: [Outcome]
    /// `r:violations()`.
    public var violations: ResultSet

    public init(_ r: ScenarioResult) {
        runs = r.runs.count
        days = r.days
        outcomes = r.summary.values.map { Outcome(name: $0.name, value: $0.value) }
        violations = r.violationTable
    }

    init(runs: Int, days: ResultSet, outcomes: [Outcome], violations: ResultSet) {
        self.runs = runs
        self.days = days
        self.outcomes = outcomes
        self.violations = violations
    }

    public func outcome(_ name: String) -> ResultValue? { outcomes.first { $0.name == name }?.value }
}

extension Workspace {
    /// Keeps `scenario` by its name (a scenario of the same name is replaced, and its old result dropped), in
    /// memory and, while a workspace file is open, in the file. A failure to write leaves memory as it was.
    public func keepScenario(_ scenario: Scenario) throws {
        var next = scenarios
        let kept = StoredScenario(scenario: scenario)
        if let i = next.firstIndex(where: { $0.scenario.name == scenario.name }) {
            // The same definition again (a script run twice) keeps the result it has.
            if next[i].scenario == scenario { return }
            next[i] = kept
        } else {
            next.append(kept)
        }
        try file?.writeScenarios(next)
        scenarios = next
    }

    /// Keeps a run's result with its scenario (kept first if it was not).
    public func keepScenarioResult(_ result: ScenarioResult) throws {
        var next = scenarios
        let kept = StoredScenario(scenario: result.scenario, result: StoredScenarioResult(result))
        if let i = next.firstIndex(where: { $0.scenario.name == result.scenario.name }) { next[i] = kept } else { next.append(kept) }
        try file?.writeScenarios(next)
        scenarios = next
    }

    /// The scenario kept under `name`, if any.
    public func storedScenario(_ name: String) -> StoredScenario? {
        scenarios.first { $0.scenario.name == name }
    }

    /// `scenarios()`: one row per kept scenario, with the outcomes of its last run (empty when never run).
    public func scenarioTable() -> ResultSet {
        var columns = [Column("name", .string), Column("start", .string), Column("days", .int), Column("seed", .int),
                       Column("steps", .int), Column("runs", .int)]
        columns += ["missed", "tickets", "peak_tickets", "window_days", "violations"].map { Column($0, .double, decimals: 1) }
        let rows: [[ResultValue]] = scenarios.map { s in
            let r = s.result
            let outcomes: [ResultValue] = ["missed", "tickets", "peak_tickets", "window_days", "violations"].map { name in
                switch r?.outcome(name) {
                case .int(let n)?: .double(Double(n))
                case let v?: v
                case nil: .null
                }
            }
            return [.string(s.scenario.name), .string(s.scenario.start.iso), .int(s.scenario.days),
                    .int(Int(truncatingIfNeeded: s.scenario.seed)), .int(s.scenario.steps.count), r.map { .int($0.runs) } ?? .null] + outcomes
        }
        return ResultSet(columns: columns, rows: rows, title: "scenarios kept in the workspace")
    }
}
