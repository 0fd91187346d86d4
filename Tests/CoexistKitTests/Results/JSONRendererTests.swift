import Foundation
import Testing
@testable import CoexistKit

@Suite struct JSONRendererTests {
    @Test func oneObjectPerLineWithKeysInColumnOrder() {
        let text = ResultRenderer.render(RenderFixtures.sites, RenderFixtures.options(.json))
        #expect(text == """
        [
        {"site":"Oslo","calls":12,"mos":4.1},
        {"site":"東京","calls":7,"mos":null},
        {"site":"Zoë","calls":-3,"mos":3.456}
        ]

        """)
    }

    @Test func emptyResultIsAnEmptyArray() {
        let rs = ResultSet(columns: [Column("a", .int)])
        #expect(ResultRenderer.render(rs, RenderFixtures.options(.json)) == "[]\n")
    }

    @Test func stringsAreEscapedPerRFC8259() {
        #expect(JSONRenderer.string("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(JSONRenderer.string("a\nb\u{1}\u{1F}") == #""a\u000Ab\u0001\u001F""#)
        #expect(JSONRenderer.string("東京 😀") == "\"東京 😀\"")
    }

    @Test func valuesOfEveryKind() {
        #expect(JSONRenderer.value(.double(.nan)) == "null")
        #expect(JSONRenderer.value(.double(-.infinity)) == "null")
        #expect(JSONRenderer.value(.double(1e-5)) == "0.00001")
        #expect(JSONRenderer.value(.bool(false)) == "false")
        #expect(JSONRenderer.value(.date(RenderFixtures.morning)) == "\"2026-10-01T08:30:00Z\"")
        #expect(JSONRenderer.value(.null) == "null")
    }

    @Test func parsesBackWithJSONSerialization() throws {
        let rs = ResultSet(
            columns: [Column("name \"q\"", .string), Column("n", .int), Column("x", .double), Column("ok", .bool), Column("at", .date), Column("none", .string)],
            rows: [
                [.string("tab\there\nline \\ \u{0} 東京 😀"), .int(Int(Int32.max)), .double(0.1 + 0.2), .bool(true), .date(RenderFixtures.morning), .null],
                [.string(""), .int(-1), .double(.infinity), .bool(false), .date(RenderFixtures.midnight), .string("x")],
                [.string("tiny"), .int(0), .double(2.5e-6), .null, .null, .null],
                [.string("huge"), .int(0), .double(1e300), .null, .null, .null],
            ]
        )
        let text = ResultRenderer.render(rs, RenderFixtures.options(.json, maxRows: 2))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.count == 4)
        #expect(objects[0]["name \"q\""] as? String == "tab\there\nline \\ \u{0} 東京 😀")
        #expect((objects[0]["n"] as? NSNumber)?.intValue == Int(Int32.max))
        // corelibs Foundation's parser is off by an ulp here, so the exact digits are checked in the text.
        #expect(text.contains(#""x":0.30000000000000004,"#))
        #expect(abs(((objects[0]["x"] as? NSNumber)?.doubleValue ?? 0) - 0.3) < 1e-15)
        #expect(objects[0]["ok"] as? Bool == true)
        #expect(objects[0]["at"] as? String == "2026-10-01T08:30:00Z")
        #expect(objects[0]["none"] is NSNull)
        #expect(objects[1]["x"] is NSNull)
        #expect((objects[2]["x"] as? NSNumber)?.doubleValue == 2.5e-6)
        #expect((objects[3]["x"] as? NSNumber)?.doubleValue == 1e300)
    }
}
