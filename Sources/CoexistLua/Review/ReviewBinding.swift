import CLua
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A finished review as Lua holds it.
public final class ReviewBox {
    public let report: ReviewReport
    init(_ report: ReviewReport) { self.report = report }
}

/// `review.report{...}` builds a report from Lua tables; the report prints for the terminal and
/// `:save(path)` writes Markdown, self-contained HTML, or the findings as CSV or JSON.
public enum ReviewBinding {
    nonisolated(unsafe) static let type: LuaObjectType<ReviewBox> = makeType()

    public static func install(in engine: LuaEngine) {
        engine.registerType(type)
        engine.register("review.report", doc: """
            review.report{title=, scope=, period=, periods={...}, sections={{name=, note=, figures={...}, tables={...}}}, \
            findings={{area=, title=, detail=, streams=, remedy=}}}: a review report to print or :save()
            """) { call in
            guard call.isTable(1) else { throw call.error(1, "table expected, got \(call.typeName(1))") }
            try ReviewKeys.check(call.value(1))
            let report = try ReviewReader(call.L, call.slot(1)).report()
            type.push(ReviewBox(report), call.L)
            return 1
        }
    }

    /// The review itself is Lua (stdlib/qer.lua, loaded by the prelude on first use); these make help() list it.
    public static func documentStdlib(in engine: LuaEngine) {
        engine.document("qer", """
            qer{period="2026-10", scope=...} (and min_streams=100): the Quality Experience Review of a month (default: the last \
            full month that has data) over the whole tenant, a building ("SEA-2"), a filter table ({cohort="Wave 2"}, \
            {department="Sales"}) or a query; every figure, finding and section covers that scope and month. Only the QER \
            guide's targets are applied (qer.targets); a figure over fewer than min_streams streams (qer.min_streams) is \
            "too few streams". Findings with one cause and remedy are merged, their streams counted once; home networks \
            (qer.home_networks) are not missing subnets. Print it or r:save("qer.md" | "qer.html" | "findings.csv" | \
            "findings.json"). qer.targets, qer.thresholds, qer.remedies and qer.client_releases can be changed first; \
            stdlib/qer.lua is the review, to read and copy.
            """)
        engine.document("review.section", """
            review.section{name=, query=, measure=, target=, direction="<="|">=", remedy=, unit=, note=, section=, min_streams=}: \
            adds a section of your own to qer() (the same name again replaces it), its query narrowed to the review's \
            scope and period and rendered like the built-in ones
            """)
    }

    /// Colour in the terminal rendering only when stdout is a terminal and NO_COLOR is unset.
    static var useColor: Bool { isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nil }

    private static func makeType() -> LuaObjectType<ReviewBox> {
        let t = LuaObjectType<ReviewBox>("Review", doc: """
            A Quality Experience Review: sections of figures (value, target, status, change, trend) and findings
            ordered by streams affected. print(r) shows it; r:save("qer.md" | "qer.html" | "findings.csv" | "findings.json").
            """)
        t.field("title", "the review's title") { .string($0.report.title) }
        t.field("period", "the period reviewed") { .string($0.report.period) }
        t.method("findings", "r:findings(): the findings, by impact, as a result set") { box, call in
            ResultSetBinding.push(box.report.findingsTable, call.L)
            return 1
        }
        t.method("figures", "r:figures(): every figure with its value, target, status and change, as a result set") { box, call in
            ResultSetBinding.push(box.report.figuresTable, call.L)
            return 1
        }
        t.method("figure", "r:figure(name): one figure as a record: value, target, status, previous, change, streams, trend (n periods, nil where no data)") { box, call in
            let name = try call.string(1)
            let all = box.report.allFigures.map(\.figure)
            guard let f = all.first(where: { $0.name == name }) else {
                throw call.error(1, "no figure '\(name)'" + didYouMean(name, all.map(\.name)))
            }
            var trend = LuaTable(fields: [(.string("n"), .integer(Int64(f.trend.count)))])
            for (i, v) in f.trend.enumerated() { if let v { trend.fields.append((.integer(Int64(i + 1)), .number(v))) } }
            func num(_ d: Double?) -> LuaValue { d.map { .number($0) } ?? .nil }
            return call.results(.table(LuaTable(fields: [
                (.string("name"), .string(f.name)), (.string("value"), num(f.value)), (.string("target"), num(f.target)),
                (.string("direction"), .string(f.direction.rawValue)), (.string("status"), .string(f.status.rawValue)),
                (.string("previous"), num(f.previous)), (.string("change"), num(f.change)),
                (.string("streams"), .integer(Int64(f.streams))), (.string("trend"), .table(trend)),
            ])))
        }
        t.method("save", "r:save(path): .md Markdown, .html one self-contained file with charts, .csv/.json the findings, .txt as printed") { box, call in
            let path = try call.string(1)
            let gate = FileGate.of(call.L)
            let lower = path.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                try ResultFiles.write(MarkdownReport.render(box.report), to: path, gate: gate)
            } else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
                try ResultFiles.write(HTMLReport.render(box.report), to: path, gate: gate)
            } else if lower.hasSuffix(".txt") {
                try ResultFiles.write(TerminalReport.render(box.report, color: false), to: path, gate: gate)
            } else if ResultFiles.mode(forPath: path) != nil {
                try ResultFiles.save(box.report.findingsTable, to: path, gate: gate)
            } else {
                throw call.error(1, "cannot tell the format of '\(path)': use .md, .html, .csv, .json or .txt")
            }
            return 0
        }
        t.describe { TerminalReport.render($0.report, color: useColor).trimmingTrailingNewline }
        return t
    }
}
