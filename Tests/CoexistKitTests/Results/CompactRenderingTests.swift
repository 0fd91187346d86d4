import Testing
@testable import CoexistKit

/// Tables inside a document (a review's figures): `compact` draws plain aligned columns and unpadded Markdown.
@Suite struct CompactRenderingTests {
    static let figures = ResultSet(
        columns: [Column("figure", .string), Column("value", .string, alignment: .right),
                  Column("status", .string, tones: ["misses": .bad])],
        rows: [[.string("Audio poor rate"), .string("3.40 %"), .string("misses")],
               [.string("Setup"), .string("no data"), .string("meets")]])

    @Test func compactTableIsIndentedColumnsWithoutBoxOrCount() {
        let text = ResultRenderer.render(Self.figures, RenderOptions(mode: .table, maxRows: 0, compact: true))
        #expect(text == """
          figure             value  status
          Audio poor rate   3.40 %  misses
          Setup            no data  meets \("")

        """)
    }

    @Test func compactTableColoursTonedCellsOnlyWithColour() {
        let plain = ResultRenderer.render(Self.figures, RenderOptions(mode: .table, compact: true))
        #expect(!plain.contains("\u{1B}"))
        let colored = ResultRenderer.render(Self.figures, RenderOptions(mode: .table, color: true, compact: true))
        #expect(colored.contains("\u{1B}[31mmisses\u{1B}[0m"))
        #expect(!colored.contains("\u{1B}[31mmeets"))
        // The boxed table colours toned cells too.
        #expect(ResultRenderer.render(Self.figures, RenderOptions(mode: .table, color: true)).contains("\u{1B}[31mmisses\u{1B}[0m"))
    }

    @Test func compactTableElidesWithOneLineOfDots() {
        let text = ResultRenderer.render(RenderFixtures.numbered(6), RenderOptions(mode: .table, maxRows: 2, compact: true))
        #expect(text == "  n\n  0\n  ·\n  5\n")
    }

    @Test func compactMarkdownIsUnpaddedWithTheShortestDelimiters() {
        let md = ResultRenderer.render(Self.figures, RenderOptions(mode: .markdown, compact: true))
        #expect(md == """
        | figure | value | status |
        |---|---:|---|
        | Audio poor rate | 3.40 % | misses |
        | Setup | no data | meets |

        """)
    }

    @Test func alignmentOverrideRightAlignsTextInTheBoxedTable() {
        let text = ResultRenderer.render(Self.figures, RenderOptions(mode: .table))
        #expect(text.contains("│  3.40 % │"))
    }
}
