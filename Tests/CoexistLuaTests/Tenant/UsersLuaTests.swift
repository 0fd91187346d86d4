import Testing
import CoexistKit
@testable import CoexistLua

@Suite struct UsersLuaTests {
    @Test func usersCountFilterAndPredicateAgree() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("#users") == 200)
        #expect(try lua.integer("users:count()") == 200)
        let byFilter = try #require(try lua.integer("users:where{department=\"Sales\"}:count()"))
        let byPredicate = try lua.integer("users:where(function(u) return u.department == 'Sales' end):count()")
        let expected = lua.tenant.users().filter { $0.user.department == "Sales" }.count
        #expect(byFilter == Int64(expected))
        #expect(byPredicate == Int64(expected))
        // A selection narrows further, and a list of values matches any of them.
        #expect(try lua.integer("users:where{department='Sales'}:where{homing='on-premises'}:count()")
            == Int64(lua.tenant.users().filter { $0.user.department == "Sales" && $0.homing == .onPremises }.count))
        #expect(try lua.integer("users:where{cohort={'Pilot', 'Wave 1'}}:count()") == 60)
    }

    @Test func oneUserByUpnPositionOrFunction() throws {
        let lua = try TenantLua()
        let first = lua.tenant.directory[0]
        #expect(try lua.string("users[1].upn") == first.upn)
        #expect(try lua.string("users['\(first.upn.uppercased())'].upn") == first.upn)
        #expect(try lua.string("user('\(first.upn)').display_name") == first.displayName)
        #expect(try lua.value("users[1] == user('\(first.upn)')") == .boolean(true))
        #expect(try lua.value("users[201]") == .nil)
        let islander = try #require(lua.tenant.users().first { $0.effectiveMode == .islands })
        let u = "user('\(islander.user.upn)')"
        #expect(try lua.string("\(u).mode") == "Islands")
        #expect(try lua.string("\(u).policy") == "Islands")
        #expect(try lua.string("\(u).homing") == "on-premises")
        #expect(try lua.string("\(u).cohort") == "Wave 1")   // the first wave in Islands (since 2026-08-31)
        #expect(try lua.value("\(u).notify_sfb_users") == .boolean(false))
        #expect(try lua.string("\(u).sip_address") == islander.user.sipAddress)
        #expect(try lua.string("\(u).mailbox") == islander.user.mailbox.rawValue)
        // A user without a grant shows the tenant global as the effective policy.
        #expect(try lua.string("users:where{homing='on-premises', cohort='Wave 3'}[1].policy") == nil)
        #expect(try lua.string("users:where{homing='on-premises', cohort='Wave 3'}[1].effective_policy") == "SfBWithTeamsCollab")
    }

    @Test func iterationAndResultSet() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("(function() local n = 0 for u in users:where{cohort='Wave 2'}:rows() do n = n + 1 end return n end)()") == 70)
        #expect(try lua.integer("#users:table()") == 200)
        #expect(try lua.value("users:table().columns[7]") == .string("mode"))
        #expect(try lua.integer("#users:where{cohort='Pilot'}:upns()") == 10)
        #expect(try lua.text("users")?.contains("200 users on 2026-11-01") == true)
    }

    @Test func errorsSuggestTheNearestName() throws {
        let lua = try TenantLua()
        let upn = lua.tenant.directory[0].upn
        let typo = String(upn.dropFirst())
        #expect(lua.error("return user('\(typo)')")?.contains("did you mean '\(upn)'") == true)
        #expect(lua.error("return users['\(typo)']")?.contains("did you mean '\(upn)'") == true)
        #expect(lua.error("return users:where{departmnt='Sales'}")?.contains("did you mean 'department'") == true)
        #expect(lua.error("return users:wher{}")?.contains("did you mean 'where'") == true)
        #expect(lua.error("return users:where(42)")?.contains("filter table") == true)
        #expect(lua.error("return users:where(function(u) error('boom') end)")?.contains("boom") == true)
    }

    @Test func helpListsFieldsAndMethods() throws {
        let lua = try TenantLua()
        let cohortHelp = try lua.output("help(cohort('Pilot'))")
        #expect(cohortHelp.contains("Cohort: An upgrade cohort"))
        for member in [".name", ".count", ":move", ":summary", ":readiness", ":members", ":powershell"] {
            #expect(cohortHelp.contains(member), "help(cohort) lacks \(member)")
        }
        let userHelp = try lua.output("help(users[1])")
        for member in [".upn", ".mode", ".policy", ".homing", ".notify_sfb_users", ".enterprise_voice", ":move"] {
            #expect(userHelp.contains(member), "help(user) lacks \(member)")
        }
        #expect(try lua.output("help(route)").contains("route{from="))
        #expect(try lua.output("help()").contains("make_cohort"))
    }
}
