import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A point in time (UTC, whole seconds or finer) as scripts see it: `date("2026-10-01")`, `d.year`,
/// `d + 7` (days), `d2 - d1` (days), comparisons, and `tostring(d)` in ISO 8601.
public struct LuaDate: Equatable, Comparable, Hashable, Sendable {
    public var epochSeconds: Double

    public init(epochSeconds: Double) { self.epochSeconds = epochSeconds }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        let days = LuaDate.daysFromCivil(year: year, month: month, day: day)
        epochSeconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second
    }

    public static func < (a: LuaDate, b: LuaDate) -> Bool { a.epochSeconds < b.epochSeconds }

    /// The tenant's own "now" when it lives on a fixed date (the demo does), so "-7d" means its last week.
    nonisolated(unsafe) public static var tenantNow: LuaDate?

    /// "Now": `COEXIST_NOW` when set (reproducible tests and training), else the tenant's fixed date, else the clock.
    public static func now() -> LuaDate {
        if let fixed = getenv("COEXIST_NOW").map({ String(cString: $0) }), let d = try? parse(fixed, relativeTo: nil) {
            return d
        }
        if let tenantNow { return tenantNow }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return LuaDate(epochSeconds: Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
    }

    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let total = Int(epochSeconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : -((-total + 86_399) / 86_400)
        let rest = total - days * 86_400
        let (y, m, d) = LuaDate.civilFromDays(days)
        // 1970-01-01 was a Thursday; weekday 1 = Sunday as in os.date("*t").
        let weekday = ((days % 7) + 7 + 4) % 7 + 1
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60, weekday)
    }

    /// Midnight UTC of the same day.
    public var startOfDay: LuaDate {
        LuaDate(epochSeconds: (epochSeconds / 86_400).rounded(.down) * 86_400)
    }

    public func adding(days: Double) -> LuaDate { LuaDate(epochSeconds: epochSeconds + days * 86_400) }

    /// ISO 8601: the date alone when the time is midnight, else date and time with Z.
    public var iso: String {
        let c = components
        let date = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
        if c.hour == 0 && c.minute == 0 && c.second == 0 { return date }
        return date + "T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        PlanDay(year: year, month: month, day: day).daysSinceEpoch
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let c = PlanDay(daysSinceEpoch: days).components
        return (c.year, c.month, c.day)
    }
}

extension LuaDate {
    /// The dates a script can make: years 0000 to 9999, what ISO 8601's four-digit years (and so `tostring(d)`)
    /// can show. A number outside, NaN or an infinity is refused with its value named, before any conversion
    /// to Int could trap, and never clamped.
    public static let earliestSeconds = -62_167_219_200.0 // 0000-01-01T00:00:00Z
    public static let endSeconds = 253_402_300_800.0 // 10000-01-01T00:00:00Z, the first instant out of range

    public struct RangeError: Error, CustomStringConvertible, Sendable {
        public var value: String
        public var description: String {
            "date out of range: \(value) (dates run from 0000-01-01 to 9999-12-31; a number is seconds since "
                + "1970-01-01 UTC, as os.time() gives)"
        }
    }

    /// A date from seconds since the epoch, or a RangeError naming `value` (what the script wrote).
    public static func checked(epochSeconds s: Double, value: @autoclosure () -> String) throws -> LuaDate {
        guard s.isFinite, s >= earliestSeconds, s < endSeconds else { throw RangeError(value: value()) }
        return LuaDate(epochSeconds: s)
    }

    /// `d + days`, refused when it leaves the range (or days is NaN).
    public func checkedAdding(days: Double) throws -> LuaDate {
        try LuaDate.checked(epochSeconds: epochSeconds + days * 86_400, value: "\(iso) + \(days) days")
    }

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var text: String
        public var description: String {
            "bad date '\(text)' (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z], today, now, or an offset like -7d, +2w, -3m)"
        }
    }

    /// Parses "2026-10-01", "2026-10-01T08:30:00Z", "2026-10-01 08:30", "today", "now", and offsets from
    /// now: "-7d", "+2w", "-3m" (months), "-1y", "-12h".
    public static func parse(_ raw: String, relativeTo reference: LuaDate? = LuaDate.now()) throws -> LuaDate {
        let text = raw.trimmingSpaces
        if let reference {
            switch text.lowercased() {
            case "now": return reference
            case "today": return reference.startOfDay
            case "yesterday": return reference.startOfDay.adding(days: -1)
            case "tomorrow": return reference.startOfDay.adding(days: 1)
            default: break
            }
            if let offset = try parseOffset(text, from: reference) { return offset }
        }
        guard let d = parseAbsolute(text) else { throw ParseError(text: raw) }
        return d
    }

    private static func parseOffset(_ text: String, from reference: LuaDate) throws -> LuaDate? {
        guard let sign = text.first, sign == "-" || sign == "+", let unit = text.last else { return nil }
        guard let n = Int(text.dropFirst().dropLast()), n >= 0 else { return nil }
        let k = sign == "-" ? -n : n
        // In Double, so "+9000000000000000000w" is out of range rather than an Int overflow.
        let value = Double(k)
        func checked(_ s: Double) throws -> LuaDate { try LuaDate.checked(epochSeconds: s, value: "'\(text)'") }
        switch unit {
        case "h": return try checked(reference.epochSeconds + value * 3600)
        case "d": return try checked(reference.startOfDay.epochSeconds + value * 86_400)
        case "w": return try checked(reference.startOfDay.epochSeconds + value * 7 * 86_400)
        case "m", "y":
            let c = reference.components
            // More than 10,000 years of months cannot land in range; refusing first keeps the Int sums exact.
            guard n <= 120_000 else { throw RangeError(value: "'\(text)'") }
            let months = c.year * 12 + (c.month - 1) + (unit == "m" ? k : 12 * k)
            let y = months >= 0 ? months / 12 : (months - 11) / 12
            let m = months - y * 12 + 1
            let lastDay = LuaDate.daysFromCivil(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1)
                - LuaDate.daysFromCivil(year: y, month: m, day: 1)
            let d = LuaDate(year: y, month: m, day: min(c.day, lastDay))
            return try checked(d.epochSeconds)
        default: return nil
        }
    }

    private static func parseAbsolute(_ text: String) -> LuaDate? {
        let bytes = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var v = 0
            for b in bytes[from..<from + count] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= 31 else { return nil }
        let monthDays = LuaDate.daysFromCivil(year: mo == 12 ? y + 1 : y, month: mo == 12 ? 1 : mo + 1, day: 1)
            - LuaDate.daysFromCivil(year: y, month: mo, day: 1)
        guard d <= monthDays else { return nil }
        if bytes.count == 10 { return LuaDate(year: y, month: mo, day: d) }
        guard bytes[10] == 84 || bytes[10] == 32, let h = num(11, 2), bytes.count >= 16, bytes[13] == 58,
              let mi = num(14, 2), h < 24, mi < 60 else { return nil }
        var i = 16
        var sec = 0.0
        if i < bytes.count && bytes[i] == 58 {
            guard let s = num(17, 2), s < 61 else { return nil }
            sec = Double(s)
            i = 19
            if i < bytes.count && bytes[i] == 46 {
                var scale = 0.1
                i += 1
                while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 {
                    sec += Double(bytes[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        if i < bytes.count && (bytes[i] == 90 || bytes[i] == 122) { i += 1 }
        guard i == bytes.count else { return nil }
        return LuaDate(year: y, month: mo, day: d, hour: h, minute: mi, second: sec)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
