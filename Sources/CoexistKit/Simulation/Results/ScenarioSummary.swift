/// The outcomes of a scenario that matter to an upgrade team, from the mean of its runs.
public struct ScenarioSummary: Sendable, Equatable {
    public var totalMissed: Double
    public var totalNotPossible: Double
    public var totalConversations: Double
    public var threadsDisabled: Double
    public var totalTickets: Double
    public var peakTickets: Double
    public var peakTicketsDay: Day
    public var daysOverCapacity: Int
    public var peakUtilisation: Double
    public var peakPoorPct: Double
    /// Days from the first move to the last one (0 with fewer than two dated moves).
    public var windowDays: Int
    public var finalTeamsShare: Double
    public var meetingsNotMigrated: Double
    public var violations: Int

    init(_ r: ScenarioResult) {
        func total(_ m: DayMeasure) -> Double { r.series(m).reduce(0, +) }
        totalMissed = total(.missed)
        totalNotPossible = total(.notPossible)
        totalConversations = total(.conversations)
        threadsDisabled = total(.threadsDisabled)
        totalTickets = total(.tickets)
        let tickets = r.series(.tickets)
        let peak = tickets.indices.max { tickets[$0] < tickets[$1] } ?? 0
        peakTickets = tickets.isEmpty ? 0 : tickets[peak]
        peakTicketsDay = r.scenario.start.adding(days: peak)
        daysOverCapacity = r.series(.buildingsOverCapacity).filter { $0 > 0 }.count
        peakUtilisation = r.series(.utilisation).max() ?? 0
        peakPoorPct = r.series(.worstPoorPct).max() ?? 0
        windowDays = GuidanceCheck.window(r.plan)?.days ?? 0
        finalTeamsShare = r.series(.teamsShare).last ?? 0
        meetingsNotMigrated = total(.meetingsNotMigrated)
        violations = r.violations.count
    }

    /// Outcome names, in the order `r:summary()`, `compare` and `sweep` show them.
    public static let outcomes = ["missed", "not_possible", "threads_disabled", "tickets", "peak_tickets", "peak_tickets_day",
                                  "days_over_capacity", "peak_utilisation", "peak_poor_pct", "window_days",
                                  "final_teams_share", "meetings_not_migrated", "violations"]

    public var values: [(name: String, value: ResultValue)] {
        func d(_ x: Double) -> ResultValue { .double((x * 10).rounded() / 10) }
        return [("missed", d(totalMissed)), ("not_possible", d(totalNotPossible)), ("threads_disabled", d(threadsDisabled)),
                ("tickets", d(totalTickets)), ("peak_tickets", d(peakTickets)), ("peak_tickets_day", .string(peakTicketsDay.iso)),
                ("days_over_capacity", .int(daysOverCapacity)), ("peak_utilisation", d(peakUtilisation)),
                ("peak_poor_pct", d(peakPoorPct)), ("window_days", .int(windowDays)),
                ("final_teams_share", d(finalTeamsShare)), ("meetings_not_migrated", d(meetingsNotMigrated)),
                ("violations", .int(violations))]
    }

    public func table(title: String) -> ResultSet {
        ResultSet(columns: [Column("outcome", .string), Column("value", .string, alignment: .right)],
                  rows: values.map { [.string($0.name), .string(ValueFormatter.human($0.value, column: Column("v", $0.value.columnType, decimals: 1), nullValue: ""))] },
                  title: title)
    }
}

extension ResultValue {
    var columnType: ColumnType {
        switch self {
        case .int: .int
        case .double: .double
        case .bool: .bool
        case .date: .date
        default: .string
        }
    }
}
