import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CoexistKit

@Suite struct ChartTests {
    static let buildings = ChartSeries(name: "poor by building", unit: "%", labels: ["SEA-2", "東京", "RED-1"],
                                       values: [8, 2, nil])

    @Test func sparklineSpansLowToHighAndLeavesGaps() {
        #expect(TerminalChart.sparkline([1, nil, 8]) == "▁ █")
        #expect(TerminalChart.sparkline([nil, nil]) == "  ")
        #expect(TerminalChart.sparkline([5, 5]) == "▄▄")
        #expect(TerminalChart.sparkline([1, .nan, 8]) == "▁ █")
    }

    @Test func terminalBarsScaleToTheLargestAndLineUpWideLabels() {
        let text = TerminalChart.bars(Self.buildings, width: 8)
        #expect(text == """
        poor by building
        SEA-2  ████████ 8.00 %
        東京   ██ 2.00 %
        RED-1  no data

        """)
        // Eighths of a cell: 1 of 8 over 4 cells is half a cell.
        #expect(TerminalChart.bars(ChartSeries(name: "", labels: ["a", "b"], values: [8, 1]), width: 4) == "a  ████ 8.00\nb  ▌ 1.00\n")
        // Negative values draw no bar but keep their value.
        #expect(TerminalChart.bars(ChartSeries(name: "", labels: ["a", "b"], values: [2, -1]), width: 2) == "a  ██ 2.00\nb  -1.00\n")
    }

    @Test func terminalLinePutsTheHighestOnTopAndLabelsTheEnds() {
        let s = ChartSeries(name: "trend", labels: ["2026-06", "2026-07", "2026-08"], values: [1, 3, 2])
        let lines = TerminalChart.line(s, height: 3, spacing: 4).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "trend")
        #expect(lines[1] == "3.00 ┤   ·●··")
        #expect(lines[2] == "     ┤ ··    ·●")
        #expect(lines[3] == "1.00 ┤●")
        #expect(lines[4] == "     └" + String(repeating: "─", count: 9))
        #expect(lines[5].hasPrefix("      2026-06") && lines[5].hasSuffix("2026-08"))
        #expect(TerminalChart.line(ChartSeries(name: "", labels: [], values: [nil])) == "no data\n")
    }

    @Test func svgLineIsWellFormedBreaksAtGapsAndKeepsEndLabelsInside() throws {
        let s = ChartSeries(name: "Poor rate <VPN>", labels: ["2026-06", "2026-07", "2026-08", "2026-09"], values: [2, 3, nil, 4])
        let svg = SVGChart.line(s, target: 2.5)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("Poor rate &lt;VPN&gt;"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        // The gap leaves one segment of two points; the lone last point is a dot only.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.contains("class=\"target\""))
        // The last label ends at the last point instead of being centred on it and cut at the edge.
        #expect(svg.contains("text-anchor=\"end\" fill=\"#666\">2026-09</text>"))
        #expect(svg.contains("text-anchor=\"start\" fill=\"#666\">2026-06</text>"))
    }

    @Test func svgLineSetsATitleWiderThanTheChartSmaller() throws {
        let long = ChartSeries(name: "Call setup failure rate, conferencing, Wi-Fi 2.4 GHz internal", labels: [], values: [1, 2])
        let size = try #require(SVGChart.line(long).firstRange(of: "y=\"14\" font-size=\"").map {
            Double(SVGChart.line(long)[$0.upperBound...].prefix { $0 != "\"" })
        } ?? nil)
        #expect(size < 11 && size >= 7)
        #expect(SVGChart.line(ChartSeries(name: "short", labels: [], values: [1, 2])).contains("y=\"14\" font-size=\"11.0\""))
    }

    @Test func svgBarsWidenTheLabelColumnForLongLabelsAndRedPastTheTarget() throws {
        let short = SVGChart.bars(ChartSeries(name: "t", labels: ["a"], values: [1]))
        #expect(short.contains("<rect x=\"140.0\""))
        let label = "Microphone Array (Realtek(R) Audio) on a long device name"
        let long = SVGChart.bars(ChartSeries(name: "t", labels: [label, "b"], values: [3, 1]), target: 2)
        #expect(XMLParser(data: Data(long.utf8)).parse())
        let x = try #require(long.firstRange(of: "<rect x=\"").map { long[$0.upperBound...].prefix { $0 != "\"" } })
        #expect(Double(x)! >= SVGChart.textWidth(label, fontSize: 10))
        #expect(long.components(separatedBy: "fill=\"#c0392b\"").count - 1 == 1)
    }

    @Test func seriesFromAResultSetTakesLabelsAndNumbers() {
        let s = ChartSeries(RenderFixtures.sites, label: 0, value: 2)
        #expect(s.labels == ["Oslo", "東京", "Zoë"])
        #expect(s.values == [4.1, nil, 3.456])
        #expect(s.name == "mos")
    }
}
