/// The review as Markdown a wiki renders: headings, one table of figures per section, the breakdowns, findings.
public enum MarkdownReport {
    public static func render(_ r: ReviewReport) -> String {
        var out = "# \(escape(r.title))\n\n"
        out += "**Scope:** \(escape(r.scope)) · **Period:** \(escape(r.period))"
        if r.periods.count > 1 { out += " · **Trend:** \(r.periods.first!) to \(r.periods.last!)" }
        out += "\n"
        for section in r.sections {
            out += "\n## \(escape(section.name))\n\n"
            if !section.note.isEmpty { out += escape(section.note) + "\n\n" }
            if !section.figures.isEmpty {
                out += "| Figure | Value | Target | Status | Change | Trend |\n|---|---:|---:|---|---:|---|\n"
                for f in section.figures {
                    let target = f.target.map { "\(f.direction.rawValue) " + ReviewFormat.number($0, unit: f.unit) } ?? ""
                    out += "| \(escape(f.name)) | \(ReviewFormat.optional(f.value, unit: f.unit)) | \(escape(target)) | "
                        + "\(f.status.rawValue) | \(ReviewFormat.change(f.change)) | \(ReviewFormat.sparkline(f.trend)) |\n"
                }
            }
            for table in section.tables {
                if let title = table.title { out += "\n**\(escape(title))**\n\n" } else { out += "\n" }
                out += ResultRenderer.render(table, RenderOptions(mode: .markdown, maxRows: 20))
            }
        }
        out += "\n## Findings\n\n"
        if r.findings.isEmpty {
            out += "None: every figure with data meets its target.\n"
        } else {
            out += "| # | Area | Finding | Streams affected | Remedy |\n|---:|---|---|---:|---|\n"
            for (i, f) in r.orderedFindings.enumerated() {
                let finding = f.detail.isEmpty ? f.title : "\(f.title): \(f.detail)"
                out += "| \(i + 1) | \(escape(f.area)) | \(escape(finding)) | \(f.streamsAffected) | \(escape(f.remedy)) |\n"
            }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
