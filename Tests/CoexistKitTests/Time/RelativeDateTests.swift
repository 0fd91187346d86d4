import Testing
@testable import CoexistKit

/// The relative-date grammar, table by table: every unit with both signs, the keywords, near misses refused
/// with the spelling meant, and offsets past the calendar's range refused, never clamped.
@Suite struct RelativeDateTests {
    /// A Saturday afternoon, so hours cross midnight and weeks are not aligned on Mondays.
    static let now = Instant(year: 2026, month: 11, day: 21, hour: 14)

    static func resolve(_ text: String, from now: Instant = now) throws -> String {
        try Instant.parse(text, relativeTo: now).iso
    }

    @Test(arguments: [
        ("now", "2026-11-21T14:00:00Z"), ("today", "2026-11-21"), ("yesterday", "2026-11-20"), ("tomorrow", "2026-11-22"),
        (" Today ", "2026-11-21"), ("NOW", "2026-11-21T14:00:00Z"),
        ("+3h", "2026-11-21T17:00:00Z"), ("-15h", "2026-11-20T23:00:00Z"), ("+10h", "2026-11-22"),
        ("+0d", "2026-11-21"), ("-0d", "2026-11-21"), ("-7d", "2026-11-14"), ("+7d", "2026-11-28"), ("+11d", "2026-12-02"),
        ("+2w", "2026-12-05"), ("-2w", "2026-11-07"), ("+1m", "2026-12-21"), ("-1m", "2026-10-21"), ("+2m", "2027-01-21"),
        ("-11m", "2025-12-21"), ("-3m", "2026-08-21"), ("-12h", "2026-11-21T02:00:00Z"), ("+1y", "2027-11-21"), ("-1y", "2025-11-21"), ("+007d", "2026-11-28"),
    ])
    func everyUnitAndSignCountsFromNow(_ text: String, _ iso: String) throws {
        #expect(try Self.resolve(text) == iso)
    }

    /// Months and years keep the day of the month, or the shorter month's last day (the calendar's rule, not
    /// clamping of an out-of-range value).
    @Test(arguments: [
        ("2026-01-31", "+1m", "2026-02-28"), ("2024-01-31", "+1m", "2024-02-29"), ("2026-03-31", "-1m", "2026-02-28"),
        ("2024-02-29", "+1y", "2025-02-28"), ("2024-02-29", "+4y", "2028-02-29"), ("2026-12-15", "+1m", "2027-01-15"),
        ("2026-01-15", "-1m", "2025-12-15"),
    ])
    func monthsKeepTheDayOrTheMonthsEnd(_ from: String, _ text: String, _ iso: String) throws {
        #expect(try Self.resolve(text, from: try Instant.parse(from, relativeTo: nil)) == iso)
    }

    @Test(arguments: [
        ("tody", ["today"]), ("yesterdy", ["yesterday"]), ("tomorow", ["tomorrow"]), ("nwo", ["now"]),
        ("+2 weeks", ["+2w"]), ("-7days", ["-7d"]), ("+3 months", ["+3m"]), ("-1year", ["-1y"]), ("+12hours", ["+12h"]),
        ("+2 w", ["+2w"]), ("+2W", ["+2w"]), ("-3M", ["-3m"]), ("+1wk", ["+1w"]), ("7d", ["+7d", "-7d"]),
        ("2 weeks", ["+2w", "-2w"]), ("2026/10/01", ["2026-10-01"]), ("2026-1-5", ["2026-01-05"]),
    ])
    func nearMissesAreRefusedWithTheSpellingMeant(_ text: String, _ meant: [String]) {
        do {
            let d = try Instant.parse(text, relativeTo: Self.now)
            Issue.record("'\(text)' was accepted as \(d.iso)")
        } catch let e as Instant.ParseError {
            #expect(e.suggestions == meant)
            #expect(e.description.contains("did you mean '\(meant[0])'"))
        } catch {
            Issue.record("'\(text)': \(error)")
        }
    }

    @Test(arguments: ["someday", "+2x", "+d", "+1.5d", "+-2d", "2026-10", "", "d7+"])
    func whatIsNothingLikeADateIsRefusedWithoutAGuess(_ text: String) {
        #expect(throws: Instant.ParseError.self) { try Instant.parse(text, relativeTo: Self.now) }
        #expect(RelativeDate.suggestions(for: text).isEmpty)
    }

    @Test func anImpossibleDaySaysWhy() {
        do {
            _ = try Instant.parse("2026-02-30", relativeTo: Self.now)
            Issue.record("2026-02-30 accepted")
        } catch let e as Instant.ParseError {
            #expect(e.reason == "2026-02 has 28 days")
        } catch { Issue.record("\(error)") }
    }

    /// From 2026-11, 24,322 months back is 0000-01, the first month there is; one more is out of range.
    @Test(arguments: [
        "+9000000000000000000w", "+99999999999d", "+3000000d", "-3000000d", "+8000y", "-2027y", "+120001m",
        "-24323m", "+100000000h",
    ])
    func offsetsPastTheCalendarAreRefusedNeverClamped(_ text: String) {
        #expect(throws: Instant.RangeError.self) { try Instant.parse(text, relativeTo: Self.now) }
    }

    @Test func theCalendarsEdgesAreReachable() throws {
        #expect(try Self.resolve("-24322m") == "0000-01-21")
        #expect(try Self.resolve("+7973y") == "9999-11-21")
    }

    @Test func theGrammarSpellsWhatItParsed() throws {
        for text in ["now", "today", "yesterday", "tomorrow", "+2w", "-7d", "+3h", "-1m", "+1y"] {
            #expect(try RelativeDate.parse(text)?.spelling == text)
        }
        #expect(try RelativeDate.parse("2026-10-01") == nil)
    }

    /// Without a now (what COEXIST_NOW itself is parsed with) only absolute dates are dates.
    @Test func withNoNowRelativeDatesAreRefused() {
        #expect(throws: Instant.ParseError.self) { try Instant.parse("today", relativeTo: nil) }
        #expect(throws: Instant.ParseError.self) { try Instant.parse("+2w", relativeTo: nil) }
    }
}
