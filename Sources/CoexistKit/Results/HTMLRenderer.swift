/// An HTML table: the title as its caption, one header row, numbers (and right-aligned columns) with class
/// "num", toned cells with their tone's class, every text escaped. Long results are elided like the other
/// human modes, with one row saying how many are hidden. The markup is well-formed XML, so the review's
/// pages stay parseable by XML tools.
public enum HTMLRenderer {
    /// `cssClass` names the table for a page's style sheet (the review's "figures", "breakdown").
    public static func table(_ rs: ResultSet, _ options: RenderOptions, cssClass: String? = nil) -> String {
        var out = "<table" + (cssClass.map { " class=\"\(HTMLText.escape($0))\"" } ?? "") + ">\n"
        if let title = rs.title { out += "<caption>" + HTMLText.escape(title) + "</caption>\n" }
        guard !rs.columns.isEmpty else { return out + "</table>\n" }
        if options.headers {
            out += "<tr>"
            for column in rs.columns { out += "<th>" + HTMLText.escape(column.name) + "</th>" }
            out += "</tr>\n"
        }
        let numeric = rs.columns.map { $0.cellAlignment == .right }
        let window = RowWindow(rowCount: rs.rows.count, maxRows: options.maxRows)
        out.reserveCapacity(out.utf8.count + window.shown * rs.columns.count * 24)
        for (position, rowIndex) in window.indices.enumerated() {
            if window.isElided && position == window.head.count { out += elision(window, rs.columns.count) }
            let values = rs.rows[rowIndex]
            out += "<tr>"
            for (index, column) in rs.columns.enumerated() {
                let text = ValueFormatter.human(index < values.count ? values[index] : .null, column: column, nullValue: options.nullValue, decimals: options.numbers)
                var classes: [String] = numeric[index] ? ["num"] : []
                if let tone = column.tones[text] { classes.append(tone.htmlClass) }
                out += classes.isEmpty ? "<td>" : "<td class=\"" + classes.joined(separator: " ") + "\">"
                out += HTMLText.escape(text) + "</td>"
            }
            out += "</tr>\n"
        }
        if window.isElided && window.tail.isEmpty { out += elision(window, rs.columns.count) }
        return out + "</table>\n"
    }

    /// A whole page around the table, for `rs:save("x.html")`: UTF-8, the title, an inline style sheet, no
    /// script and nothing fetched, so the file opens offline and travels as a mail attachment.
    public static func document(_ rs: ResultSet, _ options: RenderOptions) -> String {
        let title = HTMLText.escape(rs.title ?? "Results")
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
            + "<meta charset=\"utf-8\"/>\n<title>\(title)</title>\n<style>\(style)</style>\n</head>\n<body>\n"
            + table(rs, options) + "</body>\n</html>\n"
    }

    private static func elision(_ window: RowWindow, _ columns: Int) -> String {
        "<tr class=\"elided\"><td colspan=\"\(columns)\">… \(window.hidden) more \(window.hidden == 1 ? "row" : "rows") …</td></tr>\n"
    }

    /// The table rules every page with result tables uses (the review's page adds its own around them).
    public static let style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#222}
        table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold;padding:.3em 0}
        .good{color:#15803d}.bad{color:#b91c1c;font-weight:bold}.warning{color:#a16207}.muted{color:#6b7280}
        tr.elided td{text-align:center;color:#666}
        """
}
