/// Dates said relative to now, as people type them at the prompt: "now", "today", "yesterday", "tomorrow",
/// and offsets "+2w", "-7d", "-3m", "+1y", "-12h" (a sign, a whole number, one unit letter). Hours move the
/// instant; days and weeks count from midnight of today; months and years move the calendar month and keep
/// the day of the month, or the month's last day when it is shorter (2026-01-31 + 1m is 2026-02-28).
/// Near misses ("tody", "+2 weeks", "7d", "+2W") are refused with the spelling meant, never guessed.
public enum RelativeDate: Equatable, Sendable {
    case now, today, yesterday, tomorrow
    case offset(Int, Unit)

    public enum Unit: Character, CaseIterable, Sendable {
        case hours = "h", days = "d", weeks = "w", months = "m", years = "y"

        /// The words people write for the unit, longest first for the suggestion.
        var words: [String] {
            switch self {
            case .hours: return ["hours", "hour", "hrs", "hr"]
            case .days: return ["days", "day"]
            case .weeks: return ["weeks", "week", "wks", "wk"]
            case .months: return ["months", "month", "mon", "mo"]
            case .years: return ["years", "year", "yrs", "yr"]
            }
        }
    }

    public static let keywords: [String: RelativeDate] = ["now": .now, "today": .today, "yesterday": .yesterday,
                                                         "tomorrow": .tomorrow]

    /// The relative date `text` spells (surrounding spaces and the keywords' case ignored); nil when it is not
    /// one. An offset too large for any date is a RangeError, not a nil: it was meant as an offset.
    public static func parse(_ text: String) throws -> RelativeDate? {
        let text = text.trimmingSpaces
        if let k = keywords[text.lowercased()] { return k }
        guard let sign = text.first, sign == "+" || sign == "-", let last = text.last,
              let unit = Unit(rawValue: last), text.count >= 3 else { return nil }
        let digits = text.dropFirst().dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // More than 10,000 years of hours cannot land in range; refusing here keeps every later sum exact.
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= 9, let n = Int(digits) else { throw Instant.RangeError(value: "'\(text)'") }
        return .offset(sign == "-" ? -n : n, unit)
    }

    /// The instant this names, counted from `now`; a RangeError when it falls outside 0000-01-01...9999-12-31.
    public func resolve(from now: Instant) throws -> Instant {
        func checked(_ s: Double) throws -> Instant { try Instant.checked(epochSeconds: s, value: "'\(spelling)'") }
        let midnight = now.startOfDay.epochSeconds
        switch self {
        case .now: return now
        case .today: return now.startOfDay
        case .yesterday: return try checked(midnight - 86_400)
        case .tomorrow: return try checked(midnight + 86_400)
        case .offset(let n, .hours): return try checked(now.epochSeconds + Double(n) * 3600)
        case .offset(let n, .days): return try checked(midnight + Double(n) * 86_400)
        case .offset(let n, .weeks): return try checked(midnight + Double(n) * 7 * 86_400)
        case .offset(let n, let unit):
            guard abs(n) <= 120_000 else { throw Instant.RangeError(value: "'\(spelling)'") }
            let c = now.components
            let (y, m0) = Civil.floorDivide(c.year * 12 + (c.month - 1) + (unit == .months ? n : 12 * n), 12)
            let m = m0 + 1
            return try checked(Instant(year: y, month: m, day: min(c.day, Civil.daysIn(year: y, month: m))).epochSeconds)
        }
    }

    /// How the grammar spells it: "today", "+2w", "-7d".
    public var spelling: String {
        switch self {
        case .now: return "now"
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .tomorrow: return "tomorrow"
        case .offset(let n, let unit): return (n < 0 ? "-" : "+") + "\(n.magnitude)\(unit.rawValue)"
        }
    }

    /// What a near miss meant: "tody" -> ["today"], "+2 weeks" -> ["+2w"], "7d" -> ["+7d", "-7d"], "+2W" -> ["+2w"].
    /// Empty when `text` is not close to anything in the grammar.
    public static func suggestions(for raw: String) -> [String] {
        let text = raw.trimmingSpaces
        let lower = text.lowercased()
        guard let first = lower.first else { return [] }
        if first.isLetter {
            guard let word = EditDistance.nearest(to: lower, in: keywords.keys.sorted()),
                  EditDistance.distance(lower, word) <= 2 else { return [] }
            return [word]
        }
        var rest = Substring(lower)
        var sign: Character?
        if let f = rest.first, f == "+" || f == "-" {
            sign = f
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return [] }
        let word = rest.dropFirst(digits.count).trimmingSpaces
        guard let unit = Unit.allCases.first(where: { $0.words.contains(word) || String($0.rawValue) == word }) else {
            return []
        }
        let n = digits.drop { $0 == "0" }.isEmpty ? "0" : String(digits.drop { $0 == "0" })
        if let sign { return ["\(sign)\(n)\(unit.rawValue)"] }
        // A bare "7d" is "+7d" or "-7d": which one is the writer's to say.
        return ["+\(n)\(unit.rawValue)", "-\(n)\(unit.rawValue)"]
    }
}
