import Testing
@testable import CoexistKit

/// The saved review reads top-down: the summary (targets met and missed, the top findings and their remedies)
/// before the sections; counts print as integers and rates with the table's decimals; a missing building is
/// spelled one way; the trend starts at the first month with data; no chart for a figure without data.
@Suite struct ReviewTopDownTests {
    func sample() -> ReviewReport {
        let setup = ReviewFigure(name: "Call setup failure rate", value: 0.4, target: 0.5, trend: [nil, nil, 0.6, 0.4], streams: 40_000)
        let poor = ReviewFigure(name: "Conferencing, overall", value: 11.26, target: 2.0, trend: [nil, nil, 9, 11.26], streams: 9_000)
        let empty = ReviewFigure(name: "Over VPN", value: nil, target: 2.0, trend: [nil, nil, nil, nil])
        let failures = ResultSet(columns: [Column("building", .string), Column("setup_failed", .int)],
                                 rows: [[.string("NYC-1"), .int(362)], [.null, .int(38)]],
                                 title: "top 10 building by setup_failed")
        let findings = (1...5).map { i in
            ReviewFinding(area: "Quality", title: "Finding \(i)", streamsAffected: 1_000 * i, remedy: "remedy \(i)")
        }
        return ReviewReport(title: "QER", scope: "whole tenant", period: "2026-10",
                            periods: ["2026-07", "2026-08", "2026-09", "2026-10"],
                            sections: [ReviewSection(name: "Reliability", figures: [setup], tables: [failures]),
                                       ReviewSection(name: "Quality", figures: [poor, empty])],
                            findings: findings)
    }

    func position(_ text: String, _ part: String) -> String.Index? { text.range(of: part)?.lowerBound }

    @Test func markdownOpensWithTheSummaryAndTheTopFindings() throws {
        let md = MarkdownReport.render(sample())
        let summary = try #require(position(md, "## Summary"))
        let firstSection = try #require(position(md, "## Reliability"))
        #expect(summary < firstSection)
        #expect(md.contains("**Targets:** 1 of 2 targets met, 1 missed; 1 could not be judged (no data or too few streams)."))
        #expect(md.contains("- Quality: Conferencing, overall: 11.26 % against <= 2.00 %\n"))
        // The three findings affecting most streams, with their remedies, before any section; the rest are counted.
        let top = try #require(position(md, "1. **Finding 5** (Quality, 5000 streams). Remedy: remedy 5"))
        #expect(top < firstSection)
        #expect(md.contains("3. **Finding 3**"))
        #expect(!md[..<firstSection].contains("Finding 2**"))
        #expect(md.contains("2 more under Findings below."))
    }

    @Test func htmlOpensWithTheSummaryAndHasAPrintStylesheet() throws {
        let html = HTMLReport.render(sample())
        let summary = try #require(position(html, "<section class=\"summary\">"))
        #expect(summary < (try #require(position(html, "<h2>Reliability</h2>"))))
        #expect(html.contains("<li><strong>Finding 5</strong> (Quality, 5000 streams). Remedy: remedy 5</li>"))
        #expect(html.contains("@media print{"))
    }

    @Test func countsAreIntegersAndRatesKeepTheTablesDecimals() {
        let html = HTMLReport.render(sample())
        // The bars beside the setup-failure counts say 38, as the table does, never "38.0".
        #expect(html.contains(">38</text>"))
        #expect(!html.contains(">38.0</text>"))
        let md = MarkdownReport.render(sample())
        #expect(md.contains("| Conferencing, overall | 11.26 % | <= 2.00 % | misses |"))
    }

    @Test func aMissingBuildingIsSpelledOneWayEverywhere() {
        let html = HTMLReport.render(sample())
        let md = MarkdownReport.render(sample())
        let term = TerminalReport.render(sample(), color: false)
        #expect(md.contains("| (no building) |"))
        #expect(!md.contains("NULL"))
        #expect(html.contains("<td>(no building)</td>"))
        #expect(html.contains(">(no building)</text>"))
        #expect(!html.contains("(none)"))
        #expect(term.contains("(no building)"))
    }

    @Test func theTrendStartsAtTheFirstMonthWithDataAndAFigureWithoutDataHasNoChart() {
        let md = MarkdownReport.render(sample())
        #expect(md.contains("**Trend:** 2026-09 to 2026-10"))
        #expect(md.contains("| Conferencing, overall | 11.26 % | <= 2.00 % | misses |  | ▁█ |"))
        let html = HTMLReport.render(sample())
        #expect(html.components(separatedBy: "class=\"chart\"").count - 1 == 2)
        #expect(!html.contains(">2026-07</text>"))
        #expect(html.contains(">2026-09</text>"))
    }

    @Test func markdownWritesEachTableCaptionOnce() {
        let md = MarkdownReport.render(sample())
        #expect(md.components(separatedBy: "top 10 building by setup_failed").count - 1 == 1)
    }
}
