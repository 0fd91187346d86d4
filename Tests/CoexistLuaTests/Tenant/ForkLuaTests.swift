import Testing
import CoexistKit
@testable import CoexistLua

/// `tenant:fork()`: a what-if copy whose moves, undo and change log are its own.
@Suite struct ForkLuaTests {
    @Test func movesOnAForkStayOnTheFork() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        try lua.run("f = tenant:fork('what-if')")
        #expect(try lua.string("f.name") == "what-if")
        try lua.run("r = f:cohort('Wave 1'):move('TeamsOnly', {reason='scenario'}); upn = r:table()[1].upn")
        #expect(try lua.string("f:user(upn).policy") == "UpgradeToTeams")
        #expect(try lua.string("user(upn).policy") != "UpgradeToTeams")
        #expect(try lua.integer("#f.changes") == 1)
        #expect(try lua.integer("#changes") == 0)
        #expect(try lua.value("f.changes:table()[1].why") == .string("scenario"))
        #expect(lua.tenant == before)
        try lua.run("f.users:where{department='Sales'}:move('Islands')")
        #expect(try lua.integer("#f.changes") == 2)
        try lua.run("f:undo(); f:undo()")
        #expect(try lua.integer("#f.changes") == 0)
        #expect(try lua.value("f:user(upn).policy") == lua.value("user(upn).policy"))
        #expect(lua.error("f:undo()")?.contains("nothing to undo") == true)
    }

    @Test func aForkStartsWithTheJournalSoFar() throws {
        let lua = try TenantLua()
        try lua.run("make_cohort('Early', {department='Sales'})")
        try lua.run("f = tenant:fork()")
        #expect(try lua.integer("#f.changes") == 1)
        try lua.run("f:undo()")
        #expect(lua.error("f:cohort('Early')")?.contains("unknown cohort 'Early'") == true)
        #expect(try lua.integer("#changes") == 1)
        #expect((try lua.integer("cohort('Early').count") ?? 0) > 0)
    }
}
