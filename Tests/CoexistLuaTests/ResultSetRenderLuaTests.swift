@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// `tostring(rs)` and `print(rs)` follow the engine's render settings (the shell's .mode, .headers, .nullvalue,
/// .maxrows); rs:save writes HTML pages; rs:chart draws; change reports and routes render through the modes.
@Suite struct ResultSetRenderLuaTests {
    static let rows = "rs = result{{site='Oslo', calls=12}, {site='Bergen'}, {site='Tromsø', calls=3}}"

    @Test func tostringFollowsTheModeHeadersAndNullValue() throws {
        let lua = try TenantLua()
        try lua.run(Self.rows)
        // Table mode draws box characters only when the current output is a terminal (ASCII into pipes and files).
        #expect(try lua.text("rs")?.hasPrefix(isatty(fileno(stdout)) != 0 ? "┌" : "+") == true)
        lua.engine.renderOptions = RenderOptions(mode: .box)
        #expect(try lua.text("rs")?.hasPrefix("┌") == true)
        lua.engine.renderOptions = RenderOptions(mode: .csv)
        #expect(try lua.text("rs") == "calls,site\n12,Oslo\n,Bergen\n3,Tromsø")
        lua.engine.renderOptions = RenderOptions(mode: .csv, headers: false)
        #expect(try lua.text("rs") == "12,Oslo\n,Bergen\n3,Tromsø")
        lua.engine.renderOptions = RenderOptions(mode: .markdown, nullValue: "-")
        #expect(try lua.text("rs")?.contains("|     - | Bergen |") == true)
        lua.engine.renderOptions = RenderOptions(mode: .html)
        #expect(try lua.text("rs")?.hasPrefix("<table>\n<tr><th>calls</th><th>site</th></tr>") == true)
        // print goes through tostring, so it follows the mode too.
        lua.engine.renderOptions = RenderOptions(mode: .json)
        #expect(try lua.output("print(rs)") == "[\n{\"calls\":12,\"site\":\"Oslo\"},\n{\"calls\":null,\"site\":\"Bergen\"},\n{\"calls\":3,\"site\":\"Tromsø\"}\n]\n")
    }

    @Test func tostringFollowsMaxRows() throws {
        let lua = try TenantLua()
        try lua.run("local t = {} for i = 1, 100 do t[i] = {n = i} end rs = result(t)")
        #expect(try lua.text("rs")?.contains("100 rows (40 shown)") == true)
        lua.engine.renderOptions = RenderOptions(mode: .table, maxRows: 4)
        #expect(try lua.text("rs")?.contains("100 rows (4 shown)") == true)
        lua.engine.renderOptions = RenderOptions(mode: .table, maxRows: 0)
        #expect(try lua.text("rs")?.hasSuffix("100 rows") == true)
    }

    @Test func saveWritesAWholeHTMLPageWithEveryRow() throws {
        let lua = try TenantLua()
        let path = TenantLua.temporaryPath("rows.html")
        try lua.run("local t = {} for i = 1, 100 do t[i] = {n = i, name = '<b>' .. i} end result(t):save('\(path)')")
        let page = try TenantLua.read(path)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<td>&lt;b&gt;100</td>"))
        #expect(page.components(separatedBy: "<tr>").count - 1 == 101)
        #expect(lua.error("rs = result{{a=1}} rs:save('x.pdf')")?.contains(".md, .html or .txt") == true)
    }

    @Test func chartDrawsTextAndSVGAndRefusesBadOptions() throws {
        let lua = try TenantLua()
        try lua.run(Self.rows)
        // Counts are drawn as counts, never "12.0".
        #expect(try lua.string("rs:chart{x='site', y='calls', width=4}") == "calls\nOslo    ████ 12\nBergen  no data\nTromsø  █ 3")
        #expect(try lua.string("rs:chart{x='site', kind='sparkline'}") == "█ ▁")
        // The README's example: bars 40 cells wide for the largest value.
        #expect(try lua.string("rs:chart{x=\"site\", y=\"calls\"}")?.contains("Oslo    " + String(repeating: "█", count: 40) + " 12") == true)
        #expect(try lua.string("rs:chart{x='site', kind='line', format='svg', title='Calls'}")?.hasPrefix("<svg") == true)
        #expect(try lua.string("rs:chart{x='site', format='svg'}")?.contains("class=\"bars\"") == true)
        #expect(lua.error("rs:chart{x='site', kind='bar'}")?.contains("did you mean 'bars'") == true)
        #expect(lua.error("rs:chart{x='sites'}")?.contains("did you mean 'site'") == true)
        #expect(lua.error("rs:chart{x='calls', y='site'}")?.contains("not a number") == true)
        #expect(lua.error("rs:chart{x='site', kind='sparkline', format='svg'}")?.contains("a sparkline is text") == true)
        #expect(lua.error("rs:chart{x='site', width=0}")?.contains("between 4 and 400") == true)
        #expect(lua.error("rs:chart{colour='red'}")?.contains("unknown option 'colour'") == true)
        #expect(lua.error("result{{a='x'}}:chart()")?.contains("no numeric column") == true)
    }

    @Test func routeAnswersPrintAsASentenceOrAsARowInOtherModes() throws {
        let lua = try TenantLua()
        try lua.run("r = route{from={mode='TeamsOnly'}, to={mode='Islands'}}")
        #expect(try lua.text("r")?.contains("lands in") == true)
        #expect(try lua.integer("#r:table()") == 1)
        lua.engine.renderOptions = RenderOptions(mode: .json)
        let json = try #require(try lua.text("r"))
        #expect(json.hasPrefix("[\n{\"from\":"))
        #expect(json.contains("\"possible\":true"))
        #expect(json.contains("\"lands_in\":\"\(try #require(try lua.string("r.lands_in")))\""))
        #expect(json.contains("\"table_row\":\"\(try #require(try lua.string("r.table_row")))\""))
    }

    @Test func changeReportsRenderTheirSummaryAndUsersInOtherModes() throws {
        let lua = try TenantLua()
        try lua.run("r = cohort('Wave 2'):move('TeamsOnly', {on='2027-02-01', dry_run=true})")
        #expect(try lua.text("r")?.contains("dry run: nothing changed") == true)
        #expect(try lua.string("r:summary()[1].item") == "change")
        lua.engine.renderOptions = RenderOptions(mode: .markdown)
        let md = try #require(try lua.text("r"))
        #expect(md.contains("| status "))
        #expect(md.contains("dry run: nothing changed"))
        #expect(md.contains("| upn "))
        lua.engine.renderOptions = RenderOptions(mode: .csv)
        let csv = try #require(try lua.text("r"))
        #expect(csv.hasPrefix("upn,cohort,action,"))
        #expect(csv.split(separator: "\n").count == 1 + Int(try lua.integer("r.changed") ?? 0))
    }
}
