/// A calendar day (UTC): the one day type. Moves take effect on whole days, months and weeks are made of them,
/// and a day count is exact where seconds would invite off-by-a-timezone bugs. `Instant.day` and `Day.start`
/// convert between the two time types.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// No range check: 2026-02-30 is 2026-03-02. Use `init?(iso:)` or `Civil.isValid` for what a person typed.
    public init(year: Int, month: Int, day: Int) {
        daysSinceEpoch = Civil.days(year: year, month: month, day: day)
    }

    /// The day containing this instant (seconds since the Unix epoch, UTC).
    public init(epochSeconds: Double) {
        daysSinceEpoch = Int((epochSeconds / 86_400).rounded(.down))
    }

    /// Parses "YYYY-MM-DD" (a trailing time part such as "T09:00:00Z" is ignored); nil if malformed.
    public init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              Civil.isValid(year: y, month: m, day: d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var epochSeconds: Double { Double(daysSinceEpoch) * 86_400 }

    /// Midnight UTC, the first instant of the day.
    public var start: Instant { Instant(epochSeconds: epochSeconds) }

    /// Midday UTC: what a clock fixed to a day reads, so that "now" and "today" agree in every time zone.
    public var noon: Instant { Instant(epochSeconds: epochSeconds + 12 * 3600) }

    public var components: (year: Int, month: Int, day: Int) { Civil.date(days: daysSinceEpoch) }

    /// 1 = Sunday ... 7 = Saturday.
    public var weekday: Int { Civil.weekday(days: daysSinceEpoch) }

    public var iso: String {
        let c = components
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month, 2))-\(Self.pad(c.day, 2))"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}
