import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CoexistKit

@Suite struct HTMLRendererTests {
    @Test func htmlModeIsAnEscapedTableWithCaptionAndNumbersRight() {
        var rs = RenderFixtures.sites
        rs.title = "sites <by> \"calls\""
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.html)) == """
        <table>
        <caption>sites &lt;by&gt; &quot;calls&quot;</caption>
        <tr><th>site</th><th>calls</th><th>mos</th></tr>
        <tr><td>Oslo</td><td class="num">12</td><td class="num">4.10</td></tr>
        <tr><td>東京</td><td class="num">7</td><td class="num">NULL</td></tr>
        <tr><td>Zoë</td><td class="num">-3</td><td class="num">3.46</td></tr>
        </table>

        """)
    }

    @Test func markupInDataIsEscapedAndControlsDropped() {
        let rs = ResultSet(columns: [Column("a&b", .string)], rows: [[.string("<script>alert('x')</script>\u{07}")]])
        let html = ResultRenderer.render(rs, RenderFixtures.options(.html))
        #expect(html.contains("<th>a&amp;b</th>"))
        #expect(html.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("\u{07}"))
    }

    @Test func headersOffNullValueAndElisionAreHonoured() {
        let rs = ResultSet(columns: [Column("n", .int)], rows: (0..<10).map { $0 == 0 ? [.null] : [.int($0)] })
        let html = ResultRenderer.render(rs, RenderFixtures.options(.html, headers: false, maxRows: 4, nullValue: "-"))
        #expect(!html.contains("<th>"))
        #expect(html.contains("<td class=\"num\">-</td>"))
        #expect(html.contains("<tr class=\"elided\"><td colspan=\"1\">… 6 more rows …</td></tr>"))
        // The first two and the last two rows stay, as in the other human modes.
        #expect(html.contains(">1</td>") && html.contains(">8</td>") && html.contains(">9</td>"))
        #expect(!html.contains(">2</td>"))
        #expect(!ResultRenderer.render(rs, RenderFixtures.options(.html, maxRows: 0)).contains("elided"))
    }

    @Test func tonesAndAlignmentOverridesBecomeClasses() {
        let rs = ResultSet(columns: [Column("figure", .string, alignment: .right),
                                     Column("status", .string, tones: ["misses": .bad, "meets": .good])],
                           rows: [[.string("3.40 %"), .string("misses")], [.string("1.00 %"), .string("meets")],
                                  [.string("x"), .string("no data")]])
        let html = HTMLRenderer.table(rs, RenderFixtures.options(.html), cssClass: "figures")
        #expect(html.hasPrefix("<table class=\"figures\">\n"))
        #expect(html.contains("<tr><td class=\"num\">3.40 %</td><td class=\"bad\">misses</td></tr>"))
        #expect(html.contains("<td class=\"good\">meets</td>"))
        #expect(html.contains("<td>no data</td>"))
    }

    @Test func aSavedPageIsWellFormedAndSelfContained() throws {
        var rs = RenderFixtures.sites
        rs.title = "Sites & calls"
        let page = HTMLRenderer.document(rs, RenderFixtures.options(.html, maxRows: 0))
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta charset=\"utf-8\"/>"))
        #expect(page.contains("<title>Sites &amp; calls</title>"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
    }

    @Test func htmlIsAnOutputModeByName() {
        #expect(OutputMode(rawValue: "html") == .html)
    }
}
