/// Number and trend formatting shared by the review's renderers.
public enum ReviewFormat {
    /// "2.35 %", "81.2 %", "1,234" — two decimals under 10, one under 100, none above.
    public static func number(_ v: Double, unit: String) -> String {
        let decimals = abs(v) < 10 ? 2 : abs(v) < 100 ? 1 : 0
        let text = ValueFormatter.humanDouble(v, decimals: decimals)
        return unit.isEmpty ? text : "\(text) \(unit)"
    }

    public static func optional(_ v: Double?, unit: String) -> String {
        v.map { number($0, unit: unit) } ?? "no data"
    }

    /// "+0.42", "-1.10", "" when there is no previous value.
    public static func change(_ v: Double?) -> String {
        guard let v else { return "" }
        let text = ValueFormatter.humanDouble(abs(v), decimals: 2)
        return (v < 0 ? "-" : "+") + text
    }

    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline over the trend; a period without data is a space.
    public static func sparkline(_ values: [Double?]) -> String {
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { v -> Character in
            guard let v else { return " " }
            if hi == lo { return bars[3] }
            return bars[min(7, Int((v - lo) / (hi - lo) * 7.999))]
        })
    }
}
