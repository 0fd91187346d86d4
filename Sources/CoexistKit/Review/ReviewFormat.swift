/// Number and trend formatting shared by the review's renderers.
public enum ReviewFormat {
    /// Every rate of a review with the same two decimals as its tables ("2.35 %", "81.20 %", "11.30 %"), so a
    /// column of figures lines up; a whole number without a unit is a count and prints as one ("38").
    public static func number(_ v: Double, unit: String) -> String {
        if unit.isEmpty && v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        let text = ValueFormatter.humanDouble(v, decimals: RenderOptions.defaultNumbers)
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
}
