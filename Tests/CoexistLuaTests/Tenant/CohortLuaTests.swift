import Testing
import CoexistKit
@testable import CoexistLua

@Suite struct CohortLuaTests {
    @Test func cohortObjectCountsAndSummaries() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("cohort('Wave 2').count") == 70)
        #expect(try lua.integer("#cohort('wave 2')") == 70)
        #expect(try lua.string("cohort('wave 2').name") == "Wave 2")
        #expect(try lua.integer("#cohort('Wave 2'):members()") == 70)
        #expect(try lua.value("cohort('Wave 2'):summary().columns[1]") == .string("dimension"))
        let byMode = try lua.value("cohort('Wave 2'):summary('mode'):column('users')")
        #expect(byMode.tableValue?.array.compactMap(\.integerValue).reduce(0, +) == 70)
        #expect(lua.error("return cohort('Wave 2'):summary('departmen')")?.contains("did you mean 'department'") == true)
        #expect(try lua.value("cohort('Wave 2'):readiness()[1].flag") == .string("on_premises"))
        // At the start of the journey the whole of Wave 2 is homed on-premises; the Pilot went TeamsOnly (-MoveToTeams).
        #expect(try lua.value("cohort('Wave 2'):readiness()[1].users") == .integer(70))
        #expect(try lua.text("cohort('Pilot')") == "cohort 'Pilot': 10 users on 2026-11-01; TeamsOnly 10")
        #expect(try lua.text("cohort('Wave 2')") == "cohort 'Wave 2': 70 users on 2026-11-01; Islands 70; 70 homed on-premises")
    }

    @Test func cohortsListAndIterate() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("#cohorts") == 4)
        #expect(try lua.string("cohorts[3].name") == "Wave 2")
        #expect(try lua.value("cohorts:names()") == .table(LuaTable(array: ["Pilot", "Wave 1", "Wave 2", "Wave 3"].map { .string($0) })))
        #expect(try lua.integer("#cohorts:table()") == 4)
        #expect(try lua.integer("(function() local n = 0 for c in cohorts:each() do n = n + c.count end return n end)()") == 200)
    }

    @Test func unknownCohortSuggests() throws {
        let lua = try TenantLua()
        #expect(lua.error("return cohort('Wave2')")?.hasPrefix("test:1: unknown cohort 'Wave2' (did you mean 'Wave 2'?)") == true)
    }

    @Test func makeCohortFromFilterPredicateListSelectionAndCSV() throws {
        let lua = try TenantLua()
        let sales = lua.tenant.users().filter { $0.user.department == "Sales" }.count
        #expect(try lua.integer("make_cohort('Sales', {department='Sales'}).count") == Int64(sales))
        #expect(try lua.integer("make_cohort('Voice', function(u) return u.enterprise_voice end).count")
            == Int64(lua.tenant.users().filter { $0.user.enterpriseVoice }.count))
        let a = lua.tenant.directory[0].upn, b = lua.tenant.directory[1].upn
        #expect(try lua.integer("make_cohort('Two', {'\(a)', '\(b)'}).count") == 2)
        #expect(try lua.value("(function() local s = users:where{cohort='Voice'} return make_cohort('Sel', s).count == #s and #s > 0 end)()") == .boolean(true))
        let csv = TenantLua.temporaryPath("members.csv")
        try AtomicFile.write("upn\n\(a)\n\(b)\n", to: csv)
        #expect(try lua.integer("make_cohort('FromFile', '\(csv)').count") == 2)
        #expect(lua.error("make_cohort('Bad', 'members.txt')")?.contains("not a .csv file") == true)
    }

    @Test func takingUsersFromAnotherCohortPrintsANotice() throws {
        let lua = try TenantLua()
        let pilot = lua.tenant.cohorts.cohorts[0].members.prefix(3).map { lua.tenant.directory[$0].upn }
        let list = pilot.map { "'\($0)'" }.joined(separator: ", ")
        let printed = try lua.output("make_cohort('Early', {\(list)})")
        #expect(printed == "notice: 3 user(s) moved from cohort 'Pilot' to 'Early'\n")
        #expect(try lua.integer("cohort('Pilot').count") == 7)
        #expect(try lua.string("user('\(pilot[0])').cohort") == "Early")
        let added = try lua.value("cohort('Early'):add{'\(lua.tenant.directory[199].upn)'}.notices[1]")
        #expect(added.stringValue?.contains("to 'Early'") == true)
    }

    @Test func aFailedMakeCohortChangesNothing() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        let a = lua.tenant.directory[0].upn
        let message = lua.error("make_cohort('Half', {'\(a)', 'nobody@contoso.com'})")
        #expect(message?.contains("unknown user 'nobody@contoso.com'") == true)
        #expect(lua.tenant == before)
        #expect(lua.error("return cohort('Half')")?.contains("unknown cohort") == true)
    }

    @Test func deleteAndRemoveAreUndoable() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        try lua.run("cohort('Wave 3'):remove{cohort='Wave 3', department='Sales'}")
        #expect(try lua.integer("cohort('Wave 3').count")! < 70)
        try lua.run("cohort('Wave 3'):delete()")
        #expect(lua.error("return cohort('Wave 3')")?.contains("unknown cohort") == true)
        try lua.run("undo() undo()")
        #expect(lua.tenant == before)
    }
}
