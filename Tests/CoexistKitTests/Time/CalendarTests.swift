import Testing
@testable import CoexistKit

/// The one civil-date arithmetic (`Civil`) against a calendar counted day by day, and the day and month types on it.
@Suite struct CalendarTests {
    /// Walks every day from 0000-01-01 to 9999-12-31 by the rules a person uses (months of 28 to 31 days, leap
    /// years every 4 except centuries not divisible by 400) and checks both directions of the arithmetic.
    @Test func everyDayOfTenThousandYearsRoundTrips() {
        var (y, m, d) = (0, 1, 1)
        var n = Civil.days(year: 0, month: 1, day: 1)
        #expect(n == -719_528)
        var mismatches = 0
        while y <= 9999 {
            if Civil.days(year: y, month: m, day: d) != n { mismatches += 1 }
            let back = Civil.date(days: n)
            if back.year != y || back.month != m || back.day != d { mismatches += 1 }
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
            let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            d += 1
            if d > length { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            n += 1
        }
        #expect(mismatches == 0)
        #expect(n == Civil.days(year: 10_000, month: 1, day: 1))
    }

    @Test(arguments: [
        (1970, 1, 1, 0, 5), (1969, 12, 31, -1, 4), (2000, 2, 29, 11_016, 3), (2026, 11, 1, 20_758, 1),
        (2026, 11, 7, 20_764, 7), (2021, 7, 31, 18_839, 7),
    ])
    func knownDays(_ y: Int, _ m: Int, _ d: Int, _ days: Int, _ weekday: Int) {
        let day = Day(year: y, month: m, day: d)
        #expect(day.daysSinceEpoch == days)
        #expect(day.weekday == weekday)
        #expect(Instant(year: y, month: m, day: d, hour: 9).components.weekday == weekday)
    }

    @Test func mondaysStartWeeksOnEitherSideOfTheEpoch() {
        // 1970-01-01 was a Thursday: its week began on Monday 1969-12-29.
        #expect(Civil.monday(onOrBefore: 0) == Day(year: 1969, month: 12, day: 29).daysSinceEpoch)
        let monday = Day(year: 2026, month: 11, day: 2).daysSinceEpoch
        for offset in 0..<7 { #expect(Civil.monday(onOrBefore: monday + offset) == monday) }
        #expect(Civil.monday(onOrBefore: monday - 1) == monday - 7)
    }

    @Test func monthLengthsFollowTheLeapRules() {
        #expect(CalendarMonth(year: 2024, month: 2)!.dayCount == 29)
        #expect(CalendarMonth(year: 1900, month: 2)!.dayCount == 28)
        #expect(CalendarMonth(year: 2000, month: 2)!.dayCount == 29)
        #expect(CalendarMonth(year: 2026, month: 4)!.dayCount == 30)
        #expect(CalendarMonth(label: "2026-13") == nil)
        #expect(CalendarMonth(label: "2026-10")?.first == Day(year: 2026, month: 10, day: 1))
        #expect(CalendarMonth(year: 7, month: 3)?.description == "0007-03")
    }

    @Test func dayTextRefusesDaysPastTheMonthsEnd() {
        #expect(Day(iso: "2026-02-28")?.iso == "2026-02-28")
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2024-02-29")?.iso == "2024-02-29")
        #expect(Day(iso: "2026-04-31") == nil)
        #expect(Day(iso: "2026-11-01T09:00:00Z")?.iso == "2026-11-01")
    }

    @Test func daysAndInstantsConvertAtMidnightAndNoon() {
        let day = Day(year: 2026, month: 11, day: 1)
        #expect(day.start.iso == "2026-11-01")
        #expect(day.noon.iso == "2026-11-01T12:00:00Z")
        #expect(day.noon.day == day)
        #expect(Instant(epochSeconds: day.start.epochSeconds - 1).day == day.adding(days: -1))
        #expect(Instant(epochSeconds: -1).components.hour == 23)
    }
}
