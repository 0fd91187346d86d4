import Testing
import CoexistKit
@testable import CoexistLua

/// rs:sort, where, head, select, add, pivot, join and format from Lua: each returns a new result set (so they
/// chain and the original is unchanged), and a misspelt column, direction or option is refused by name.
@Suite struct ResultSetVerbsLuaTests {
    static let weeks = """
        rs = result({{week='W1', site='Oslo', poor=4}, {week='W1', site='Bergen', poor=9},
                     {week='W2', site='Oslo', poor=2}, {week='W2', site='Bergen', poor=7}}, {'week', 'site', 'poor'})
        """

    func lua() throws -> TenantLua {
        let lua = try TenantLua()
        try lua.run(Self.weeks)
        return lua
    }

    func list(_ lua: TenantLua, _ expression: String, _ column: String) throws -> String? {
        try lua.string("table.concat((\(expression)):column('\(column)'), ',')")
    }

    @Test func sortWithSeveralKeysAndDirections() throws {
        let lua = try lua()
        #expect(try list(lua, "rs:sort('poor', 'desc')", "poor") == "9,7,4,2")
        #expect(try list(lua, "rs:sort('site', 'asc', 'poor', 'desc')", "poor") == "9,7,4,2")
        #expect(try list(lua, "rs:sort('site', 'poor')", "poor") == "7,9,2,4")
        #expect(try list(lua, "rs:sort('week', 'DESC', 'site')", "site") == "Bergen,Oslo,Bergen,Oslo")
        // The original is untouched.
        #expect(try list(lua, "rs", "poor") == "4,9,2,7")
    }

    @Test func sortRefusesABadColumnOrDirectionNamingTheNearest() throws {
        let lua = try lua()
        #expect(lua.error("rs:sort('pooor')")?.contains("sort: no column 'pooor' (did you mean 'poor'?)") == true)
        #expect(lua.error("rs:sort('poor', 'dsc')")?.contains("sort: direction must be \"asc\" or \"desc\", got 'dsc' (did you mean 'desc'?)") == true)
        #expect(lua.error("rs:sort('poor', 'sitte')")?.contains("no column 'sitte' (did you mean 'site'?)") == true)
        #expect(lua.error("rs:sort()")?.contains("sort: name at least one column") == true)
    }

    @Test func whereTakesAFunctionOrATableOfValues() throws {
        let lua = try lua()
        #expect(try list(lua, "rs:where(function(r) return r.poor > 4 end)", "poor") == "9,7")
        #expect(try list(lua, "rs:where{site='Oslo'}", "poor") == "4,2")
        #expect(try list(lua, "rs:where{site={'Oslo', 'Bergen'}, week='W2'}", "poor") == "2,7")
        #expect(lua.error("rs:where{stie='Oslo'}")?.contains("where: no column 'stie' (did you mean 'site'?)") == true)
        #expect(lua.error("rs:where(function(r) error('boom') end)")?.contains("boom") == true)
        #expect(lua.error("rs:where(3)")?.contains("where: give a function") == true)
    }

    @Test func headSelectAndAdd() throws {
        let lua = try lua()
        #expect(try lua.integer("#rs:head(3)") == 3)
        #expect(try lua.integer("#rs:head(0)") == 0)
        #expect(lua.error("rs:head(-2)")?.contains("head: the row count must be 0 or more, got -2") == true)
        #expect(try lua.string("table.concat(rs:select('poor', 'week').columns, ',')") == "poor,week")
        #expect(try lua.string("table.concat(rs:select{'site'}.columns, ',')") == "site")
        #expect(lua.error("rs:select('weak')")?.contains("select: no column 'weak' (did you mean 'week'?)") == true)
        #expect(try list(lua, "rs:add('share', function(r) return r.poor / 2 end)", "share") == "2.0,4.5,1.0,3.5")
        #expect(lua.error("rs:add('poor', function(r) return 1 end)")?.contains("add: there is already a column 'poor'") == true)
        #expect(try lua.string("rs:add('x', function(r) return 1 end):column('x')[1] == 1 and 'ok'") == "ok")
    }

    @Test func pivotTurnsWeeksIntoColumns() throws {
        let lua = try lua()
        try lua.run("wide = rs:pivot{rows='site', cols='week', value='poor'}")
        #expect(try lua.string("table.concat(wide.columns, ',')") == "site,W1,W2")
        #expect(try lua.integer("wide[2].W2") == 7)
        try lua.run("n = rs:pivot{rows={'site'}, cols='week', value='poor', agg='count'}")
        #expect(try lua.integer("n[1].W1") == 1)
        #expect(lua.error("rs:pivot{rows='site', cols='week', value='poor', agg='avg'}")?.contains("agg is one of sum, mean, min, max, count, first, got 'avg'") == true)
        #expect(lua.error("rs:pivot{rows='site', cols='wek', value='poor'}")?.contains("pivot: no column 'wek' (did you mean 'week'?)") == true)
        #expect(lua.error("rs:pivot{rows='site', col='week', value='poor'}")?.contains("unknown option 'col' (did you mean 'cols'?)") == true)
        #expect(lua.error("rs:pivot{rows='site', value='poor'}")?.contains("cols= is required") == true)
    }

    @Test func joinPutsTwoResultSetsSideBySide() throws {
        let lua = try lua()
        try lua.run("cities = result{{site='Oslo', city='Oslo', staff=40}}")
        try lua.run("j = rs:join(cities, 'site')")
        #expect(try lua.integer("#j") == 2)
        #expect(try lua.string("table.concat(j.columns, ',')") == "week,site,poor,city,staff")
        #expect(try lua.integer("#rs:join(cities, {'site'}, {how='left'})") == 4)
        #expect(lua.error("rs:join(cities, 'site', {how='outer'})")?.contains("join: how is \"inner\" or \"left\", got 'outer'") == true)
        #expect(lua.error("rs:join(cities, 'sit')")?.contains("join: no column 'sit' (did you mean 'site'?)") == true)
        #expect(lua.error("rs:join({}, 'site')") != nil)
    }

    @Test func verbsChain() throws {
        let lua = try lua()
        let text = try lua.text("rs:where{week='W2'}:sort('poor', 'desc'):select('site', 'poor'):head(1)")
        #expect(text?.contains("Bergen") == true)
        #expect(text?.contains("Oslo") == false)
    }

    @Test func userBuiltNumbersPrintLikeBuiltInOnes() throws {
        let lua = try lua()
        // Built-in measures print two decimals by default; a result{} built in Lua now prints the same way.
        lua.engine.renderOptions = RenderOptions(mode: .csv)
        #expect(try lua.text("result{{v=2.345678}}") == "v\n2.345678")  // machine modes keep every digit
        lua.engine.renderOptions = RenderOptions(mode: .line)
        #expect(try lua.text("result{{v=2.345678}}") == "v = 2.35")
        #expect(try lua.text("result{{v=2.345678}}:format{v=4}") == "v = 2.3457")
        #expect(try lua.text("result{{v=2.345678}}:format{v=4}:format{v=false}") == "v = 2.35")
        lua.engine.renderOptions = RenderOptions(mode: .line, numbers: nil)
        #expect(try lua.text("result{{v=2.345678}}") == "v = 2.345678")
        #expect(lua.error("result{{v=1}}:format{v=20}")?.contains("format: decimals for 'v' must be between 0 and 12, got 20") == true)
        #expect(lua.error("result{{v=1}}:format{w=2}")?.contains("format: no column 'w' (did you mean 'v'?)") == true)
    }

    /// The README's examples, as written there.
    @Test func readmeExamplesRun() throws {
        let lua = try lua()
        try lua.run("rs = rs:add('poor_pct', function(r) return r.poor * 1.5 end)")
        try lua.run("other = result{{site='Oslo', city='Oslo'}}")
        for example in ["rs:sort(\"poor\", \"desc\", \"site\")", "rs:where{site=\"Oslo\"}", "rs:where{site={\"Oslo\", \"Bergen\"}}",
                        "rs:head(5)", "rs:select(\"site\", \"poor\")", "rs:add(\"half\", function(r) return r.poor / 2 end)",
                        "rs:pivot{rows=\"site\", cols=\"week\", value=\"poor\"}", "rs:join(other, \"site\")",
                        "rs:join(other, \"site\", {how=\"left\"})", "rs:format{poor_pct=1}",
                        "rs:where{week=\"W2\"}:sort(\"poor\", \"desc\"):select(\"site\", \"poor\"):head(1)"] {
            // Not a terminal, so the table is drawn in ASCII (h-shell's rule for pipes and files).
            let shown = try lua.text(example) ?? ""
            #expect(shown.hasPrefix("+-") && shown.split(separator: "\n").dropFirst().first?.contains(" site ") == true, "\(example): \(shown)")
        }
        #expect(try lua.text("rs:format{poor_pct=1}")?.contains("13.5") == true)
    }
}
