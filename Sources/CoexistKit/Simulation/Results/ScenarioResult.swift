/// What a scenario's runs produced: every replication's figures, the mean and the p10-p90 band of each
/// day's figure across them, the guidance the plan breaks, and the outcomes that matter.
public struct ScenarioResult: Sendable {
    public let plan: ScenarioPlan
    public let input: SimulationInput
    public let runs: [RunFigures]
    public private(set) var violations: [GuidanceViolation] = []

    public var scenario: Scenario { plan.scenario }

    init(plan: ScenarioPlan, input: SimulationInput, runs: [RunFigures]) {
        self.plan = plan
        self.input = input
        self.runs = runs
        violations = GuidanceCheck.all(self)
    }

    public func mean(_ m: DayMeasure, _ day: Int) -> Double {
        runs.reduce(0) { $0 + $1[m, day] } / Double(max(1, runs.count))
    }

    public func series(_ m: DayMeasure) -> [Double] { (0..<scenario.days).map { mean(m, $0) } }

    /// The p-th percentile (0-100) across runs of a day's figure, interpolated between neighbours.
    public func percentile(_ m: DayMeasure, _ day: Int, _ p: Double) -> Double {
        let sorted = runs.map { $0[m, day] }.sorted()
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let x = p / 100 * Double(sorted.count - 1)
        let lo = Int(x), hi = min(sorted.count - 1, lo + 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - Double(lo))
    }

    /// Mean utilisation (0-1) of building `b` on `day` across runs.
    public func utilisation(_ b: Int, _ day: Int) -> Double {
        runs.reduce(0) { $0 + $1.utilisation[b][day] } / Double(max(1, runs.count))
    }

    public func busiest(_ day: Int) -> Int {
        var best = 0
        for b in input.buildingNames.indices where utilisation(b, day) > utilisation(best, day) { best = b }
        return best
    }

    /// Figures with a p10-p90 band in the per-day result set when there is more than one run.
    public static let banded: [DayMeasure] = [.teamsShare, .missed, .tickets, .utilisation, .poorPct]

    /// One row per day: the mean of each figure, the busiest building, and for several runs the p10 and p90 of
    /// the figures that matter most.
    public var days: ResultSet {
        let band = runs.count > 1
        let columns = Self.dayColumns(banded: band)
        var rows: [[ResultValue]] = []
        rows.reserveCapacity(scenario.days)
        for d in 0..<scenario.days {
            var row: [ResultValue] = [.string(scenario.start.adding(days: d).iso)]
            for m in DayMeasure.allCases {
                if m == .utilisation { row.append(input.buildingNames.isEmpty ? .null : .string(input.buildingNames[busiest(d)])) }
                let v = mean(m, d)
                row.append(m.isCount && m.rawValue < DayMeasure.conversations.rawValue ? .int(Int(v.rounded())) : .double(v))
            }
            if band {
                for m in Self.banded { row += [.double(percentile(m, d, 10)), .double(percentile(m, d, 90))] }
            }
            rows.append(row)
        }
        return ResultSet(columns: columns, rows: rows, title: Self.daysTitle(scenario, runs: runs.count))
    }

    public var summary: ScenarioSummary { ScenarioSummary(self) }

    /// The columns of `days`: with the p10/p90 band when there is more than one run. A workspace's
    /// `scenario_days` table has every one of them.
    public static func dayColumns(banded: Bool) -> [Column] {
        var columns = [Column("date", .string)]
        for m in DayMeasure.allCases {
            if m == .utilisation { columns.append(Column("busiest_building", .string)) }
            columns.append(Column(m.name, m.isCount && m.rawValue < DayMeasure.conversations.rawValue ? .int : .double,
                                  decimals: m.isCount && m.rawValue < DayMeasure.conversations.rawValue ? nil : 1))
        }
        if banded {
            for m in Self.banded {
                columns.append(Column(m.name + "_p10", .double, decimals: 1))
                columns.append(Column(m.name + "_p90", .double, decimals: 1))
            }
        }
        return columns
    }

    /// The title `days` has, which a stored result keeps too.
    static func daysTitle(_ s: Scenario, runs: Int) -> String {
        "scenario \(s.name): \(s.days) days from \(s.start.iso), \(runs) run(s)"
    }

    public var violationTable: ResultSet { GuidanceViolation.table(violations, title: "guidance: scenario \(scenario.name)") }
}
