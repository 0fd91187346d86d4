/// Dotted-quad IPv4 addresses as UInt32, which is what prefix matching works on.
public enum IPv4 {
    /// "10.1.2.0" (or "10.1.2.0/24", the prefix ignored) to its 32-bit value; nil if not an IPv4 address.
    public static func parse(_ s: Substring) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var parts = 0
        for u in s.utf8 {
            if u >= 48 && u <= 57 {
                octet = octet * 10 + UInt32(u - 48)
                digits += 1
                if digits > 3 || octet > 255 { return nil }
            } else if u == 46 || u == 47 {
                if digits == 0 { return nil }
                value = value << 8 | octet
                parts += 1
                octet = 0
                digits = 0
                if u == 47 { break }
                if parts > 3 { return nil }
            } else {
                return nil
            }
        }
        if digits > 0 {
            value = value << 8 | octet
            parts += 1
        }
        return parts == 4 ? value : nil
    }

    public static func parse(_ s: String) -> UInt32? { parse(Substring(s)) }

    public static func format(_ v: UInt32) -> String {
        "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
    }

    public static func mask(_ prefix: Int) -> UInt32 {
        prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix)
    }
}
