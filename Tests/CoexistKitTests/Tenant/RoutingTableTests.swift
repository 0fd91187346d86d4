import Testing
@testable import CoexistKit

/// Domain table 2.2, row by row. `SfB*` rows run once for each of the three SfB modes, on both sides.
struct RoutingRow: Sendable, CustomTestStringConvertible {
    var id: String
    var federated: Bool
    var originator: CoexistenceMode
    var client: ClientApp
    var recipient: CoexistenceMode
    /// nil = NOT POSSIBLE
    var lands: ClientApp?
    var kind: ThreadKind?

    var testDescription: String { "\(id) \(originator.rawValue)/\(client.rawValue) -> \(recipient.rawValue)" }
}

private let sfbModes: [CoexistenceMode] = [.sfbOnly, .sfbWithTeamsCollab, .sfbWithTeamsCollabAndMeetings]

/// (id, scope, orig mode or "SfB*", client, recipient or "SfB*", lands, type) exactly as in the reference.
private let table22: [(String, Bool, String, ClientApp, String, ClientApp?, ThreadKind?)] = [
    ("1a-1", false, "TeamsOnly", .teams, "TeamsOnly", .teams, .native),
    ("1a-2", false, "Islands", .teams, "TeamsOnly", .teams, .native),
    ("1a-3", false, "Islands", .sfb, "TeamsOnly", .teams, .interop),
    ("1a-4", false, "SfB*", .sfb, "TeamsOnly", .teams, .interop),
    ("1b-1", false, "TeamsOnly", .teams, "Islands", .teams, .native),
    ("1b-2", false, "Islands", .teams, "Islands", .teams, .native),
    ("1b-3", false, "Islands", .sfb, "Islands", .sfb, .sfb),
    ("1b-4", false, "SfB*", .sfb, "Islands", .sfb, .sfb),
    ("1c-1", false, "TeamsOnly", .teams, "SfB*", .sfb, .interop),
    ("1c-2", false, "Islands", .teams, "SfB*", nil, nil),
    ("1c-3", false, "Islands", .sfb, "SfB*", .sfb, .sfb),
    ("1c-4", false, "SfB*", .sfb, "SfB*", .sfb, .sfb),
    ("2a-1", true, "TeamsOnly", .teams, "TeamsOnly", .teams, .nativeFederated),
    ("2a-2", true, "Islands", .teams, "TeamsOnly", nil, nil),
    ("2a-3", true, "Islands", .sfb, "TeamsOnly", .teams, .interopFederated),
    ("2a-4", true, "SfB*", .sfb, "TeamsOnly", .teams, .interopFederated),
    ("2b-1", true, "TeamsOnly", .teams, "Islands", .sfb, .interopFederated),
    ("2b-2", true, "Islands", .teams, "Islands", nil, nil),
    ("2b-3", true, "Islands", .sfb, "Islands", .sfb, .sfbFederation),
    ("2b-4", true, "SfB*", .sfb, "Islands", .sfb, .sfbFederation),
    ("2c-1", true, "TeamsOnly", .teams, "SfB*", .sfb, .interopFederated),
    ("2c-2", true, "Islands", .teams, "SfB*", nil, nil),
    ("2c-3", true, "Islands", .sfb, "SfB*", .sfb, .sfbFederation),
    ("2c-4", true, "SfB*", .sfb, "SfB*", .sfb, .sfbFederation),
]

private func expand(_ name: String) -> [CoexistenceMode] {
    name == "SfB*" ? sfbModes : [CoexistenceMode(rawValue: name)!]
}

let routingRows: [RoutingRow] = table22.flatMap { row in
    expand(row.2).flatMap { o in
        expand(row.4).map { r in
            RoutingRow(id: row.0, federated: row.1, originator: o, client: row.3, recipient: r, lands: row.5, kind: row.6)
        }
    }
}

@Suite("routing: domain tables 2.2, 2.3 and 2.6")
struct RoutingTableTests {
    @Test("every row of table 2.2 (originators homed as the table implies)", arguments: routingRows)
    func table22Row(_ row: RoutingRow) {
        let outcome = Router.route(from: RouteParty(mode: row.originator), to: RouteParty(mode: row.recipient),
                                   client: row.client, federated: row.federated)
        #expect(outcome.landsIn == row.lands)
        #expect(outcome.kind == row.kind)
        #expect(outcome.tableRow == row.id)
        #expect((outcome.notPossibleReason != nil) == (row.lands == nil))
    }

    @Test("the table has 24 rows and covers each SfB mode")
    func tableSize() {
        #expect(table22.count == 24)
        #expect(Set(routingRows.map(\.id)).count == 24)
    }

    /// Table 2.3: Islands and SfB* originators homed in SfB Online (before 31 Jul 2021).
    @Test("pre-retirement rows for online-homed originators (table 2.3)", arguments: table23Cases)
    func table23Row(_ federated: Bool, _ originator: CoexistenceMode, _ client: ClientApp,
                    _ recipient: CoexistenceMode, _ lands: ClientApp, _ kind: ThreadKind) {
        let outcome = Router.route(from: RouteParty(mode: originator, homing: .online), to: RouteParty(mode: recipient),
                                   client: client, federated: federated)
        #expect(outcome.landsIn == lands)
        #expect(outcome.kind == kind)
        #expect(outcome.tableRow == nil)
    }

    /// After 31 July 2021 table 2.3's originators (homed online) are TeamsOnly whatever their policy names: from
    /// Teams they get table 2.2's TeamsOnly rows (1a-1 ... 2c-1), from SfB nothing is possible. Planned as of the
    /// retirement day itself, they keep table 2.3's outcome.
    @Test("post-retirement: table 2.3's online originators route as TeamsOnly (rows x-1 of table 2.2)", arguments: table23Cases)
    func table23AfterRetirement(_ federated: Bool, _ originator: CoexistenceMode, _ client: ClientApp,
                                _ recipient: CoexistenceMode, _ lands: ClientApp, _ kind: ThreadKind) throws {
        let after = RouteParty(policyMode: originator, homing: .online, on: PlanDay(year: 2021, month: 8, day: 1))
        let outcome = Router.route(from: after, to: RouteParty(mode: recipient), client: client, federated: federated)
        if client == .sfb {
            #expect(!outcome.isPossible)
        } else {
            let letter = recipient == .teamsOnly ? "a" : recipient == .islands ? "b" : "c"
            let row = try #require(routingRows.first { $0.id == "\(federated ? 2 : 1)\(letter)-1" && $0.recipient == recipient })
            #expect(outcome.landsIn == row.lands && outcome.kind == row.kind && outcome.tableRow == row.id)
        }
        #expect(outcome.notes.contains { $0.contains("Skype for Business Online was retired on 31 July 2021") })
        let onTheDay = RouteParty(policyMode: originator, homing: .online, on: PlanDay.sfbOnlineRetirement)
        let before = Router.route(from: onTheDay, to: RouteParty(mode: recipient), client: client, federated: federated)
        #expect(before.landsIn == lands && before.kind == kind)
    }

    /// A recipient homed online after the retirement is TeamsOnly too: every row of table 2.2 towards an online
    /// Islands or SfB* recipient gives the outcome of the same originator's row towards TeamsOnly (column a).
    @Test("post-retirement: online recipients in any policy mode receive as TeamsOnly", arguments: routingRows)
    func onlineRecipientAfterRetirement(_ row: RoutingRow) throws {
        let recipient = RouteParty(policyMode: row.recipient, homing: .online, on: PlanDay(year: 2021, month: 8, day: 1))
        let outcome = Router.route(from: RouteParty(mode: row.originator), to: recipient, client: row.client, federated: row.federated)
        let columnA = String(row.id.prefix(1)) + "a" + String(row.id.dropFirst(2))
        let expected = try #require(routingRows.first { $0.id == columnA && $0.originator == row.originator })
        #expect(outcome.landsIn == expected.lands && outcome.kind == expected.kind)
    }
}

private let table23Cases: [(Bool, CoexistenceMode, ClientApp, CoexistenceMode, ClientApp, ThreadKind)] = [
        (false, CoexistenceMode.islands, ClientApp.teams, CoexistenceMode.islands, ClientApp.teams, ThreadKind.native),
        (false, .islands, .teams, .sfbWithTeamsCollab, .sfb, .interop),
        (false, .islands, .teams, .teamsOnly, .teams, .native),
        (false, .islands, .sfb, .islands, .sfb, .sfb),
        (false, .islands, .sfb, .sfbOnly, .sfb, .sfb),
        (false, .islands, .sfb, .teamsOnly, .teams, .interop),
        (false, .sfbOnly, .sfb, .islands, .sfb, .sfb),
        (false, .sfbWithTeamsCollab, .sfb, .sfbOnly, .sfb, .sfb),
        (false, .sfbWithTeamsCollabAndMeetings, .sfb, .teamsOnly, .teams, .interop),
        (true, .islands, .teams, .islands, .sfb, .interopFederated),
        (true, .islands, .teams, .sfbOnly, .sfb, .interopFederated),
        (true, .islands, .teams, .teamsOnly, .teams, .nativeFederated),
        (true, .islands, .sfb, .islands, .sfb, .sfbFederation),
        (true, .islands, .sfb, .sfbWithTeamsCollab, .sfb, .sfbFederation),
        (true, .islands, .sfb, .teamsOnly, .teams, .interopFederated),
        (true, .sfbOnly, .sfb, .islands, .sfb, .sfbFederation),
        (true, .sfbOnly, .sfb, .sfbOnly, .sfb, .sfbFederation),
        (true, .sfbOnly, .sfb, .teamsOnly, .teams, .interopFederated),
]

extension RoutingTableTests {
    /// Tables 3 (in-tenant) and 4 (federated): watcher client x publisher mode -> presence seen.
    @Test("every cell of presence tables 3 and 4", arguments: [
        (false, ClientApp.sfb, CoexistenceMode.islands, ClientApp.sfb),
        (false, .sfb, .sfbOnly, .sfb), (false, .sfb, .sfbWithTeamsCollab, .sfb), (false, .sfb, .sfbWithTeamsCollabAndMeetings, .sfb),
        (false, .sfb, .teamsOnly, .teams),
        (false, .teams, .islands, .teams),
        (false, .teams, .sfbOnly, .sfb), (false, .teams, .sfbWithTeamsCollab, .sfb), (false, .teams, .sfbWithTeamsCollabAndMeetings, .sfb),
        (false, .teams, .teamsOnly, .teams),
        (true, .sfb, .islands, .sfb),
        (true, .sfb, .sfbOnly, .sfb), (true, .sfb, .sfbWithTeamsCollab, .sfb), (true, .sfb, .sfbWithTeamsCollabAndMeetings, .sfb),
        (true, .sfb, .teamsOnly, .teams),
        (true, .teams, .islands, .sfb),
        (true, .teams, .sfbOnly, .sfb), (true, .teams, .sfbWithTeamsCollab, .sfb), (true, .teams, .sfbWithTeamsCollabAndMeetings, .sfb),
        (true, .teams, .teamsOnly, .teams),
    ])
    func presenceCell(_ federated: Bool, _ watcher: ClientApp, _ publisher: CoexistenceMode, _ seen: ClientApp) {
        #expect(Router.presence(of: publisher, watcher: watcher, federated: federated) == seen)
        // The same cell through a route: the sender is the watcher of the recipient's presence. A TeamsOnly
        // sender watches from Teams, an SfB-mode sender from SfB; Islands can do both.
        let senderMode: CoexistenceMode = watcher == .teams ? .islands : .sfbOnly
        let outcome = Router.route(from: RouteParty(mode: senderMode, homing: .online), to: RouteParty(mode: publisher),
                                   client: watcher, federated: federated)
        #expect(outcome.senderSees == seen)
    }

    @Test("the recipient sees the sender's presence in the client the conversation lands in")
    func recipientPresence() {
        // Islands sender using SfB -> TeamsOnly recipient lands in Teams: the Teams watcher sees the Islands
        // sender's Teams presence in-tenant.
        let inTenant = Router.route(from: RouteParty(mode: .islands), to: RouteParty(mode: .teamsOnly), client: .sfb, federated: false)
        #expect(inTenant.recipientSees == .teams)
        let federated = Router.route(from: RouteParty(mode: .islands), to: RouteParty(mode: .teamsOnly), client: .sfb, federated: true)
        #expect(federated.recipientSees == .sfb)
    }

    @Test("a client the sender's mode does not allow is not possible, with the reason")
    func disallowedClient() {
        let fromTeamsOnly = Router.route(from: RouteParty(mode: .teamsOnly), to: RouteParty(mode: .islands), client: .sfb, federated: false)
        #expect(!fromTeamsOnly.isPossible)
        #expect(fromTeamsOnly.notPossibleReason?.contains("TeamsOnly") == true)
        let fromSfB = Router.route(from: RouteParty(mode: .sfbWithTeamsCollab), to: RouteParty(mode: .teamsOnly), client: .teams, federated: false)
        #expect(!fromSfB.isPossible)
    }

    @Test("interop routes carry the interop limits; missed-message risk when an Islands recipient lacks the landing client")
    func notesAndMissedRisk() {
        let interop = Router.route(from: RouteParty(mode: .teamsOnly), to: RouteParty(mode: .sfbOnly), client: .teams, federated: false)
        #expect(interop.notes.contains { $0.contains("plain-text") })
        let toIslandsNoTeams = Router.route(from: RouteParty(mode: .teamsOnly), to: RouteParty(mode: .islands, runsTeams: false),
                                            client: .teams, federated: false)
        #expect(toIslandsNoTeams.missedMessageRisk)
        let toIslandsBoth = Router.route(from: RouteParty(mode: .teamsOnly), to: RouteParty(mode: .islands), client: .teams, federated: false)
        #expect(!toIslandsBoth.missedMessageRisk)
        // Federated lands in SfB, which this Islands user runs: no risk even without Teams.
        let federated = Router.route(from: RouteParty(mode: .teamsOnly), to: RouteParty(mode: .islands, runsTeams: false),
                                     client: .teams, federated: true)
        #expect(!federated.missedMessageRisk)
    }

    @Test("the mode matrix lists every row of table 2.2 with the same outcome")
    func modeMatrix() {
        let m = RoutingMatrix.modes()
        let rowCol = m.columnIndex("row")!, threadCol = m.columnIndex("thread")!
        for r in routingRows {
            let matches = m.rows.filter { row in
                row[rowCol] == .string(r.id) && row[m.columnIndex("from_mode")!] == .string(r.originator.rawValue)
                    && row[m.columnIndex("to_mode")!] == .string(r.recipient.rawValue)
            }
            #expect(matches.count == 1, "\(r.testDescription)")
            #expect(matches.first?[threadCol] == .string(r.kind?.rawValue ?? "NOT POSSIBLE"))
        }
    }
}
