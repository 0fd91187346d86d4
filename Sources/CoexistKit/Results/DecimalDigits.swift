/// A finite double as the decimal digits of its shortest round-trip text, so rounding and layout are
/// done on what the user would see (2.675 rounds to 2.68) and never pass through printf or a locale.
struct DecimalDigits {
    var negative: Bool
    /// ASCII digits without leading or trailing zeros; empty means zero.
    var digits: [UInt8]
    /// Where the decimal point sits: the value is 0.d1d2d3… × 10^point.
    var point: Int

    init(_ value: Double) {
        negative = value.sign == .minus
        digits = []
        point = 0
        var exponent = 0
        var seenPoint = false
        var integerDigits = 0
        var text = value.magnitude.description.utf8[...]
        if let e = text.firstIndex(of: UInt8(ascii: "e")) {
            exponent = Int(Substring(text[text.index(after: e)...])) ?? 0
            text = text[..<e]
        }
        for byte in text {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if !seenPoint {
                integerDigits += 1
                digits.append(byte)
            } else {
                digits.append(byte)
            }
        }
        point = integerDigits + exponent
        trimLeadingZeros()
        trimTrailingZeros()
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounds half away from zero, keeping `decimals` digits after the point.
    func rounded(decimals: Int) -> DecimalDigits {
        var result = self
        let keep = point + decimals
        if keep >= digits.count { return result }
        if keep < 0 {
            result.digits = []
            result.point = 0
            return result
        }
        let roundUp = digits[keep] >= UInt8(ascii: "5")
        result.digits.removeSubrange(keep...)
        if roundUp {
            var index = keep - 1
            while index >= 0 && result.digits[index] == UInt8(ascii: "9") {
                result.digits[index] = UInt8(ascii: "0")
                index -= 1
            }
            if index >= 0 {
                result.digits[index] += 1
            } else {
                result.digits.insert(UInt8(ascii: "1"), at: 0)
                result.point += 1
            }
        }
        result.trimTrailingZeros()
        if result.digits.isEmpty { result.point = 0 }
        return result
    }

    func rounded(significant: Int) -> DecimalDigits {
        rounded(decimals: significant - point)
    }

    /// Positional notation with at least `minimumDecimals` digits after the point.
    /// Zero is printed unsigned: "-0.00" only tells the reader about rounding, not the data.
    func plain(minimumDecimals: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + max(point, -point) + minimumDecimals + 3)
        if negative && !isZero { out.append(UInt8(ascii: "-")) }
        if point <= 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for index in 0..<point {
                out.append(index < digits.count ? digits[index] : UInt8(ascii: "0"))
            }
        }
        let fractionDigits = max(0, digits.count - max(point, 0))
        let leadingZeros = point < 0 ? -point : 0
        let padding = max(0, minimumDecimals - leadingZeros - fractionDigits)
        if leadingZeros + fractionDigits + padding > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: leadingZeros))
            if fractionDigits > 0 { out.append(contentsOf: digits[(digits.count - fractionDigits)...]) }
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: padding))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%g`-style exponent form ("1.23457e-05"): mantissa without trailing zeros, two-digit exponent.
    func scientific() -> String {
        guard !isZero else { return "0" }
        var out = negative ? "-" : ""
        out += String(decoding: digits[0...0], as: UTF8.self)
        if digits.count > 1 {
            out += "." + String(decoding: digits[1...], as: UTF8.self)
        }
        let exponent = point - 1
        let magnitude = String(abs(exponent))
        out += (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
        return out
    }

    private mutating func trimLeadingZeros() {
        let zeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        if zeros > 0 {
            digits.removeFirst(zeros)
            point -= zeros
        }
    }

    private mutating func trimTrailingZeros() {
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    }
}
