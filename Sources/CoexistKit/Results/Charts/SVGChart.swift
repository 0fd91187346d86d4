/// Small self-contained SVG charts: a line over a series (a trend, a simulated day by day) with an optional
/// dashed target, and horizontal bars. Plain SVG with inline attributes: no script, no external style or
/// font, so a page that embeds them works offline.
public enum SVGChart {
    /// The series as a line with a dot per point; a point without data breaks the line. The axis shows the
    /// lowest, middle and highest value, the first and last label sit under the ends.
    public static func line(_ series: ChartSeries, target: Double? = nil, width: Int = 360, height: Int = 140) -> String {
        let left = 48.0, right = 12.0, top = 22.0, bottom = 26.0
        let w = Double(width) - left - right, h = Double(height) - top - bottom
        let known = series.values.compactMap { $0 }.filter(\.isFinite) + (target.map { [$0] } ?? [])
        let hi = max(known.max() ?? 1, 0) * 1.15 + (known.isEmpty || known.max() == 0 ? 1 : 0)
        let lo = min(known.min() ?? 0, 0)
        let n = max(series.values.count, 1)
        func x(_ i: Int) -> Double { left + (n == 1 ? w / 2 : w * Double(i) / Double(n - 1)) }
        func y(_ v: Double) -> Double { top + h - (v - lo) / (hi - lo) * h }

        let name = HTMLText.escape(series.name)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-series=\"\(name)\" "
            + "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        svg += "<title>\(name)</title>"
        // A title longer than the chart is set smaller to fit rather than cut at the edge (never stretched).
        let room = Double(width) - left - 4
        let titleSize = max(7, min(11, 11 * room / max(1, textWidth(series.name, fontSize: 11, em: 0.58))))
        svg += "<text x=\"\(fmt(left))\" y=\"14\" font-size=\"\(fmt(titleSize))\" fill=\"#333\">\(name)</text>"
        svg += rule(left, top + h, left + w, top + h, stroke: "#999")
        for v in [lo, (lo + hi) / 2, hi] {
            svg += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(y(v) + 4))\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">"
                + "\(ValueFormatter.short(v, unit: ""))</text>"
        }
        if let target, target.isFinite {
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(target)))\" x2=\"\(fmt(left + w))\" y2=\"\(fmt(y(target)))\" "
                + "stroke=\"#c0392b\" stroke-dasharray=\"4 3\" class=\"target\"/>"
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
            }
            segment = []
        }
        for (i, v) in series.values.enumerated() {
            guard let v, v.isFinite else { flush(); continue }
            segment.append("\(fmt(x(i))),\(fmt(y(v)))")
            svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(v)))\" r=\"2.5\" fill=\"#2563eb\"/>"
        }
        flush()
        // The end labels are anchored inwards (start at the first point, end at the last) so a label wider than
        // the margin is not cut at the edge of the chart.
        for i in Set([0, n - 1]).sorted() where !series.label(i).isEmpty {
            let anchor = n == 1 ? "middle" : i == 0 ? "start" : "end"
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(height - 8)\" font-size=\"9\" text-anchor=\"\(anchor)\" fill=\"#666\">"
                + "\(HTMLText.escape(series.label(i)))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one per point in the order given, with the value after each bar and an optional
    /// dashed target line; a bar past the target is red. The label column is as wide as the longest label
    /// needs, so labels are never cut at the left edge.
    public static func bars(_ series: ChartSeries, target: Double? = nil, width: Int = 520) -> String {
        let points: [(String, Double)] = series.values.enumerated().compactMap { i, v in
            guard let v, v.isFinite else { return nil }
            return (series.label(i), v)
        }
        let rowHeight = 18.0, right = 70.0, top = 22.0
        let left = max(140.0, (points.map { textWidth($0.0, fontSize: 10) }.max() ?? 0) + 10)
        // Wide enough for the title and for the longest value after a full-length bar, measured, not guessed.
        let valueRoom = max(right, (points.map { textWidth(series.valueText($0.1), fontSize: 10) }.max() ?? 0) + 8)
        let chartWidth = max(width, Int(left + valueRoom + 100), Int((textWidth(series.name, fontSize: 11)).rounded(.up)) + 4)
        let height = Int(top + rowHeight * Double(points.count) + 8)
        let hi = max(points.map(\.1).max() ?? 0, target ?? 0, 1e-9)
        let w = Double(chartWidth) - left - valueRoom
        let title = HTMLText.escape(series.name)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" width=\"\(chartWidth)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(chartWidth) \(height)\" role=\"img\"><title>\(title)</title>"
        svg += "<text x=\"0\" y=\"14\" font-size=\"11\" fill=\"#333\">\(title)</text>"
        for (i, (label, value)) in points.enumerated() {
            let y = top + rowHeight * Double(i)
            let bw = max(0, value / hi * w)
            let over = target.map { value > $0 } ?? false
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 12))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">"
                + "\(HTMLText.escape(label))</text>"
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(bw))\" height=\"\(fmt(rowHeight - 6))\" "
                + "fill=\"\(over ? "#c0392b" : "#2563eb")\"/>"
            svg += "<text x=\"\(fmt(left + bw + 4))\" y=\"\(fmt(y + 12))\" font-size=\"10\" fill=\"#333\">"
                + "\(HTMLText.escape(series.valueText(value)))</text>"
        }
        if let target, target.isFinite {
            let tx = left + target / hi * w
            svg += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(top))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(Double(height) - 4))\" "
                + "stroke=\"#333\" stroke-dasharray=\"4 3\" class=\"target\"/>"
        }
        return svg + "</svg>"
    }

    /// An estimate of how wide `text` is drawn in a sans-serif font, `em` per narrow character and about an em per
    /// wide one; the default is generous, so a margin sized from it holds the label.
    static func textWidth(_ text: String, fontSize: Double, em: Double = 0.62) -> Double {
        var cells = 0.0
        for character in text { cells += DisplayWidth.width(of: character) >= 2 ? 1.6 : 1 }
        return cells * em * fontSize
    }

    static func rule(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"\(stroke)\"/>"
    }

    static func fmt(_ v: Double) -> String { ValueFormatter.humanDouble(v, decimals: 1) }
}
