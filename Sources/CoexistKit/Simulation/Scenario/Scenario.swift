/// A what-if plan: dated steps played forward day by day on a fork of the tenant, from `start` for `days`
/// days, with every random draw taken from `seed` (and the run's number). A value: running it never
/// changes it or the tenant.
public struct Scenario: Sendable, Equatable, Codable {
    public var name: String
    public var start: Day
    public var days: Int
    public var seed: UInt64
    public var steps: [ScenarioStep]
    public var parameters: SimulationParameters
    /// WAN capacity per building, Mbps; a building not named here has `wan_mbps`.
    public var wanMbps: [String: Double]

    public static let maxDays = 3650

    public init(name: String, start: Day, days: Int = 180, seed: UInt64 = 1, steps: [ScenarioStep] = [],
                parameters: SimulationParameters = SimulationParameters(), wanMbps: [String: Double] = [:]) {
        self.name = name
        self.start = start
        self.days = days
        self.seed = seed
        self.steps = steps
        self.parameters = parameters
        self.wanMbps = wanMbps
    }

    /// The last day the run covers.
    public var end: Day { start.adding(days: days - 1) }
    public func dayIndex(_ day: Day) -> Int { day.daysSinceEpoch - start.daysSinceEpoch }

    /// The same plan with one parameter changed (what `sweep{}` runs).
    public func with(_ parameter: String, _ value: Double) throws(ScenarioError) -> Scenario {
        var copy = self
        try copy.parameters.set(parameter, value)
        return copy
    }
}
