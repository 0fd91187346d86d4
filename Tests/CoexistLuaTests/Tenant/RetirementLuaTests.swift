import Testing
import CoexistKit
@testable import CoexistLua

/// route{} and routing_matrix{} from Lua on dates either side of Skype for Business Online's retirement.
@Suite struct RetirementLuaTests {
    @Test func externalOnlinePartyFollowsTheDate() throws {
        let lua = try TenantLua()
        // The demo starts on-premises (its Pilot went online only in 2026): a user moved to Teams in May 2021 is
        // TeamsOnly on both sides of the retirement.
        let sender = try #require(lua.tenant.users().first { $0.cohort == "Wave 3" }).user.upn
        try lua.run("user('\(sender)'):move('TeamsOnly', {on='2021-05-01'})")
        let question = "route{from='\(sender)', to={mode='Islands', homing='online'}, on='%@'}"
        let after = question.replacingOccurrences(of: "%@", with: "2026-10-01")
        #expect(try lua.string("\(after).label") == "Teams (native federated)")
        #expect(try lua.string("\(after).notes[#\(after).notes]")?.hasSuffix("Skype for Business Online was retired on 31 July 2021") == true)
        #expect(try lua.text(after)?.contains("external TeamsOnly user (online)") == true)
        // On the retirement day the online Islands partner still receives federated messages in SfB (table 2.3).
        #expect(try lua.string("\(question.replacingOccurrences(of: "%@", with: "2021-07-31")).label") == "SfB (interop federated)")
    }

    @Test func asOfEitherSideOfTheRetirement() throws {
        let lua = try TenantLua()
        // Homed online since May 2021 (-MoveToTeams), before the Islands grant and the retirement.
        let online = try #require(lua.tenant.users().first { $0.cohort == "Wave 3" }).user.upn
        try lua.run("user('\(online)'):move('TeamsOnly', {on='2021-05-01'})")
        #expect(try lua.string("user('\(online)').homing") == "online")
        try lua.run("user('\(online)'):move('Islands', {on='2021-06-01'})")
        #expect(try lua.string("tenant:as_of('2021-07-31'):user('\(online)').mode") == "Islands")
        #expect(try lua.string("tenant:as_of('2021-08-01'):user('\(online)').mode") == "TeamsOnly")
        #expect(try lua.string("tenant:as_of('2021-08-01'):user('\(online)').policy_mode") == "Islands")
        #expect(try lua.string("user('\(online)').mode") == "TeamsOnly")
    }

    @Test func modeMatrixOnADate() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("#routing_matrix{by='mode'}") == 60)
        #expect(try lua.integer("#routing_matrix{by='mode', on='2021-07-31'}") == 110)
        #expect(try lua.integer("#routing_matrix{by='mode', on='2021-08-01'}") == 60)
    }
}
