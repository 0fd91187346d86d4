/// A point in time (UTC, seconds since 1970-01-01, fractions allowed): the one instant type. Scripts see it
/// as a `date` (`d.year`, `d + 7`, `tostring(d)` in ISO 8601); a change's "when" and a clock's "now" are one.
public struct Instant: Equatable, Comparable, Hashable, Sendable, Codable {
    public var epochSeconds: Double

    public init(epochSeconds: Double) { self.epochSeconds = epochSeconds }

    /// No range check on the fields (see `Civil.isValid`).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        let days = Civil.days(year: year, month: month, day: day)
        epochSeconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.epochSeconds < b.epochSeconds }

    /// The calendar day this instant falls on (UTC).
    public var day: Day { Day(epochSeconds: epochSeconds) }

    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let (days, rest) = Civil.floorDivide(Int(epochSeconds.rounded(.down)), 86_400)
        let (y, m, d) = Civil.date(days: days)
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60, Civil.weekday(days: days))
    }

    /// Midnight UTC of the same day.
    public var startOfDay: Instant {
        Instant(epochSeconds: (epochSeconds / 86_400).rounded(.down) * 86_400)
    }

    public func adding(days: Double) -> Instant { Instant(epochSeconds: epochSeconds + days * 86_400) }

    /// ISO 8601: the date alone when the time is midnight, else date and time with Z.
    public var iso: String {
        let c = components
        let date = "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
        if c.hour == 0 && c.minute == 0 && c.second == 0 { return date }
        return date + "T\(Day.pad(c.hour, 2)):\(Day.pad(c.minute, 2)):\(Day.pad(c.second, 2))Z"
    }
}

extension Instant {
    /// The instants a script can make: years 0000 to 9999, what ISO 8601's four-digit years (and so `tostring(d)`)
    /// can show. A number outside, NaN or an infinity is refused with its value named, before any conversion
    /// to Int could trap, and never clamped.
    public static let earliestSeconds = -62_167_219_200.0 // 0000-01-01T00:00:00Z
    public static let endSeconds = 253_402_300_800.0 // 10000-01-01T00:00:00Z, the first instant out of range

    public struct RangeError: Error, CustomStringConvertible, Sendable {
        public var value: String
        public init(value: String) { self.value = value }
        public var description: String {
            "date out of range: \(value) (dates run from 0000-01-01 to 9999-12-31; a number is seconds since "
                + "1970-01-01 UTC, as os.time() gives)"
        }
    }

    /// An instant from seconds since the epoch, or a RangeError naming `value` (what the script wrote).
    public static func checked(epochSeconds s: Double, value: @autoclosure () -> String) throws -> Instant {
        guard s.isFinite, s >= earliestSeconds, s < endSeconds else { throw RangeError(value: value()) }
        return Instant(epochSeconds: s)
    }

    /// `d + days`, refused when it leaves the range (or days is NaN).
    public func checkedAdding(days: Double) throws -> Instant {
        try Instant.checked(epochSeconds: epochSeconds + days * 86_400, value: "\(iso) + \(days) days")
    }
}
