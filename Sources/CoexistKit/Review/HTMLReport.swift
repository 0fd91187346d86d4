/// The review as one self-contained HTML file for a steering committee: the executive summary first, then the
/// sections with inline style, inline SVG charts
/// (each measure's trend against its target, breakdowns as bars), the findings table. No script, no
/// external style or font: it opens offline and mails as an attachment. Well-formed XML, so tools can parse it.
public enum HTMLReport {
    public static func render(_ r: ReviewReport) -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<title>\(HTMLText.escape(r.title))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        out += "<h1>\(HTMLText.escape(r.title))</h1>\n"
        out += "<p class=\"meta\">Scope: \(HTMLText.escape(r.scope)) · Period: \(HTMLText.escape(r.period))"
        let periods = ReviewTables.periodsWithData(r)
        if periods.count > 1 { out += " · Trend: \(HTMLText.escape(periods.first!)) to \(HTMLText.escape(periods.last!))" }
        out += "</p>\n"
        out += summary(ReviewSummary(r))
        for section in r.sections {
            out += "<section>\n<h2>\(HTMLText.escape(section.name))</h2>\n"
            if !section.note.isEmpty { out += "<p>\(HTMLText.escape(section.note))</p>\n" }
            if !section.figures.isEmpty {
                out += figureTable(section.figures)
                // A figure with no data gets no chart: an empty axis reads as a flat zero.
                let charts = section.figures.compactMap { f in
                    ReviewTables.trend(f, periods: r.periods).map { SVGChart.line($0, target: f.target) + "\n" }
                }
                if !charts.isEmpty { out += "<div class=\"charts\">\n" + charts.joined() + "</div>\n" }
            }
            for table in section.tables { out += breakdown(table) }
            out += "</section>\n"
        }
        out += "<section>\n<h2>Findings</h2>\n" + findings(r) + "</section>\n</body>\n</html>\n"
        return out
    }

    static let headings = ["Figure", "Value", "Target", "Status", "Change"]

    static func figureTable(_ figures: [ReviewFigure]) -> String {
        HTMLRenderer.table(ReviewTables.figures(figures, headings: headings, trend: false),
                           RenderOptions(mode: .html, maxRows: 0), cssClass: "figures")
    }

    /// A breakdown table; when its second column is numeric it is also drawn as bars (the first 20 rows).
    static func breakdown(_ table: ResultSet) -> String {
        let t = ReviewTables.spelled(table)
        var out = ""
        if let series = ReviewTables.bars(t, limit: 20) { out += SVGChart.bars(series) + "\n" }
        var titled = t
        titled.title = t.title ?? "Breakdown"
        return out + HTMLRenderer.table(titled, RenderOptions(mode: .html, maxRows: 50, nullValue: ""), cssClass: "breakdown")
    }

    static func summary(_ s: ReviewSummary) -> String {
        var out = "<section class=\"summary\">\n<h2>Summary</h2>\n<p><strong>Targets:</strong> \(HTMLText.escape(s.targetsLine))</p>\n"
        if !s.missed.isEmpty {
            out += "<p><strong>Missed:</strong></p>\n<ul class=\"missed\">\n"
                + s.missed.map { "<li>\(HTMLText.escape(ReviewSummary.missText($0.section, $0.figure)))</li>\n" }.joined() + "</ul>\n"
        }
        out += "<p><strong>Top findings:</strong></p>\n"
        if s.topFindings.isEmpty { return out + "<p>None: every figure with data meets its target.</p>\n</section>\n" }
        out += "<ol class=\"top-findings\">\n"
        for f in s.topFindings {
            out += "<li><strong>\(HTMLText.escape(f.title))</strong> (\(HTMLText.escape(f.area)), \(f.streamsAffected) streams). "
                + "Remedy: \(HTMLText.escape(f.remedy))</li>\n"
        }
        out += "</ol>\n"
        if s.moreFindings > 0 { out += "<p>\(s.moreFindings) more under Findings below.</p>\n" }
        return out + "</section>\n"
    }

    static func findings(_ r: ReviewReport) -> String {
        guard !r.findings.isEmpty else { return "<p>None: every figure with data meets its target.</p>\n" }
        return HTMLRenderer.table(ReviewTables.findings(r), RenderOptions(mode: .html, maxRows: 0), cssClass: "findings")
    }

    static let style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;color:#222}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
        .meta{color:#555}table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}.good{color:#15803d}.bad{color:#b91c1c;font-weight:bold}
        .warning{color:#a16207}.muted{color:#6b7280}tr.elided td{text-align:center;color:#666}.charts{display:flex;flex-wrap:wrap;gap:12px}caption{text-align:left;font-weight:bold;padding:.3em 0}
        .summary{background:#f8fafc;border:1px solid #e2e8f0;padding:0 1em .6em}svg{max-width:100%;height:auto}
        @media print{body{margin:0;max-width:none;font-size:10pt;color:#000}.summary{background:none}
        section{break-inside:auto}h2{break-after:avoid}table,svg,tr{break-inside:avoid}.charts{display:block}
        .charts svg{display:inline-block;margin:0 6px 6px 0}.bad{color:#000}.good{color:#000}a{color:#000}}
        """
}
