/// `plan:timeline()`: the plan's steps, the pilot's milestones and the tenant's scheduled moves on one chart, as a
/// terminal Gantt that fits the width, or as self-contained HTML.
public struct PlanTimeline: Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var start: Day
        public var end: Day
        public var kind: String  // "step", "milestone", "move"
        public var status: String?
    }

    public var bars: [Bar]
    public var today: Day

    public init(plan: Plan, moves: [(label: String, day: Day)], today: Day) {
        var bars: [Bar] = plan.steps(today: today).map {
            Bar(label: "\($0.phase) \($0.number) \($0.title)", start: $0.start, end: $0.due, kind: "step", status: $0.status.rawValue)
        }
        if let pilot = plan.pilotStart(today: today) {
            for (name, offset) in PlanFramework.pilotMilestones {
                let d = pilot.adding(days: offset)
                bars.append(Bar(label: name, start: d, end: d, kind: "milestone"))
            }
        }
        for m in moves { bars.append(Bar(label: m.label, start: m.day, end: m.day, kind: "move")) }
        self.bars = bars.sorted { $0.start != $1.start ? $0.start < $1.start : $0.label < $1.label }
        self.today = today
    }

    var range: (Day, Day) {
        (bars.map(\.start).min() ?? today, max(bars.map(\.end).max() ?? today, bars.map(\.start).min() ?? today))
    }

    /// Lines no wider than `width` display columns: a label column, then the bars (█ done, ▓ doing, ░ todo,
    /// · skipped, ◆ a milestone or move) and │ for today.
    public func text(width: Int) -> String {
        let (first, last) = range
        let span = max(1, last.daysSinceEpoch - first.daysSinceEpoch + 1)
        let labelWidth = min(36, max(12, width / 3))
        let chart = max(10, width - labelWidth - 1)
        func col(_ d: Day) -> Int { min(chart - 1, max(0, (d.daysSinceEpoch - first.daysSinceEpoch) * chart / span)) }
        var lines = [fit("\(first.iso) .. \(last.iso) (\(span) days, │ today \(today.iso))", width)]
        let todayCol = today >= first && today <= last ? col(today) : nil
        for b in bars {
            var cells = Array(repeating: Character(" "), count: chart)
            if let t = todayCol { cells[t] = "│" }
            let fill: Character = b.kind != "step" ? "◆" : b.status == "done" ? "█" : b.status == "doing" ? "▓" : b.status == "skipped" ? "·" : "░"
            for c in col(b.start)...max(col(b.start), col(b.end)) { cells[c] = fill }
            lines.append(fit(b.label, labelWidth).padding(labelWidth) + " " + String(cells))
        }
        return lines.joined(separator: "\n")
    }

    private func fit(_ s: String, _ w: Int) -> String { s.count <= w ? s : String(s.prefix(max(0, w - 1))) + "…" }

    /// A self-contained page: one row per bar, the bar placed by percentage of the span.
    public func html(title: String = "Upgrade plan timeline") -> String {
        let (first, last) = range
        let span = Double(max(1, last.daysSinceEpoch - first.daysSinceEpoch + 1))
        func pct(_ d: Day) -> Double { Double(d.daysSinceEpoch - first.daysSinceEpoch) / span * 100 }
        func two(_ x: Double) -> String { String((x * 100).rounded() / 100) }
        var rows = ""
        for b in bars {
            let left = pct(b.start), w = max(0.6, pct(b.end.adding(days: 1)) - left)
            rows += "<tr class=\"\(b.kind) \(b.status ?? "")\"><th>\(HTMLText.escape(b.label))</th><td>\(b.start.iso)</td><td>\(b.end.iso)</td>"
                + "<td class=\"lane\"><div class=\"bar\" style=\"left:\(two(left))%;width:\(two(w))%\"></div></td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title><style>
            body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}
            th{text-align:left;font-weight:normal;white-space:nowrap;padding:2px 8px}td{padding:2px 6px;white-space:nowrap}
            td.lane{position:relative;width:60%;background:#f4f4f4}.bar{position:absolute;top:3px;bottom:3px;background:#bbb}
            .done .bar{background:#2a7}.doing .bar{background:#e90}.skipped .bar{background:#ddd}
            .milestone .bar{background:#36c}.move .bar{background:#c33}</style></head><body>
            <h1>\(HTMLText.escape(title))</h1><p>\(first.iso) to \(last.iso); today \(today.iso)</p>
            <table><thead><tr><th>item</th><td>start</td><td>end</td><td></td></tr></thead><tbody>
            \(rows)</tbody></table></body></html>

            """
    }
}

private extension String {
    func padding(_ w: Int) -> String { count >= w ? self : self + String(repeating: " ", count: w - count) }
}
