/// Number and trend formatting shared by the review's renderers.
public enum ReviewFormat {
    /// "2.35 %", "81.2 %", "1234": the same short form the charts label their axes with.
    public static func number(_ v: Double, unit: String) -> String { ValueFormatter.short(v, unit: unit) }

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
