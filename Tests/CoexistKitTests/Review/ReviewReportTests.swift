import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CoexistKit

@Suite struct ReviewReportTests {
    func sample() -> ReviewReport {
        let poor = ReviewFigure(name: "Audio poor stream rate, conferencing", value: 3.4, target: 2.0, previous: 2.9,
                                trend: [2.1, nil, 2.5, 2.9, 3.4], streams: 12_000)
        let setup = ReviewFigure(name: "Call setup failure rate", value: 0.4, target: 0.5, previous: 0.6,
                                 trend: [0.7, 0.6, 0.6, 0.6, 0.4], streams: 40_000)
        let certified = ReviewFigure(name: "Certified devices", value: 72, target: 80, direction: .atLeast,
                                     trend: [70, 71, 71, 72, 72], streams: 30_000)
        let empty = ReviewFigure(name: "Audio poor rate over VPN <b>", value: nil, target: 2.0, trend: [nil, nil, nil, nil, nil])
        let byBuilding = ResultSet(columns: [Column("building", .string), Column("poor_pct", .double)],
                                   rows: [[.string("SEA-2 & annex"), .double(9.1)], [.string("RED-1"), .double(0.8)]],
                                   title: "Audio poor rate by building")
        return ReviewReport(
            title: "Quality Experience Review", scope: "contoso, whole tenant", period: "2026-10",
            periods: ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"],
            sections: [ReviewSection(name: "Reliability", figures: [setup]),
                       ReviewSection(name: "Quality", figures: [poor, empty], tables: [byBuilding]),
                       ReviewSection(name: "Endpoints", figures: [certified])],
            findings: [ReviewFinding(area: "Endpoints", title: "Uncertified devices", streamsAffected: 8_400, remedy: "replace"),
                       ReviewFinding(area: "Quality", title: "SEA-2 Wi-Fi 2.4 GHz", detail: "9.1 % poor",
                                     streamsAffected: 12_000, remedy: "prefer 5 GHz")])
    }

    @Test(arguments: [
        (2.0, 2.0, TargetDirection.atMost, FigureStatus.meets), (2.0001, 2.0, .atMost, .misses),
        (80.0, 80.0, .atLeast, .meets), (79.99, 80.0, .atLeast, .misses),
    ])
    func statusAtTheBoundaries(_ value: Double, _ target: Double, _ direction: TargetDirection, _ status: FigureStatus) {
        #expect(ReviewFigure(name: "f", value: value, target: target, direction: direction).status == status)
    }

    @Test func missingValueIsNoDataAndHasNoChange() {
        let f = ReviewFigure(name: "f", value: nil, target: 1, previous: 2)
        #expect(f.status == .noData)
        #expect(f.change == nil)
        #expect(ReviewFigure(name: "f", value: 3, previous: 2).change == 1)
    }

    @Test func sparklineSpansLowToHighAndLeavesGaps() {
        #expect(TerminalChart.sparkline([1, nil, 8]) == "▁ █")
        #expect(TerminalChart.sparkline([nil, nil]) == "  ")
        #expect(TerminalChart.sparkline([5, 5]) == "▄▄")
    }

    @Test func findingsAreOrderedByImpact() {
        #expect(sample().orderedFindings.map(\.streamsAffected) == [12_000, 8_400])
    }

    @Test func htmlIsWellFormedSelfContainedAndHasOneChartPerMeasure() throws {
        let html = HTMLReport.render(sample())
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        // One trend chart per figure with data: the VPN figure has none, and an empty axis would read as zero.
        #expect(html.components(separatedBy: "class=\"chart\"").count - 1 == 3)
        #expect(!html.contains("data-series=\"Audio poor rate over VPN &lt;b&gt;\""))
        #expect(html.contains("class=\"bars\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(html.contains("SEA-2 &amp; annex"))
        #expect(html.contains("VPN &lt;b&gt;"))
    }

    @Test func markdownHasAFigureTablePerSectionAndTheFindings() {
        let md = MarkdownReport.render(sample())
        let lines = md.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "| Figure | Value | Target | Status | Change | Trend |" }.count == 3)
        #expect(lines.contains("| Audio poor stream rate, conferencing | 3.40 % | <= 2.00 % | misses | +0.50 | ▁ ▃▅█ |"))
        #expect(lines.contains("| 1 | Quality | SEA-2 Wi-Fi 2.4 GHz: 9.1 % poor | 12000 | prefer 5 GHz |"))
        // Every table row has the same number of cells as its header.
        for line in lines where line.hasPrefix("| Audio") || line.hasPrefix("| Call") || line.hasPrefix("| Cert") {
            #expect(line.filter { $0 == "|" }.count == 7)
        }
    }

    @Test func terminalHasNoEscapesWithoutColourAndColoursStatusWithIt() {
        let plain = TerminalReport.render(sample(), color: false)
        #expect(!plain.contains("\u{1B}"))
        #expect(plain.contains("misses"))
        #expect(plain.contains("no data"))
        let colored = TerminalReport.render(sample(), color: true)
        #expect(colored.contains("\u{1B}[31mmisses"))
    }

    @Test func anEmptyReviewSaysSo() {
        let r = ReviewReport(title: "QER", scope: "empty", period: "2026-10")
        #expect(TerminalReport.render(r, color: false).contains("none: every figure with data meets its target"))
        #expect(XMLParser(data: Data(HTMLReport.render(r).utf8)).parse())
    }
}
