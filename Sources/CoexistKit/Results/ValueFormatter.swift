/// How one value becomes text. Human modes (table, markdown, line, html) favour short, readable numbers and
/// dates; machine modes (csv, json) favour exact round-trip values that other programs parse.
public enum ValueFormatter {
    // MARK: Human

    /// `decimals` is the shell's `.numbers` setting, used for double columns that do not fix their own, so
    /// a `result{...}` built in Lua and a built-in summary print numbers alike.
    public static func human(_ value: ResultValue, column: Column, nullValue: String, decimals: Int? = nil) -> String {
        let places = column.decimals ?? decimals
        switch value {
        case .null: return nullValue
        case .bool(let b): return b ? "true" : "false"
        case .int(let i):
            // An int stored in a double column with fixed decimals keeps the column's look ("3.00").
            if column.type == .double, let places { return humanDouble(Double(i), decimals: places) }
            return String(i)
        case .double(let d): return humanDouble(d, decimals: places)
        case .string(let s): return s
        case .date(let t): return humanDate(t)
        }
    }

    /// Fixed `decimals` when the column asks for them; otherwise Swift's shortest text when it is short,
    /// six significant digits when it is not, and `%g`-style exponents only for the very small or large.
    public static func humanDouble(_ value: Double, decimals: Int?) -> String {
        if let text = nonFiniteText(value) { return text }
        if let decimals {
            let places = max(0, decimals)
            return DecimalDigits(value).rounded(decimals: places).plain(minimumDecimals: places)
        }
        let shortest = value.description
        if shortest.utf8.count <= 10 { return shortest }
        let digits = DecimalDigits(value)
        let magnitude = value.magnitude
        if magnitude >= 1e-4 && magnitude < 1e15 {
            // Whole-number digits are never rounded away: 123456789.25 reads "123456789", not "123457000".
            return digits.rounded(decimals: max(0, 6 - digits.point)).plain()
        }
        let rounded = digits.rounded(significant: 6)
        let exponent = rounded.point - 1
        return exponent < -4 || exponent >= 6 ? rounded.scientific() : rounded.plain()
    }

    /// A figure as a report or a chart axis shows it: two decimals under 10, one under 100, none above
    /// ("2.35 %", "81.2 %", "1234"), with the unit after a space when there is one.
    public static func short(_ value: Double, unit: String) -> String {
        let decimals = abs(value) < 10 ? 2 : abs(value) < 100 ? 1 : 0
        let text = humanDouble(value, decimals: decimals)
        return unit.isEmpty ? text : "\(text) \(unit)"
    }

    /// "2026-10-01 08:30:00", or just the day when the instant is exactly midnight.
    public static func humanDate(_ epochSeconds: Double) -> String {
        guard let time = UTCTimestamp(epochSeconds: epochSeconds) else { return humanDouble(epochSeconds, decimals: nil) }
        return time.text(time: !time.isMidnight)
    }

    // MARK: Machine

    /// Text for csv and json; nil for NULL, which each format spells its own way.
    public static func machine(_ value: ResultValue) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return machineDouble(d)
        case .string(let s): return s
        case .date(let t): return machineDate(t)
        }
    }

    /// Shortest round-trip text, written positionally between 1e-6 and 1e15 so spreadsheets and
    /// humans skimming a CSV never meet "1e-05".
    public static func machineDouble(_ value: Double) -> String {
        if let text = nonFiniteText(value) { return text }
        let shortest = value.description
        let magnitude = value.magnitude
        guard magnitude >= 1e-6 && magnitude < 1e15, shortest.utf8.contains(UInt8(ascii: "e")) else { return shortest }
        return DecimalDigits(value).plain()
    }

    /// ISO 8601 in UTC: "2026-10-01T08:30:00Z" (milliseconds appear only when present).
    public static func machineDate(_ epochSeconds: Double) -> String? {
        guard let time = UTCTimestamp(epochSeconds: epochSeconds) else { return nil }
        return time.text(time: true, separator: UInt8(ascii: "T"), suffix: "Z")
    }

    static func nonFiniteText(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    // MARK: Terminal safety

    /// Control characters shown as visible escapes so data cannot break a box or send escape
    /// sequences to the terminal. `keepLayout` leaves newlines and tabs alone for modes that wrap.
    static func escapingControls(_ text: String, keepLayout: Bool = false) -> String {
        var clean = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 {
            clean = false
            break
        }
        if clean { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (value >= 0x7F && value < 0xA0)
            if !isControl || (keepLayout && (value == 0x0A || value == 0x09)) {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            default:
                let hex = String(value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return out
    }
}
