import Testing
@testable import CoexistKit

/// The review's documents drawn through the renderer family.
@Suite struct ReviewRenderingTests {
    func report() -> ReviewReport {
        let info = ReviewFigure(name: "PSTN, overall", value: 3.4, trend: [3, 3.4], streams: 100)
        let table = ResultSet(columns: [Column("building", .string), Column("streams", .int)],
                              rows: [[.string("SEA-2"), .int(9)]], title: "streams by building")
        return ReviewReport(title: "QER", scope: "contoso", period: "2026-10", periods: ["2026-09", "2026-10"],
                            sections: [ReviewSection(name: "Quality", figures: [info], tables: [table])])
    }

    @Test func markdownWritesEachBreakdownTitleOnce() {
        let md = MarkdownReport.render(report())
        #expect(md.components(separatedBy: "**streams by building**").count - 1 == 1)
    }

    @Test func aFigureWithoutTargetIsMutedInHTMLAndDimInTheTerminal() {
        #expect(HTMLReport.render(report()).contains("<td class=\"muted\">no target</td>"))
        #expect(TerminalReport.render(report(), color: true).contains("\u{1B}[2mno target\u{1B}[0m"))
    }

    @Test func trendChartsLabelTheLastPeriodWhole() {
        #expect(HTMLReport.render(report()).contains("text-anchor=\"end\" fill=\"#666\">2026-10</text>"))
    }

    @Test func markdownEscapesPipesAndNewlinesInTextAroundTables() {
        var r = report()
        r.sections[0].note = "a | b\nc"
        #expect(MarkdownReport.render(r).contains("a \\| b<br>c\n"))
    }
}
