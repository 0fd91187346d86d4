/// A calendar day (UTC) on the upgrade timeline. Moves take effect on whole days, so a day count is exact
/// where seconds would invite off-by-a-timezone bugs; the Lua layer converts its dates with `init(epochSeconds:)`.
public struct PlanDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// The day containing this instant (seconds since the Unix epoch, UTC).
    public init(epochSeconds: Double) {
        daysSinceEpoch = Int((epochSeconds / 86_400).rounded(.down))
    }

    /// Parses "YYYY-MM-DD" (a trailing time part such as "T09:00:00Z" is ignored); nil if malformed.
    public init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
        guard components == (y, m, d) else { return nil }
    }

    public var epochSeconds: Double { Double(daysSinceEpoch) * 86_400 }

    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var iso: String {
        let c = components
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var description: String { iso }

    public func adding(days: Int) -> PlanDay { PlanDay(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: PlanDay, b: PlanDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// Skype for Business Online was retired on this day; on the days after it only on-premises homing allows
    /// non-TeamsOnly modes (see `EffectiveMode`).
    public static let sfbOnlineRetirement = PlanDay(year: 2021, month: 7, day: 31)
}
