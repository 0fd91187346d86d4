import Testing
@testable import CoexistKit

@Suite struct CSVRendererTests {
    @Test func headerAndRowsWithMachineValues() {
        let rs = ResultSet(
            columns: [Column("site", .string), Column("calls", .int), Column("mos", .double, decimals: 1), Column("ok", .bool), Column("at", .date)],
            rows: [
                [.string("Oslo"), .int(12), .double(4.123), .bool(true), .date(RenderFixtures.morning)],
                [.string("東京"), .null, .double(1e-5), .bool(false), .null],
            ]
        )
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.csv)) == """
        site,calls,mos,ok,at
        Oslo,12,4.123,true,2026-10-01T08:30:00Z
        東京,,0.00001,false,

        """)
    }

    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        let rs = ResultSet(
            columns: [Column("a,b", .string)],
            rows: [[.string("plain")], [.string("say \"hi\"")], [.string("x,y")], [.string("two\nlines")], [.string("cr\r")], [.string("")], [.null]]
        )
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.csv)) == "\"a,b\"\nplain\n\"say \"\"hi\"\"\"\n\"x,y\"\n\"two\nlines\"\n\"cr\r\"\n\"\"\n\n")
    }

    @Test func noHeaderLineWhenHeadersAreOff() {
        let text = ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.csv, headers: false))
        #expect(text == "Oslo,12,4.1\n東京,7,\nZoë,-3,3.456\n")
    }

    @Test func everyRowIsWrittenRegardlessOfMaxRows() {
        let text = ResultRenderer.render(RenderFixtures.numbered(1000), RenderFixtures.options(.csv, maxRows: 10))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1002)
        #expect(lines[500] == "499")
        #expect(lines.last == "")
    }
}
