/// Escaping for HTML and SVG text and attribute values, shared by the html mode, the review and the charts.
/// Control characters other than newline and tab are dropped: XML 1.0 cannot carry them at all.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var special = false
        for byte in s.utf8 where byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            special = true
            break
        }
        guard special else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 32 && c != "\n" && c != "\t" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
