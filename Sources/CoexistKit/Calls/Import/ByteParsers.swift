/// Value parsers that read bytes in place (no `String` per field): the CSV importer's hot path.
enum ByteParsers {
    /// 10^n for 0...22, every one exact in a Double. A switch of literals, not a static array: a
    /// global's lazy initialisation check showed in the importer's profile.
    @inline(__always)
    static func exactPowerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// A decimal number: optional sign, digits, optional fraction, optional exponent. Up to 19 significant
    /// digits are exact and the result is correctly rounded (an exact integer divided or multiplied by an
    /// exact power of ten), so "30.001" here is the same Double as Swift's `Double("30.001")`.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if n == 0 { return nil }
        if p[0] == 45 { negative = true; i = 1 } else if p[0] == 43 { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        while i < n, p[i] &- 48 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); if mantissa != 0 { digits += 1 } }
            else { scale -= 1 }
            sawDigit = true
            i += 1
        }
        if i < n && p[i] == 46 {
            i += 1
            while i < n, p[i] &- 48 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); if mantissa != 0 { digits += 1 }; scale += 1 }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < n && (p[i] == 101 || p[i] == 69) {
            i += 1
            var expNegative = false
            if i < n && (p[i] == 45 || p[i] == 43) { expNegative = p[i] == 45; i += 1 }
            var sawExp = false
            while i < n, p[i] &- 48 < 10 {
                exponent = min(exponent * 10 + Int(p[i] &- 48), 10000)
                sawExp = true
                i += 1
            }
            guard sawExp else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        let e = exponent - scale
        var v: Double
        if mantissa < (1 << 53) && e >= -22 && e <= 22 {
            v = e < 0 ? Double(mantissa) / exactPowerOfTen(-e) : Double(mantissa) * exactPowerOfTen(e)
        } else {
            guard let slow = Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) else { return nil }
            return slow
        }
        if negative { v = -v }
        return v
    }

    /// ISO 8601 date-time, "2026-10-01T09:15:00Z", "2026-10-01 09:15:00.123+02:00", a bare date, or whole
    /// seconds since the Unix epoch. Fractions of a second are dropped. Returns epoch seconds (UTC).
    /// Impossible values are refused rather than normalised: 2026-02-30 is not 2026-03-02, an offset is
    /// at most 14 hours with minutes below 60, and 60 is the last second (a leap second).
    static func timestamp(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        @inline(__always) func num(_ at: Int, _ len: Int) -> Int? {
            guard at + len <= n else { return nil }
            var v = 0
            for k in at..<(at + len) {
                let d = p[k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        if n >= 10 && p[4] == 45 {
            guard let y = num(0, 4), let mo = num(5, 2), p[7] == 45, let d = num(8, 2),
                  Civil.isValid(year: y, month: mo, day: d) else { return nil }
            var secs = Int64(Civil.days(year: y, month: mo, day: d)) * 86400
            if n == 10 { return secs }
            // n >= 16 before p[13]: num(11, 2) alone let a 13-byte value read one byte past (FuzzCSV found it).
            guard n >= 16, p[10] == 84 || p[10] == 32, let h = num(11, 2), p[13] == 58, let mi = num(14, 2),
                  h < 24, mi < 60 else { return nil }
            secs += Int64(h * 3600 + mi * 60)
            var i = 16
            if i < n && p[i] == 58 {
                guard let s = num(17, 2), s <= 60 else { return nil }
                secs += Int64(s)
                i = 19
                if i < n && (p[i] == 46 || p[i] == 44) {
                    i += 1
                    while i < n && p[i] &- 48 < 10 { i += 1 }
                }
            }
            if i == n { return secs }
            if p[i] == 90 && i + 1 == n { return secs }
            if p[i] == 43 || p[i] == 45 {
                let sign: Int64 = p[i] == 43 ? 1 : -1
                guard let oh = num(i + 1, 2) else { return nil }
                var j = i + 3
                if j < n && p[j] == 58 { j += 1 }
                var om = 0
                if j < n { guard let m = num(j, 2) else { return nil }; om = m; j += 2 }
                // Offsets in use run from -12:00 to +14:00; +99:99 is a broken value, not a time zone.
                guard j == n, om < 60, oh * 60 + om <= 14 * 60 else { return nil }
                return secs - sign * Int64(oh * 3600 + om * 60)
            }
            return nil
        }
        var v: Int64 = 0
        guard n > 0 && n <= 12 else { return nil }
        for k in 0..<n {
            let d = p[k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        return v
    }

    /// Why `timestamp` refused a value that looks like a date, for the error (a slow path, run only then).
    static func timestampProblem(_ p: UnsafePointer<UInt8>, _ n: Int) -> StaticString {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        let parts = text.prefix(10).split(separator: "-")
        if n >= 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            if !(1...12).contains(m) { return "bad date-time: there is no such month" }
            if !Civil.isValid(year: y, month: m, day: d) { return "bad date-time: there is no such day in that month" }
            let rest = text.dropFirst(10)
            if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let offset = rest[rest.index(after: sign)...].filter { $0 != ":" }
                if offset.count == 4, let o = Int(offset), o % 100 >= 60 || o > 1400 {
                    return "bad date-time: a UTC offset is at most 14:00, with minutes below 60"
                }
            }
        }
        return "bad date-time (want ISO 8601 or epoch seconds)"
    }

    /// 1/0, true/false, yes/no (any case). Empty is nil; the caller knows the default.
    @inline(__always)
    static func bool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool?? {
        if n == 0 { return .some(nil) }
        if n == 1 {
            if p[0] == 49 { return true }
            if p[0] == 48 { return false }
        }
        let k = key(p, n)
        switch k {
        case "true", "yes", "y", "t": return true
        case "false", "no", "n", "f": return false
        default: return nil
        }
    }

    /// Lower-case letters and digits only (see `enumKey`).
    static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        enumKey(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    @inline(__always)
    static func isNull(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        n == 4 && (p[0] | 0x20) == 110 && (p[1] | 0x20) == 117 && (p[2] | 0x20) == 108 && (p[3] | 0x20) == 108
    }
}
