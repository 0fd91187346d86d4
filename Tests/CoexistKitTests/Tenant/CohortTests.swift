import Testing
@testable import CoexistKit

@Suite("cohorts, summaries, readiness and the cohort routing matrix")
struct CohortTests {
    @Test("a user is in at most one cohort; taking them into another says so")
    func oneCohort() throws {
        var t = TestTenant.make()
        let r = try t.defineCohort("Finance", members: try t.select(filter: ["department": "finance"]))
        #expect(t.cohorts.cohortName(ofUser: 2) == "Finance" && t.cohorts.cohortName(ofUser: 3) == "Finance")
        #expect(r.notices == ["1 user(s) moved from cohort 'Wave 1' to 'Finance'", "1 user(s) moved from cohort 'Wave 2' to 'Finance'"])
        #expect(try t.cohorts.cohort("Wave 1").members == [1])
    }

    @Test("cohorts from a filter with several values, a predicate, a list of names and a CSV")
    func selections() throws {
        let t = TestTenant.make()
        #expect(try t.select(filter: ["building": ["NYC-1", "ber-1"], "homing": ["on-premises"]]) == [1, 2, 4])
        // Omar inherits the SfBWithTeamsCollab global but is homed online: TeamsOnly in effect since 31 July 2021.
        #expect(t.select { $0.effectiveMode == .sfbWithTeamsCollab } == [1, 2, 4])
        #expect(try t.positions(of: ["lena@contoso.com", "ANN@contoso.com"]) == [4, 0])
        let csv = try t.positions(fromCSV: "UserPrincipalName,Note\nmei@contoso.com,x\nghost@contoso.com,y\n", file: "c.csv", mode: .skip)
        #expect(csv.positions == [2] && csv.report.skipped == 1)
        #expect(throws: TenantError.badRow(file: "c.csv", line: 3, field: "UserPrincipalName", value: "ghost@contoso.com", reason: "no such user")) {
            try t.positions(fromCSV: "UserPrincipalName\nmei@contoso.com\nghost@contoso.com\n", file: "c.csv")
        }
        #expect(throws: TenantError.unknownName(kind: "field", name: "departmnt", suggestion: "department")) {
            try t.select(filter: ["departmnt": "Sales"])
        }
    }

    @Test("summary counts by mode, home, building and department, on a date")
    func summary() throws {
        var t = TestTenant.make()
        try t.moveUsers(["raj@contoso.com"], to: "Islands", options: TestTenant.options(TestTenant.feb1))
        let now = try t.cohortCounts("Wave 1", by: .mode)
        #expect(now.rows == [[.string("SfBWithTeamsCollab"), .int(2), .double(100)]])
        let later = try t.cohortCounts("Wave 1", by: .mode, on: TestTenant.feb1)
        #expect(later.rows.map { $0[0] } == [.string("Islands"), .string("SfBWithTeamsCollab")])
        let all = try t.cohortSummary("Wave 2")
        let dimensions = all.rows.compactMap { row -> String? in if case let .string(d) = row[0] { d } else { nil } }
        #expect(Set(dimensions) == ["mode", "homing", "building", "department"])
        #expect(all.rows.filter { $0[0] == .string("building") }.map { $0[1] } == [.string("BER-1"), .string("LON-1")])
    }

    @Test("readiness flags: on-premises users and buildings failing network readiness (set given from outside)")
    func readiness() throws {
        let t = TestTenant.make()
        let r = try t.cohortReadiness("Wave 1", failingBuildings: ["nyc-1"])
        func flag(_ name: String) -> [ResultValue]? { r.rows.first { $0[0] == .string(name) } }
        #expect(flag("on_premises")?[1] == .int(2))
        #expect(flag("network_not_ready")?[1] == .int(2))
        #expect(flag("network_not_ready")?[3] == .string("buildings failing readiness: NYC-1"))
        #expect(flag("onprem_mailbox")?[1] == .int(1))
        #expect(try t.cohortReadiness("Wave 2")[ "network_not_ready" ] == .bool(false))
    }

    @Test("the cohort routing matrix marks not-possible routes and missed-message risk")
    func cohortMatrix() throws {
        var t = TestTenant.make()
        // Wave 1 (raj: runs SfB only; mei) becomes Islands; ann (TeamsOnly) is in no cohort.
        try t.moveCohort("Wave 1", to: "Islands", options: TestTenant.options())
        let m = RoutingMatrix.cohorts(t)
        func row(_ from: String, _ to: String, _ client: String) -> [ResultValue]? {
            m.rows.first { $0[0] == .string(from) && $0[1] == .string(to) && $0[2] == .string(client) }
        }
        let col = { (name: String) in m.columnIndex(name)! }
        // Islands on-prem users using Teams cannot reach SfB-mode users: of Wave 2, lena is SfBWithTeamsCollab
        // on-premises; omar, homed online, is TeamsOnly in effect whatever the global says.
        #expect(row("Wave 1", "Wave 2", "Teams")?[col("not_possible")] == .int(2))
        // TeamsOnly ann -> Islands Wave 1 lands in Teams; raj does not run Teams.
        let annToWave1 = try #require(row("(none)", "Wave 1", "Teams"))
        #expect(annToWave1[col("lands_teams")] == .int(2))
        #expect(annToWave1[col("missed_risk")] == .int(1))
        // Of Wave 2 only omar (TeamsOnly in effect) can start from Teams; lena's SfB mode cannot.
        #expect(row("Wave 2", "Wave 1", "Teams")?[col("pairs")] == .int(2))
        #expect(row("Wave 2", "Wave 1", "Teams")?[col("outcome")] == .string("Teams (native)"))
        #expect(row("Wave 2", "Wave 1", "SfB")?[col("outcome")] == .string("SfB (SfB)"))
    }

    @Test("routing between tenant users follows their modes on the date asked")
    func tenantRoute() throws {
        var t = TestTenant.make()
        // Lena is homed on-premises (an online user has been TeamsOnly in effect since SfB Online's retirement).
        try t.moveUsers(["lena@contoso.com"], to: "TeamsOnly", options: TestTenant.options(TestTenant.feb1))
        let before = try t.route(from: "raj@contoso.com", to: "lena@contoso.com", client: .sfb)
        #expect(before.label == "SfB (SfB)")
        let after = try t.route(from: "raj@contoso.com", to: "lena@contoso.com", client: .sfb, on: TestTenant.feb1)
        #expect(after.label == "Teams (interop)")
        let external = try t.route(from: "ann@contoso.com", toExternal: RouteParty(mode: .islands, homing: .onPremises))
        #expect(external.label == "SfB (interop federated)")
    }

    @Test("the demo tenant comes from DemoPeople: same users and four cohorts")
    func demo() throws {
        let t = CoexistenceTenant.demo(userCount: 400)
        let people = DemoPeople.people(400)
        #expect(t.directory.count == 400)
        #expect(t.cohorts.names == DemoPeople.cohorts)
        for (i, p) in people.enumerated() {
            #expect(t.directory[i].upn == p.upn)
            #expect(t.cohorts.cohortName(ofUser: i) == p.cohort)
            // Homed where DemoPeople says before the demo's history (the Pilot's -MoveToTeams moved it online since).
            #expect((t.state(asOf: PlanDay(year: 2026, month: 8, day: 1)).homing(i) == .onPremises) == p.onPremises)
            #expect(t.directory[i].homing == (p.onPremises ? .onPremises : .online))
        }
        var copy = t
        #expect(throws: TenantError.self) { try copy.setGlobal("TeamsOnly") }
    }
}

private extension ResultSet {
    /// The `raised` cell of the named readiness flag.
    subscript(flag: String) -> ResultValue? { rows.first { $0[0] == .string(flag) }?[2] }
}
