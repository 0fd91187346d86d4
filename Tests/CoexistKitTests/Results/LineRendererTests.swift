import Testing
@testable import CoexistKit

@Suite struct LineRendererTests {
    @Test func namesRightAlignedAndRecordsSeparatedByBlankLines() {
        #expect(ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.line)) == """
         site = Oslo
        calls = 12
          mos = 4.10

         site = 東京
        calls = 7
          mos = NULL

         site = Zoë
        calls = -3
          mos = 3.46

        """)
    }

    @Test func wideNamesAlignByDisplayWidth() {
        let rs = ResultSet(columns: [Column("拠点", .string), Column("calls", .int)], rows: [[.string("東京"), .int(1)]])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.line)) == " 拠点 = 東京\ncalls = 1\n")
    }

    @Test func elisionNamesHowManyRowsAreHidden() {
        let text = ResultRenderer.render(RenderFixtures.numbered(10), RenderFixtures.options(.line, maxRows: 3))
        #expect(text == "n = 0\n\nn = 1\n\n… 7 more rows …\n\nn = 9\n")
    }

    @Test func emptyResultPrintsNothing() {
        #expect(ResultRenderer.render(RenderFixtures.numbered(0), RenderFixtures.options(.line)) == "")
    }
}
