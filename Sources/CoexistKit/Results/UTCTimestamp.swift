/// Calendar fields of a Unix time in UTC, computed arithmetically (`Civil.date(days:)`)
/// because Foundation's DateFormatter is slow per cell and brings time zones into a UTC-only format.
struct UTCTimestamp {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int

    /// Nil for non-finite values and for instants so far out that the millisecond count would overflow.
    init?(epochSeconds: Double) {
        guard epochSeconds.isFinite, epochSeconds.magnitude < 1e14 else { return nil }
        // Rounded half away from zero by hand: `rounded()` would pull in libm, which this target does not link.
        let scaled = epochSeconds * 1000
        let totalMilliseconds = Int(scaled + (scaled < 0 ? -0.5 : 0.5))
        let (days, msOfDay) = Civil.floorDivide(totalMilliseconds, 86_400_000)
        millisecond = msOfDay % 1000
        second = msOfDay / 1000 % 60
        minute = msOfDay / 60_000 % 60
        hour = msOfDay / 3_600_000

        (year, month, day) = Civil.date(days: days)
    }

    var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 && millisecond == 0 }

    /// "2026-10-01"; with `time`, followed by `separator` and "08:30:00" (".250" only when the
    /// instant is not on a whole second). Built as bytes because this runs once per date cell.
    func text(time: Bool, separator: UInt8 = UInt8(ascii: " "), suffix: String = "") -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        Self.append(year.magnitude, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.append(UInt(month), width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.append(UInt(day), width: 2, to: &out)
        if time {
            out.append(separator)
            Self.append(UInt(hour), width: 2, to: &out)
            out.append(UInt8(ascii: ":"))
            Self.append(UInt(minute), width: 2, to: &out)
            out.append(UInt8(ascii: ":"))
            Self.append(UInt(second), width: 2, to: &out)
            if millisecond != 0 {
                out.append(UInt8(ascii: "."))
                Self.append(UInt(millisecond), width: 3, to: &out)
            }
        }
        out.append(contentsOf: suffix.utf8)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ value: UInt, width: Int, to out: inout [UInt8]) {
        var divisor: UInt = 1
        var count = 1
        while divisor <= value / 10 {
            divisor *= 10
            count += 1
        }
        for _ in count..<max(width, count) { out.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
