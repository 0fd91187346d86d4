/// A calendar month (UTC), the period a review or a readiness assessment covers.
public struct CalendarMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1...12
    public let month: Int

    /// nil unless `month` is 1...12.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// "2026-10"; nil for anything else, "2026-13" included.
    public init?(label: String) {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    public init(containing day: Day) {
        let c = day.components
        year = c.year
        month = c.month
    }

    public var first: Day { Day(year: year, month: month, day: 1) }
    public var next: CalendarMonth { month == 12 ? CalendarMonth(year: year + 1, month: 1)! : CalendarMonth(year: year, month: month + 1)! }
    public var previous: CalendarMonth { month == 1 ? CalendarMonth(year: year - 1, month: 12)! : CalendarMonth(year: year, month: month - 1)! }
    /// Epoch seconds of the first instant and of the first instant after it.
    public var range: (from: Double, to: Double) { (first.epochSeconds, next.first.epochSeconds) }

    /// Days in the month, 28 to 31.
    public var dayCount: Int { Civil.daysIn(year: year, month: month) }

    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))" }

    public static func < (a: CalendarMonth, b: CalendarMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
