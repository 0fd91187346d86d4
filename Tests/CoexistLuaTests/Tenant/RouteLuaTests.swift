import Testing
import CoexistKit
@testable import CoexistLua

@Suite struct RouteLuaTests {
    /// The demo's users in each kind of position the routing table names.
    struct People {
        let teamsOnly: String, teamsOnly2: String, islands: String, sfbMode: String
        init(_ t: CoexistenceTenant) throws {
            let all = t.users()
            let online = all.filter { $0.effectiveMode == .teamsOnly }
            teamsOnly = online[0].user.upn
            teamsOnly2 = online[1].user.upn
            islands = try #require(all.first { $0.effectiveMode == .islands && $0.homing == .onPremises }).user.upn
            sfbMode = try #require(all.first { $0.effectiveMode == .sfbWithTeamsCollab && $0.homing == .onPremises }).user.upn
        }

        /// A quoted UPN for a role name, or the Lua text itself for an external party.
        func party(_ role: String) -> String {
            switch role {
            case "teamsOnly": return "'\(teamsOnly)'"
            case "teamsOnly2": return "'\(teamsOnly2)'"
            case "islands": return "'\(islands)'"
            case "sfbMode": return "'\(sfbMode)'"
            default: return role
            }
        }
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let id: String, from: String, to: String, client: String, landsIn: String?, kind: String?
        var testDescription: String { id }
    }

    /// Rows of domain table 2.2 (in-tenant between demo users, federated towards an external party).
    static let rows: [Row] = [
        Row(id: "1a-1", from: "teamsOnly", to: "teamsOnly2", client: "teams", landsIn: "Teams", kind: "native"),
        Row(id: "1a-3", from: "islands", to: "teamsOnly", client: "sfb", landsIn: "Teams", kind: "interop"),
        Row(id: "1a-4", from: "sfbMode", to: "teamsOnly", client: "sfb", landsIn: "Teams", kind: "interop"),
        Row(id: "1b-1", from: "teamsOnly", to: "islands", client: "teams", landsIn: "Teams", kind: "native"),
        Row(id: "1c-1", from: "teamsOnly", to: "sfbMode", client: "teams", landsIn: "SfB", kind: "interop"),
        Row(id: "1c-2", from: "islands", to: "sfbMode", client: "teams", landsIn: nil, kind: nil),
        Row(id: "1b-4", from: "sfbMode", to: "islands", client: "sfb", landsIn: "SfB", kind: "SfB"),
        Row(id: "2a-1", from: "teamsOnly", to: "{mode='TeamsOnly'}", client: "teams", landsIn: "Teams", kind: "native federated"),
        Row(id: "2b-1", from: "teamsOnly", to: "{mode='Islands'}", client: "teams", landsIn: "SfB", kind: "interop federated"),
        Row(id: "2c-2", from: "islands", to: "{mode='SfBOnly'}", client: "teams", landsIn: nil, kind: nil),
    ]

    @Test(arguments: rows) func routeMatchesTheTable(_ row: Row) throws {
        let lua = try TenantLua()
        let people = try People(lua.tenant)
        try lua.run("r = route{from=\(people.party(row.from)), to=\(people.party(row.to)), client='\(row.client)'}")
        #expect(try lua.string("r.lands_in") == row.landsIn)
        #expect(try lua.string("r.kind") == row.kind)
        #expect(try lua.value("r.possible") == .boolean(row.landsIn != nil))
        if row.landsIn == nil { #expect(try lua.string("r.reason") != nil) }
        #expect(try lua.string("r.table_row") == row.id)
        #expect(try lua.text("r")?.contains(row.landsIn == nil ? "NOT POSSIBLE" : "lands in \(row.landsIn!)") == true)
    }

    @Test func presenceEachSideAndNotes() throws {
        let lua = try TenantLua()
        let people = try People(lua.tenant)
        try lua.run("r = route{from='\(people.teamsOnly)', to='\(people.sfbMode)'}")
        #expect(try lua.string("r.sender_sees") == "SfB")
        #expect(try lua.string("r.recipient_sees") == "Teams")
        #expect(try lua.string("r.notes[1]")?.hasPrefix("interop:") == true)
        try lua.run("r = route{from='\(people.sfbMode)', to='\(people.islands)'}")
        #expect(try lua.string("r.client") == "SfB")
        #expect(try lua.string("r.sender_sees") == "SfB")
    }

    @Test func routeOnADateFollowsPlannedMoves() throws {
        let lua = try TenantLua()
        let people = try People(lua.tenant)
        try lua.run("user('\(people.sfbMode)'):move('TeamsOnly', {on='2027-02-01'})")
        let question = "route{from='\(people.teamsOnly)', to='\(people.sfbMode)', on='%@'}.kind"
        #expect(try lua.string(question.replacingOccurrences(of: "%@", with: "2027-01-31")) == "interop")
        #expect(try lua.string(question.replacingOccurrences(of: "%@", with: "2027-02-01")) == "native")
    }

    @Test func routeErrors() throws {
        let lua = try TenantLua()
        let people = try People(lua.tenant)
        #expect(lua.error("route{from='\(people.teamsOnly)', to='\(people.islands)', client='tems'}")?.contains("did you mean") == true)
        #expect(lua.error("route{from='\(people.teamsOnly)', too='x'}")?.contains("did you mean 'to'") == true)
        #expect(lua.error("route{from='\(people.teamsOnly)', to={mode='Island'}}")?.contains("did you mean 'Islands'") == true)
        #expect(lua.error("route{from='\(people.teamsOnly)', to={mode='Islands'}, federated=false}")?.contains("federated") == true)
    }

    @Test func routingMatrixShapes() throws {
        let lua = try TenantLua()
        try lua.run("m = routing_matrix{}")
        #expect(try lua.value("m.columns[1]") == .string("from"))
        #expect(try lua.value("m.columns[5]") == .string("outcome"))
        // 4 cohorts x 4 cohorts x 2 clients, less the (from, client) pairs no sender of that cohort may use.
        let rows = try #require(try lua.integer("#m"))
        #expect(rows > 16 && rows <= 32)
        #expect(try lua.integer("#routing_matrix{by='mode'}") == 60)
        #expect(try lua.integer("#routing_matrix{by='mode', federated=true}") == 30)
        #expect(try lua.value("routing_matrix{by='mode'}[1].row") == .string("1b-1"))
        // Wave 1's on-premises Islands users lose Teams chat in an SfB mode (online users would stay TeamsOnly).
        try lua.run("cohort('Wave 1'):move('SfBWithTeamsCollab', {on='2027-01-01'})")
        #expect(try lua.value("routing_matrix{on='2027-01-01'}:column('pairs')") != lua.value("m:column('pairs')"))
        #expect(lua.error("routing_matrix{by='cohrt'}")?.contains("did you mean 'cohort'") == true)
    }
}
