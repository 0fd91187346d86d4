/// `r:save("x.html")`: one self-contained page (inline SVG and style, no script, nothing fetched) with the
/// summary, the guidance the plan breaks, a chart per key figure and the day-by-day table.
public enum ScenarioReport {
    public static let charted: [DayMeasure] = [.teamsShare, .missed, .interop, .tickets, .utilisation, .poorPct]

    public static func html(_ r: ScenarioResult) -> String {
        let options = RenderOptions(mode: .html, maxRows: 0)
        let title = HTMLText.escape("Scenario \(r.scenario.name)")
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title>"
        page += "<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:12px}th{background:#f3f3f3}.charts svg{margin:0 1em 1em 0}</style>"
        page += "</head><body><h1>\(title)</h1>"
        page += "<p>\(r.scenario.days) days from \(r.scenario.start.iso), seed \(r.scenario.seed), \(r.runs.count) run(s); \(r.scenario.steps.count) step(s).</p>"
        page += "<h2>Summary</h2>" + HTMLRenderer.table(r.summary.table(title: "summary"), options)
        page += "<h2>Guidance</h2>"
        page += r.violations.isEmpty ? "<p>The plan breaks none of the guidance checks.</p>" : HTMLRenderer.table(r.violationTable, options, cssClass: "violations")
        page += "<h2>Day by day</h2><div class=\"charts\">"
        let labels = (0..<r.scenario.days).map { r.scenario.start.adding(days: $0).iso }
        for m in charted {
            page += SVGChart.line(ChartSeries(name: m.name, unit: m == .teamsShare || m == .utilisation || m == .poorPct ? "%" : "",
                                              labels: labels, values: r.series(m)), width: 420, height: 160)
        }
        page += "</div>" + HTMLRenderer.table(r.days, options)
        return page + "</body></html>\n"
    }
}
