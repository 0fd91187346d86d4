import Testing
@testable import CoexistKit

@Suite struct TableRendererTests {
    @Test func boxWithCentredHeadersAndTypedAlignment() {
        let text = ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.table))
        #expect(text == """
        ┌──────┬───────┬──────┐
        │ site │ calls │ mos  │
        ├──────┼───────┼──────┤
        │ Oslo │    12 │ 4.10 │
        │ 東京 │     7 │ NULL │
        │ Zoë  │    -3 │ 3.46 │
        └──────┴───────┴──────┘
        3 rows

        """)
    }

    @Test func everyLineHasTheSameDisplayWidth() {
        var rs = RenderFixtures.sites
        rs.rows.append([.string("👨‍👩‍👧 Café e\u{301}"), .int(1), .double(1)])
        let lines = ResultRenderer.render(rs, RenderFixtures.options(.table)).split(separator: "\n").dropLast()
        let widths = Set(lines.map { DisplayWidth.of(String($0)) })
        #expect(widths.count == 1)
    }

    @Test func titleNullTextAndNoHeaders() {
        var rs = RenderFixtures.sites
        rs.title = "sites"
        rs.rows = [rs.rows[1]]
        let text = ResultRenderer.render(rs, RenderFixtures.options(.table, headers: false, nullValue: "-"))
        #expect(text == """
        sites
        ┌──────┬───┬───┐
        │ 東京 │ 7 │ - │
        └──────┴───┴───┘
        1 row

        """)
    }

    @Test func boolsAndDatesAlignLeft() {
        let rs = ResultSet(
            columns: [Column("ok", .bool), Column("when", .date)],
            rows: [[.bool(true), .date(RenderFixtures.morning)], [.bool(false), .date(RenderFixtures.midnight)]]
        )
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.table)) == """
        ┌───────┬─────────────────────┐
        │  ok   │        when         │
        ├───────┼─────────────────────┤
        │ true  │ 2026-10-01 08:30:00 │
        │ false │ 2026-10-01          │
        └───────┴─────────────────────┘
        2 rows

        """)
    }

    @Test func emptyResultStillShowsItsColumns() {
        let rs = ResultSet(columns: [Column("site", .string), Column("calls", .int)])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.table)) == """
        ┌──────┬───────┐
        │ site │ calls │
        ├──────┼───────┤
        └──────┴───────┘
        0 rows

        """)
    }

    @Test func noColumns() {
        #expect(ResultRenderer.render(ResultSet(columns: []), RenderFixtures.options(.table)) == "(no columns)\n")
    }

    @Test func longResultsKeepBothEndsAndElideTheMiddle() {
        let text = ResultRenderer.render(RenderFixtures.numbered(10), RenderFixtures.options(.table, maxRows: 5))
        #expect(text == """
        ┌───┐
        │ n │
        ├───┤
        │ 0 │
        │ 1 │
        │ 2 │
        │ · │
        │ 8 │
        │ 9 │
        └───┘
        10 rows (5 shown)

        """)
    }

    @Test func elisionShowsExactlyMaxRowsOfData() {
        let text = ResultRenderer.render(RenderFixtures.numbered(1000), RenderFixtures.options(.table))
        let dataLines = text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst()
        #expect(dataLines.count == 41)
        #expect(dataLines.first == "│   0 │")
        #expect(dataLines.dropFirst(20).first == "│  ·  │")
        #expect(dataLines.last == "│ 999 │")
        #expect(text.hasSuffix("└─────┘\n1000 rows (40 shown)\n"))
        #expect(!text.contains("│  20 │") && text.contains("│  19 │") && text.contains("│ 980 │"))
    }

    @Test func zeroMaxRowsShowsEverything() {
        let text = ResultRenderer.render(RenderFixtures.numbered(100), RenderFixtures.options(.table, maxRows: 0))
        #expect(!text.contains("·"))
        #expect(text.contains("│ 50 │"))
        #expect(text.hasSuffix("100 rows\n"))
    }

    @Test func controlCharactersCannotBreakTheBox() {
        let rs = ResultSet(columns: [Column("note", .string)], rows: [[.string("a\nb\u{1B}[2J")]])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.table)).contains("│ a\\nb\\x1B[2J │"))
    }

    @Test func colourBoldsHeadersWithoutShiftingColumns() {
        let text = ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.table, color: true))
        #expect(text.contains("│ \u{1B}[1msite\u{1B}[0m │ \u{1B}[1mcalls\u{1B}[0m │ \u{1B}[1mmos\u{1B}[0m  │"))
        let plain = ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.table))
        #expect(text.split(separator: "\n").dropFirst(2) == plain.split(separator: "\n").dropFirst(2))
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func tenThousandRowsUnelidedStayAligned() {
        var rs = ResultSet(columns: [Column("id", .int), Column("site", .string), Column("mos", .double), Column("jitter", .double, decimals: 1), Column("at", .date)])
        for i in 0..<10_000 {
            rs.rows.append([.int(i), .string(i % 7 == 0 ? "東京 \(i)" : "site \(i)"), .double(Double(i) / 7), .double(Double(i % 100) * 0.37), .date(RenderFixtures.morning + Double(i) * 61)])
        }
        let lines = ResultRenderer.render(rs, RenderFixtures.options(.table, maxRows: 0)).split(separator: "\n")
        #expect(lines.count == 10_000 + 5)
        #expect(lines.last == "10000 rows")
        #expect(Set(lines.dropLast().map { DisplayWidth.of(String($0)) }).count == 1)
    }
}
