import Testing
import CoexistKit
@testable import CoexistLua

/// `calls:where{cohort=...}`, `:by("department")` and `:top("user_city")` from Lua, on the workspace's
/// own registration, following make_cohort and undo.
@Suite("user dimensions from Lua")
struct UserDimensionLuaTests {
    static func lua() throws -> CallsLua {
        let lua = try CallsLua()
        CoexistenceBindings.install(lua.workspace, in: lua.engine)
        return lua
    }

    /// Rows whose first user's directory record satisfies `test`.
    static func rows(_ lua: CallsLua, _ test: (Int) -> Bool) -> Int {
        let t = lua.workspace.coexistence
        return (0..<lua.store.count).filter { i in
            guard case .string(let upn) = lua.store.value(.firstUser, at: i), let p = t.directory.position(of: upn) else { return false }
            return test(p)
        }.count
    }

    @Test("where{cohort=}, where{department=} and where{user_city=} count what the directory says")
    func whereByUser() throws {
        let lua = try Self.lua()
        let t = lua.workspace.coexistence
        let wave2 = Self.rows(lua) { t.cohorts.cohortName(ofUser: $0) == "Wave 2" }
        #expect(wave2 > 0)
        #expect(try lua.integer("calls:where{cohort='Wave 2'}:count()") == wave2)
        #expect(try lua.integer("calls:where{cohort={'Wave 2', 'Pilot'}}:count()")
            == Self.rows(lua) { ["Wave 2", "Pilot"].contains(t.cohorts.cohortName(ofUser: $0)) })
        let dept = t.directory[0].department, city = t.directory[0].city
        #expect(try lua.integer("calls:where{department='\(dept)'}:count()") == Self.rows(lua) { t.directory[$0].department == dept })
        #expect(try lua.integer("calls:where{user_city='\(city)'}:count()") == Self.rows(lua) { t.directory[$0].city == city })
        let top = try lua.resultSet("calls:top('department', 10)")
        for row in top.rows {
            guard case .string(let d) = row[0] else { continue }
            #expect(row[1] == .int(Self.rows(lua) { t.directory[$0].department == d }))
        }
        #expect(try lua.value("(function() for r in calls:where{cohort='Wave 2'}:rows() do return r.cohort end end)()") == .string("Wave 2"))
    }

    @Test("make_cohort and undo show in the next query")
    func followsMakeCohort() throws {
        let lua = try Self.lua()
        let before = try lua.integer("calls:where{cohort='Wave 2'}:count()")
        try lua.run("make_cohort('Sales wave', {department='Sales'})")
        let t = lua.workspace.coexistence
        let sales = Self.rows(lua) { t.directory[$0].department == "Sales" }
        #expect(sales > 0)
        #expect(try lua.integer("calls:where{cohort='Sales wave'}:count()") == sales)
        #expect(try lua.integer("calls:where{cohort='Wave 2'}:count()") == Self.rows(lua) { t.cohorts.cohortName(ofUser: $0) == "Wave 2" })
        try lua.run("undo()")
        #expect(try lua.integer("calls:where{cohort='Sales wave'}:count()") == 0)
        #expect(try lua.integer("calls:where{cohort='Wave 2'}:count()") == before)
    }
}
