/// One replication's figures: each measure for each day, and what guidance checks and the page need
/// per building and per cohort.
public struct RunFigures: Sendable, Equatable {
    public let days: Int
    /// [day * measures + measure]
    public internal(set) var values: [Double]
    /// Busiest building (by utilisation) per day, an index into `SimulationInput.buildingNames`.
    public internal(set) var busiest: [Int]
    /// [building][day]: busy-hour utilisation (0-1) and projected poor rate (percent).
    public internal(set) var utilisation: [[Double]]
    public internal(set) var poorPct: [[Double]]
    /// [cohort][day]: conversations to the cohort's users while others see them in Islands, and those missed.
    public internal(set) var islandsReceived: [[Double]]
    public internal(set) var islandsMissed: [[Double]]
    /// [cohort][day]: the cohort's users running Teams that day (what a backtest compares with the records).
    public internal(set) var cohortTeams: [[Double]]

    init(days: Int, buildings: Int, cohorts: Int) {
        self.days = days
        values = [Double](repeating: 0, count: days * DayMeasure.allCases.count)
        busiest = [Int](repeating: 0, count: days)
        utilisation = Array(repeating: [Double](repeating: 0, count: days), count: buildings)
        poorPct = utilisation
        islandsReceived = Array(repeating: [Double](repeating: 0, count: days), count: cohorts)
        islandsMissed = islandsReceived
        cohortTeams = islandsReceived
    }

    public subscript(_ measure: DayMeasure, _ day: Int) -> Double {
        get { values[day * DayMeasure.allCases.count + measure.rawValue] }
        set { values[day * DayMeasure.allCases.count + measure.rawValue] = newValue }
    }

    public func series(_ measure: DayMeasure) -> [Double] { (0..<days).map { self[measure, $0] } }
}
