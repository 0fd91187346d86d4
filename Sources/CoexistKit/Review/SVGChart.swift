/// Small self-contained SVG charts for the HTML review: a trend against its target line, and bars.
/// Plain SVG with inline attributes: no script, no external style or font, so the file works offline.
public enum SVGChart {
    /// A measure's trend over the periods, with a dashed target line. Periods without data break the line.
    public static func trend(_ figure: ReviewFigure, periods: [String], width: Int = 360, height: Int = 140) -> String {
        let left = 48.0, right = 12.0, top = 22.0, bottom = 26.0
        let w = Double(width) - left - right, h = Double(height) - top - bottom
        let known = figure.trend.compactMap { $0 } + (figure.target.map { [$0] } ?? [])
        let hi = max(known.max() ?? 1, 0) * 1.15 + (known.isEmpty || known.max() == 0 ? 1 : 0)
        let lo = min(known.min() ?? 0, 0)
        let n = max(figure.trend.count, 1)
        func x(_ i: Int) -> Double { left + (n == 1 ? w / 2 : w * Double(i) / Double(n - 1)) }
        func y(_ v: Double) -> Double { top + h - (v - lo) / (hi - lo) * h }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-measure=\"\(HTML.escape(figure.name))\" "
            + "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        svg += "<title>\(HTML.escape(figure.name)) by period</title>"
        svg += "<text x=\"\(left)\" y=\"14\" font-size=\"11\" fill=\"#333\">\(HTML.escape(figure.name))</text>"
        svg += line(left, top + h, left + w, top + h, stroke: "#999")
        for v in [lo, (lo + hi) / 2, hi] {
            svg += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(y(v) + 4))\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">"
                + "\(ReviewFormat.number(v, unit: ""))</text>"
        }
        if let target = figure.target {
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
        for (i, v) in figure.trend.enumerated() {
            guard let v else { flush(); continue }
            segment.append("\(fmt(x(i))),\(fmt(y(v)))")
            svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(v)))\" r=\"2.5\" fill=\"#2563eb\"/>"
        }
        flush()
        for (i, label) in periods.suffix(n).enumerated() where i == 0 || i == n - 1 {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(height - 8)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#666\">"
                + "\(HTML.escape(label))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars for (label, value) rows, largest first as given, with an optional dashed target line.
    public static func bars(title: String, rows: [(String, Double)], target: Double?, unit: String, width: Int = 520) -> String {
        let rowHeight = 18.0, left = 140.0, right = 70.0, top = 22.0
        let height = Int(top + rowHeight * Double(rows.count) + 8)
        let hi = max(rows.map(\.1).max() ?? 0, target ?? 0, 1e-9)
        let w = Double(width) - left - right
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\"><title>\(HTML.escape(title))</title>"
        svg += "<text x=\"0\" y=\"14\" font-size=\"11\" fill=\"#333\">\(HTML.escape(title))</text>"
        for (i, (label, value)) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            let bw = max(0, value / hi * w)
            let over = target.map { value > $0 } ?? false
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 12))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">"
                + "\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(bw))\" height=\"\(fmt(rowHeight - 6))\" "
                + "fill=\"\(over ? "#c0392b" : "#2563eb")\"/>"
            svg += "<text x=\"\(fmt(left + bw + 4))\" y=\"\(fmt(y + 12))\" font-size=\"10\" fill=\"#333\">"
                + "\(HTML.escape(ReviewFormat.number(value, unit: unit)))</text>"
        }
        if let target {
            let tx = left + target / hi * w
            svg += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(top))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(Double(height) - 4))\" "
                + "stroke=\"#333\" stroke-dasharray=\"4 3\" class=\"target\"/>"
        }
        return svg + "</svg>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"\(stroke)\"/>"
    }

    static func fmt(_ v: Double) -> String { ValueFormatter.humanDouble(v, decimals: 1) }
}
