/// ISO 8601 durations as Graph writes its time metrics (`PT0.016S` is 16 ms of jitter).
///
/// Parsed digit by digit rather than through `Double(String)`, so that "PT0.03S" is exactly 30 ms:
/// CQD's thresholds are strict ("> 30 ms"), and 30.000000000000004 would turn a good stream poor.
public enum ISO8601Duration {
    /// Milliseconds, or nil when `text` is not a non-negative duration. Years and months are refused:
    /// their length in milliseconds is not fixed, and no call metric uses them.
    public static func milliseconds(_ text: String) -> Double? {
        var chars = Array(text.utf8)
        guard chars.first == UInt8(ascii: "P") else { return nil }
        chars.removeFirst()
        var total = 0.0
        var inTime = false
        var sawComponent = false
        var seenUnits = Set<UInt8>()
        var i = 0
        while i < chars.count {
            if chars[i] == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                i += 1
                continue
            }
            // A number: digits, optionally "." or "," and more digits.
            var mantissa: UInt64 = 0
            var digits = 0, fractionDigits = 0
            var inFraction = false
            while i < chars.count {
                let c = chars[i]
                if c >= 48 && c <= 57 {
                    guard digits < 18 else { return nil }
                    mantissa = mantissa * 10 + UInt64(c - 48)
                    digits += 1
                    if inFraction { fractionDigits += 1 }
                } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && !inFraction {
                    inFraction = true
                } else {
                    break
                }
                i += 1
            }
            guard digits > 0, i < chars.count else { return nil }
            let unit = chars[i]
            i += 1
            let unitMs: UInt64
            switch (unit, inTime) {
            case (UInt8(ascii: "W"), false): unitMs = 7 * 86_400_000
            case (UInt8(ascii: "D"), false): unitMs = 86_400_000
            case (UInt8(ascii: "H"), true): unitMs = 3_600_000
            case (UInt8(ascii: "M"), true): unitMs = 60_000
            case (UInt8(ascii: "S"), true): unitMs = 1000
            default: return nil
            }
            guard seenUnits.insert(unit &+ (inTime ? 128 : 0)).inserted else { return nil }
            // Only the last component may have a fraction (ISO 8601); exact while it fits in 53 bits.
            if inFraction && i != chars.count { return nil }
            total += scaled(mantissa, fractionDigits, unitMs)
            sawComponent = true
        }
        guard sawComponent, !(inTime && chars.last == UInt8(ascii: "T")) else { return nil }
        return total
    }

    /// mantissa / 10^fractionDigits units, in ms: an integer product when the fraction fits the
    /// unit's resolution, else one correctly rounded division.
    private static func scaled(_ mantissa: UInt64, _ fractionDigits: Int, _ unitMs: UInt64) -> Double {
        var unit = unitMs
        var f = fractionDigits
        while f > 0 && unit % 10 == 0 { unit /= 10; f -= 1 }
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: unit)
        let numerator = overflow ? Double(mantissa) * Double(unit) : Double(product)
        var divisor = 1.0
        for _ in 0..<f { divisor *= 10 }
        return numerator / divisor
    }
}
