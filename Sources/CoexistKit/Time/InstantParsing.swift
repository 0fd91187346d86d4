extension Instant {
    /// Text that is no date. Names what was written, the spelling probably meant, and the forms accepted.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var text: String
        /// The spellings `text` was probably meant as ("today" for "tody", "+2w" for "+2 weeks").
        public var suggestions: [String]
        /// Why an ISO-looking date is not one ("2026-02 has 28 days").
        public var reason: String?

        public init(text: String, suggestions: [String] = [], reason: String? = nil) {
            self.text = text
            self.suggestions = suggestions
            self.reason = reason
        }

        public var description: String {
            var s = "bad date '\(text)'"
            if let reason { s += ": \(reason)" }
            if !suggestions.isEmpty { s += " (did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?)" }
            return s + " (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z], today, now, or an offset like -7d, +2w, -3m)"
        }
    }

    /// "2026-10-01T08:30:00.123456789+00:00" is 35 bytes.
    static let longestDateText = 64

    /// Parses "2026-10-01", "2026-10-01T08:30:00Z", "2026-10-01 08:30", and, when `reference` (now) is given,
    /// the relative dates of `RelativeDate` counted from it. With no reference only absolute dates are dates.
    public static func parse(_ raw: String, relativeTo reference: Instant?) throws -> Instant {
        let text = raw.trimmingSpaces
        // No date is written longer than this; searching a script's 16 MB string for suggestions took seconds
        // and the message repeated it whole (found by fuzzing the evaluator), so say its start and size.
        if text.utf8.count > longestDateText {
            throw ParseError(text: String(text.prefix(40)) + "... (\(text.utf8.count) bytes)", reason: "longer than any date")
        }
        if let reference, let relative = try RelativeDate.parse(text) { return try relative.resolve(from: reference) }
        if let d = parseAbsolute(text) { return d }
        throw ParseError(text: raw, suggestions: RelativeDate.suggestions(for: text) + absoluteSuggestions(text),
                         reason: impossibleDay(text))
    }

    /// "2026-1-5" and "2026/01/05" for "2026-01-05".
    private static func absoluteSuggestions(_ text: String) -> [String] {
        let parts = text.prefix { $0 != "T" && $0 != " " }.split(omittingEmptySubsequences: false) { "-/.".contains($0) }
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              Civil.isValid(year: y, month: m, day: d) else { return [] }
        let day = Day(year: y, month: m, day: d).iso
        return day == text ? [] : [day]
    }

    /// "2026-02 has 28 days" for 2026-02-30; nil unless the text is YYYY-MM-DD with a day past its month's end.
    private static func impossibleDay(_ text: String) -> String? {
        let b = Array(text.utf8.prefix(10))
        guard b.count == 10, b[4] == 45, b[7] == 45, let y = Int(text.prefix(4)),
              let m = Int(text.dropFirst(5).prefix(2)), let d = Int(text.dropFirst(8).prefix(2)), (1...12).contains(m) else { return nil }
        let count = Civil.daysIn(year: y, month: m)
        return d > count ? "\(Day.pad(y, 4))-\(Day.pad(m, 2)) has \(count) days" : nil
    }

    /// ISO 8601 as people write it: a date, or a date and time (T or a space between, seconds and fractions
    /// optional, Z optional: every time is UTC).
    public static func parseAbsolute(_ text: String) -> Instant? {
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
              Civil.isValid(year: y, month: mo, day: d) else { return nil }
        if bytes.count == 10 { return Instant(year: y, month: mo, day: d) }
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
        return Instant(year: y, month: mo, day: d, hour: h, minute: mi, second: sec)
    }
}
