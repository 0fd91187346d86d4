/// The proleptic Gregorian calendar as arithmetic on day counts (days since 1970-01-01, UTC), after Howard
/// Hinnant's "chrono-Compatible Low-Level Date Algorithms". Every date type in the package (days, instants,
/// timestamps in CSV files and rendered cells, month buckets) converts through these functions and nowhere
/// else. They are pure integer arithmetic, exact for any year, and inlined because the CSV importer and the
/// renderers call them once per cell.
public enum Civil {
    /// Days since 1970-01-01 of year-month-day (month 1...12, day 1...31; no range check here).
    @inlinable @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month (1...12) and day (1...31) of a day count: the inverse of `days(year:month:day:)`.
    @inlinable @inline(__always)
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// 28 to 31; month 1...12.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether year-month-day names a real day (2026-02-30 does not).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(year: year, month: month)
    }

    /// 1 = Sunday ... 7 = Saturday, as Lua's os.date("*t") counts (1970-01-01 was a Thursday).
    public static func weekday(days: Int) -> Int { ((days % 7) + 7 + 4) % 7 + 1 }

    /// The Monday on or before the day (ISO 8601 weeks start on Monday).
    public static func monday(onOrBefore days: Int) -> Int { days - ((days % 7) + 7 + 3) % 7 }

    /// Floor division and its non-negative remainder: days before 1970 round towards the past.
    @inlinable @inline(__always)
    public static func floorDivide(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let remainder = a % b
        return remainder < 0 ? (a / b - 1, remainder + b) : (a / b, remainder)
    }

    public static let secondsPerDay = 86_400
}
