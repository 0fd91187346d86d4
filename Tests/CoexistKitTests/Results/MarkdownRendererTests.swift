import Testing
@testable import CoexistKit

@Suite struct MarkdownRendererTests {
    @Test func paddedGitHubTableWithNumbersRightAligned() {
        var rs = RenderFixtures.sites
        rs.title = "sites"
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.markdown)) == """
        **sites**

        | site | calls |  mos |
        |------|------:|-----:|
        | Oslo |    12 | 4.10 |
        | 東京 |     7 | NULL |
        | Zoë  |    -3 | 3.46 |

        """)
    }

    @Test func pipesAndNewlinesAreEscaped() {
        let rs = ResultSet(columns: [Column("a|b", .string)], rows: [[.string("x|y")], [.string("one\r\ntwo\nthree")]])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.markdown)) == """
        | a\\|b                |
        |---------------------|
        | x\\|y                |
        | one<br>two<br>three |

        """)
    }

    @Test func elidedRowsAndCountAfterTheTable() {
        let text = ResultRenderer.render(RenderFixtures.numbered(7), RenderFixtures.options(.markdown, maxRows: 4))
        #expect(text == """
        |   n |
        |----:|
        |   0 |
        |   1 |
        |   … |
        |   5 |
        |   6 |

        *7 rows (4 shown)*

        """)
    }

    @Test func headerRowStaysButIsBlankWhenHeadersAreOff() {
        let rs = ResultSet(columns: [Column("site", .string)], rows: [[.string("Oslo")]])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.markdown, headers: false)) == """
        |      |
        |------|
        | Oslo |

        """)
    }
}
