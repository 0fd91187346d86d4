/// The review as one self-contained HTML file for a steering committee: inline style, inline SVG charts
/// (each measure's trend against its target, breakdowns as bars), the findings table. No script, no
/// external style or font: it opens offline and mails as an attachment. Well-formed XML, so tools can parse it.
public enum HTMLReport {
    public static func render(_ r: ReviewReport) -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<title>\(HTML.escape(r.title))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        out += "<h1>\(HTML.escape(r.title))</h1>\n"
        out += "<p class=\"meta\">Scope: \(HTML.escape(r.scope)) · Period: \(HTML.escape(r.period))"
        if r.periods.count > 1 { out += " · Trend: \(HTML.escape(r.periods.first!)) to \(HTML.escape(r.periods.last!))" }
        out += "</p>\n"
        for section in r.sections {
            out += "<section>\n<h2>\(HTML.escape(section.name))</h2>\n"
            if !section.note.isEmpty { out += "<p>\(HTML.escape(section.note))</p>\n" }
            if !section.figures.isEmpty {
                out += figureTable(section.figures)
                out += "<div class=\"charts\">\n"
                for f in section.figures { out += SVGChart.trend(f, periods: r.periods) + "\n" }
                out += "</div>\n"
            }
            for table in section.tables { out += breakdown(table) }
            out += "</section>\n"
        }
        out += "<section>\n<h2>Findings</h2>\n" + findings(r) + "</section>\n</body>\n</html>\n"
        return out
    }

    static func figureTable(_ figures: [ReviewFigure]) -> String {
        var out = "<table class=\"figures\">\n<tr><th>Figure</th><th>Value</th><th>Target</th><th>Status</th>"
            + "<th>Change</th></tr>\n"
        for f in figures {
            let target = f.target.map { "\(f.direction.rawValue) " + ReviewFormat.number($0, unit: f.unit) } ?? ""
            let cls = f.status == .meets ? "meets" : f.status == .misses ? "misses" : "nodata"
            out += "<tr><td>\(HTML.escape(f.name))</td><td class=\"num\">\(HTML.escape(ReviewFormat.optional(f.value, unit: f.unit)))</td>"
                + "<td class=\"num\">\(HTML.escape(target))</td><td class=\"\(cls)\">\(f.status.rawValue)</td>"
                + "<td class=\"num\">\(HTML.escape(ReviewFormat.change(f.change)))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// A breakdown table; when its second column is numeric it is also drawn as bars.
    static func breakdown(_ t: ResultSet) -> String {
        var out = ""
        let title = t.title ?? "Breakdown"
        if t.columns.count >= 2, t.columns[1].type == .double || t.columns[1].type == .int {
            let rows: [(String, Double)] = t.rows.prefix(20).compactMap { row in
                let label = ValueFormatter.human(row[0], column: t.columns[0], nullValue: "(none)")
                switch row[1] {
                case .double(let d): return (label, d)
                case .int(let i): return (label, Double(i))
                default: return nil
                }
            }
            if !rows.isEmpty { out += SVGChart.bars(title: title, rows: rows, target: nil, unit: "") + "\n" }
        }
        out += "<table class=\"breakdown\">\n<caption>\(HTML.escape(title))</caption>\n<tr>"
        for c in t.columns { out += "<th>\(HTML.escape(c.name))</th>" }
        out += "</tr>\n"
        for row in t.rows.prefix(50) {
            out += "<tr>"
            for (c, v) in zip(t.columns, row) {
                let numeric = c.type == .int || c.type == .double
                out += "<td\(numeric ? " class=\"num\"" : "")>\(HTML.escape(ValueFormatter.human(v, column: c, nullValue: "")))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    static func findings(_ r: ReviewReport) -> String {
        guard !r.findings.isEmpty else { return "<p>None: every figure with data meets its target.</p>\n" }
        var out = "<table class=\"findings\">\n<tr><th>#</th><th>Area</th><th>Finding</th><th>Streams affected</th><th>Remedy</th></tr>\n"
        for (i, f) in r.orderedFindings.enumerated() {
            let text = f.detail.isEmpty ? f.title : "\(f.title): \(f.detail)"
            out += "<tr><td class=\"num\">\(i + 1)</td><td>\(HTML.escape(f.area))</td><td>\(HTML.escape(text))</td>"
                + "<td class=\"num\">\(f.streamsAffected)</td><td>\(HTML.escape(f.remedy))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;color:#222}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
        .meta{color:#555}table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}.meets{color:#15803d}.misses{color:#b91c1c;font-weight:bold}
        .nodata{color:#a16207}.charts{display:flex;flex-wrap:wrap;gap:12px}caption{text-align:left;font-weight:bold;padding:.3em 0}
        """
}

/// Escaping for HTML and SVG text and attributes.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
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
