import Testing
@testable import CoexistKit

/// Skype for Business Online was retired on 31 July 2021: after it an online-homed user is TeamsOnly whatever
/// mode a policy names; before it (planning as of an earlier date) the policy's mode applies.
@Suite("SfB Online retirement: online users are TeamsOnly after 31 July 2021")
struct RetirementTests {
    static let retirement = PlanDay.sfbOnlineRetirement
    static let dayAfter = PlanDay(year: 2021, month: 8, day: 1)
    static let before = PlanDay(year: 2021, month: 3, day: 1)

    /// Omar (online) and Lena (on-premises) both inherit the SfBWithTeamsCollab global; Ann is granted TeamsOnly.
    static func tenant(today: PlanDay = before) -> CoexistenceTenant {
        TestTenant.make().asOf(today)
    }

    @Test("the rule itself: the retirement day keeps the policy's mode, the day after is TeamsOnly, on-premises never changes")
    func rule() {
        for mode in CoexistenceMode.allCases {
            #expect(EffectiveMode.of(policyMode: mode, homing: .online, on: Self.retirement) == mode)
            #expect(EffectiveMode.of(policyMode: mode, homing: .online, on: Self.dayAfter) == .teamsOnly)
            #expect(EffectiveMode.of(policyMode: mode, homing: .onPremises, on: Self.dayAfter) == mode)
        }
    }

    @Test("users, as_of, effectiveModes and cohort summaries agree on every date")
    func everyReaderAgrees() throws {
        let t = Self.tenant()
        #expect(try t.user("omar@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        #expect(try t.user("omar@contoso.com").policyMode == .sfbWithTeamsCollab)
        #expect(try t.user("omar@contoso.com", on: Self.dayAfter).effectiveMode == .teamsOnly)
        #expect(try t.user("omar@contoso.com", on: Self.dayAfter).policyMode == .sfbWithTeamsCollab)
        #expect(try t.user("lena@contoso.com", on: Self.dayAfter).effectiveMode == .sfbWithTeamsCollab)
        for day in [Self.before, Self.retirement, Self.dayAfter, TestTenant.today] {
            let view = t.asOf(day)
            let modes = t.effectiveModes(on: day)
            #expect(view.users().map(\.effectiveMode) == modes)
            #expect(t.users(on: day).map(\.effectiveMode) == modes)
            let wave2 = try t.cohortCounts("Wave 2", by: .mode, on: day).rows.map { $0[0] }
            let expected: [ResultValue] = day > Self.retirement ? [.string("SfBWithTeamsCollab"), .string("TeamsOnly")] : [.string("SfBWithTeamsCollab")]
            #expect(wave2 == expected, "\(day)")
        }
    }

    @Test("routing and presence: an online user named SfBWithTeamsCollab routes as TeamsOnly after the retirement, with a note")
    func routes() throws {
        let t = Self.tenant()
        let before = try t.route(from: "raj@contoso.com", to: "omar@contoso.com", client: .sfb)
        #expect(before.label == "SfB (SfB)" && before.senderSees == .sfb)
        let after = try t.route(from: "raj@contoso.com", to: "omar@contoso.com", client: .sfb, on: Self.dayAfter)
        #expect(after.label == "Teams (interop)" && after.senderSees == .teams)
        #expect(after.notes.contains { $0.hasPrefix("omar@contoso.com is homed online, so their SfBWithTeamsCollab policy acts as TeamsOnly: Skype for Business Online was retired on 31 July 2021") })
        // As a sender, omar can no longer start from SfB, and reaches Teams users natively from Teams.
        #expect(try !t.route(from: "omar@contoso.com", to: "ann@contoso.com", client: .sfb, on: Self.dayAfter).isPossible)
        #expect(try t.route(from: "omar@contoso.com", to: "ann@contoso.com", on: Self.dayAfter).label == "Teams (native)")
        #expect(try t.route(from: "omar@contoso.com", to: "ann@contoso.com", client: .sfb).label == "Teams (interop)")
    }

    @Test("an external party described as online Islands is TeamsOnly after the retirement")
    func externalParty() {
        let after = RouteParty(policyMode: .islands, homing: .online, on: Self.dayAfter)
        #expect(after.mode == .teamsOnly && after.policyMode == .islands)
        #expect(RouteParty(policyMode: .islands, homing: .online, on: Self.retirement).mode == .islands)
        // Without a homing the tables' implied one (on-premises for Islands) keeps the mode.
        #expect(RouteParty(policyMode: .islands, on: Self.dayAfter).mode == .islands)
    }

    @Test("the cohort routing matrix counts online users as TeamsOnly after the retirement")
    func cohortMatrix() {
        let t = Self.tenant()
        func teamsRows(_ day: PlanDay) -> [ResultValue] {
            let m = RoutingMatrix.cohorts(t, on: day)
            return m.rows.filter { $0[0] == .string("Wave 2") && $0[2] == .string("Teams") }.map { $0[3] }
        }
        // Before: Wave 2 (omar, lena) is all SfBWithTeamsCollab, so nobody starts from Teams.
        #expect(teamsRows(Self.before).isEmpty)
        #expect(!teamsRows(Self.dayAfter).isEmpty)
    }

    @Test("the mode matrix lists table 2.3's online originators only on dates up to the retirement")
    func modeMatrix() {
        #expect(RoutingMatrix.modes(on: Self.dayAfter).rows.count == 60)
        #expect(RoutingMatrix.modes().rows.count == 60)
        let before = RoutingMatrix.modes(on: Self.retirement)
        #expect(before.rows.count == 110)
        let col = { (name: String) in before.columnIndex(name)! }
        let row = before.rows.first {
            $0[col("row")] == .string("2.3") && $0[col("scope")] == .string("federated") && $0[col("from_mode")] == .string("Islands")
                && $0[col("client")] == .string("Teams") && $0[col("to_mode")] == .string("Islands")
        }
        #expect(row?[col("from_home")] == .string("online"))
        #expect(row?[col("thread")] == .string("interop federated"))
    }

    @Test("readiness: an online Islands user running one client is flagged before the retirement, not after")
    func readiness() throws {
        var users = TestTenant.make().directory.users
        #expect(users[3].upn == "omar@contoso.com")
        users[3].runsSfB = false
        var t2 = CoexistenceTenant(users: users, global: UpgradePolicy.named("SfBWithTeamsCollab")!, today: Self.before)
        try t2.defineCohort("Wave 2", members: [3, 4])
        try t2.moveUsers(["omar@contoso.com"], to: "Islands", options: TestTenant.options())
        func flag(_ day: PlanDay) throws -> ResultValue? {
            try t2.cohortReadiness("Wave 2", on: day).rows.first { $0[0] == .string("islands_single_client") }?[1]
        }
        #expect(try flag(Self.before) == .int(1))
        #expect(try flag(Self.dayAfter) == .int(0))
    }

    @Test("a move of online users to an SfB mode says they stay TeamsOnly, in the report and the dry run")
    func moveWarning() throws {
        var t = Self.tenant(today: TestTenant.today)
        let dry = try t.moveCohort("Wave 2", to: "SfBOnly", options: TestTenant.options(dryRun: true))
        let warning = "1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021. The plan records and exports the SfBOnly grant, but only users homed on-premises can be in SfBOnly"
        #expect(dry.warnings.contains(warning))
        let r = try t.moveCohort("Wave 2", to: "SfBOnly", options: TestTenant.options())
        #expect(r.warnings.contains(warning))
        let omar = try #require(r.changes.first { $0.upn == "omar@contoso.com" })
        #expect(omar.toMode == .teamsOnly && omar.toPolicy?.name == "SfBOnly")
        #expect(r.changes.first { $0.upn == "lena@contoso.com" }?.toMode == .sfbOnly)
        #expect(try t.user("omar@contoso.com").effectiveMode == .teamsOnly)
        // The tenant global said the same way.
        let g = try t.setGlobal("Islands", options: TestTenant.options(dryRun: true))
        #expect(g.warnings.contains { $0.hasPrefix("1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021") } == false)
        try t.moveUsers(["omar@contoso.com"], to: "Global", options: TestTenant.options())
        let g2 = try t.setGlobal("Islands", options: TestTenant.options(dryRun: true))
        #expect(g2.warnings.contains("1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021. The plan records and exports the Islands global, but only users homed on-premises can be in Islands"))
    }

    @Test("planning as of a date before the retirement keeps the policy's mode and warns nothing")
    func beforeRetirement() throws {
        var t = Self.tenant()
        let r = try t.moveCohort("Wave 2", to: "SfBOnly", options: TestTenant.options())
        #expect(!r.warnings.contains { $0.contains("stay") && $0.contains("TeamsOnly in effect") })
        #expect(r.changes.first { $0.upn == "omar@contoso.com" }?.toMode == .sfbOnly)
        #expect(try t.user("omar@contoso.com").effectiveMode == .sfbOnly)
        // The same plan read after the retirement.
        #expect(try t.user("omar@contoso.com", on: Self.dayAfter).effectiveMode == .teamsOnly)
    }
}
