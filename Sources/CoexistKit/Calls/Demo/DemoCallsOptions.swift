/// How big a demo tenant to generate.
public struct DemoCallsOptions: Sendable {
    public var users: Int
    public var days: Int
    /// About this many streams per user over the period (CQD-like tenants see 100-200 in 90 days).
    public var streamsPerUser: Int
    /// Stop at exactly this many streams (benchmarks); nil means `users * streamsPerUser`, roughly.
    public var exactStreams: Int?
    public var seed: UInt64

    public init(users: Int = DemoPeople.defaultUserCount, days: Int = 90, streamsPerUser: Int = 150,
                exactStreams: Int? = nil, seed: UInt64 = 0xC0E_C411) {
        self.users = max(users, 2)
        self.days = max(days, 1)
        self.streamsPerUser = streamsPerUser
        self.exactStreams = exactStreams
        self.seed = seed
    }

    /// The last day of the demo period is 2026-10-31, so a QER for October 2026 has a full month.
    public static let lastDay = (year: 2026, month: 10, day: 31)
}
