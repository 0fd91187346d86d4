import Testing
@testable import CoexistKit

@Suite("modes, policies and the homing rules of domain 1.4")
struct HomingRuleTests {
    @Test("a per-user grant beats the tenant global; no grant inherits it")
    func grantBeatsGlobal() throws {
        let t = TestTenant.make()
        #expect(try t.user("ann@contoso.com").effectiveMode == .teamsOnly)
        #expect(try t.user("raj@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        #expect(try t.user("raj@contoso.com").grantedPolicy == nil)
    }

    @Test("TeamsOnly for an on-premises user is planned as Move-CsUser -MoveToTeams, flagged, and homes them online")
    func teamsOnlyOnPremIsMove() throws {
        var t = TestTenant.make()
        let r = try t.moveUsers(["raj@contoso.com"], to: "TeamsOnly", options: TestTenant.options())
        #expect(r.changes.map(\.action) == [.moveToTeams])
        #expect(r.warnings.contains { $0.contains("Move-CsUser") })
        let raj = try t.user("raj@contoso.com")
        #expect(raj.homing == .online)
        #expect(raj.effectiveMode == .teamsOnly)
    }

    @Test("TeamsOnly for an online user is a plain grant")
    func teamsOnlyOnlineIsGrant() throws {
        var t = TestTenant.make()
        let r = try t.moveUsers(["omar@contoso.com"], to: "teamsonly", options: TestTenant.options())
        #expect(r.changes.map(\.action) == [.grant])
        #expect(r.changes.first?.toPolicy == .upgradeToTeams)
    }

    @Test("tenant-wide TeamsOnly is refused while an on-premises user has no explicit grant, allowed once all do")
    func tenantWideTeamsOnly() throws {
        var t = TestTenant.make()
        let before = t
        #expect(throws: TenantError.self) { try t.setGlobal("TeamsOnly", options: TestTenant.options()) }
        #expect(t == before)
        // raj and lena inherit the global; give them explicit SfB grants.
        try t.moveUsers(["raj@contoso.com", "lena@contoso.com"], to: "SfBWithTeamsCollab", options: TestTenant.options())
        let r = try t.setGlobal("TeamsOnly", options: TestTenant.options())
        #expect(r.globalChange?.to == .upgradeToTeams)
        #expect(try t.user("omar@contoso.com").effectiveMode == .teamsOnly)
        #expect(try t.user("raj@contoso.com").effectiveMode == .sfbWithTeamsCollab)
    }

    @Test("NotifySfbUsers with TeamsOnly is refused")
    func notifyWithTeamsOnly() {
        var t = TestTenant.make()
        #expect(throws: TenantError.self) {
            try t.moveUsers(["omar@contoso.com"], to: "TeamsOnly", options: TestTenant.options(notify: true))
        }
        #expect(throws: TenantError.self) { try t.setGlobal("TeamsOnly", options: TestTenant.options(notify: true)) }
    }

    @Test("notify picks the WithNotify instance; on-premises users ignore it and the move warns")
    func notifyOnPrem() throws {
        var t = TestTenant.make()
        let r = try t.moveCohort("Wave 2", to: "SfBWithTeamsCollab", options: TestTenant.options(notify: true))
        #expect(r.changes.allSatisfy { $0.toPolicy?.name == "SfBWithTeamsCollabWithNotify" })
        #expect(r.warnings.contains { $0.contains("ignore the online NotifySfbUsers") })
        #expect(try t.user("lena@contoso.com").notifySfbUsers == false)
        #expect(try t.user("omar@contoso.com").notifySfbUsers == true)
    }

    @Test("unknown mode names suggest the nearest", arguments: [
        ("TeamOnly", "TeamsOnly"), ("islnds", "Islands"), ("SfBWithTeamsColab", "SfBWithTeamsCollab"),
        ("UpgradeToTeam", "UpgradeToTeams"),
    ])
    func suggestion(_ typo: String, _ expected: String) {
        var t = TestTenant.make()
        #expect(throws: TenantError.unknownName(kind: "mode or policy", name: typo, suggestion: expected)) {
            try t.moveCohort("Wave 1", to: typo, options: TestTenant.options())
        }
    }

    @Test("mode names parse case-insensitively; cohort typos suggest the nearest cohort")
    func parsing() throws {
        #expect(try CoexistenceMode.parse("sfbwithteamscollabandmeetings") == .sfbWithTeamsCollabAndMeetings)
        var t = TestTenant.make()
        #expect(throws: TenantError.unknownName(kind: "cohort", name: "Wave1", suggestion: "Wave 1")) {
            try t.moveCohort("Wave1", to: "Islands")
        }
    }

    @Test("the built-in policies and the mode capability table")
    func tables() {
        #expect(UpgradePolicy.builtIns.count == 10)
        #expect(ModeCapabilities.policyTable().count == 10)
        let modes = ModeCapabilities.table()
        #expect(modes.count == 5)
        let chat = modes.columnIndex("allow_user_chat")!, meet = modes.columnIndex("allow_private_meeting_scheduling")!
        let meetings = modes.rows.first { $0[0] == .string("SfBWithTeamsCollabAndMeetings") }!
        #expect(meetings[chat] == .bool(false))
        #expect(meetings[meet] == .bool(true))
    }

    @Test("per-user grants of TeamsOnly or Meetings First go through meeting migration; tenant-wide ones need Start-CsExMeetingMigration")
    func meetingMigration() throws {
        var t = TestTenant.make()
        let perUser = try t.moveCohort("Wave 1", to: "SfBWithTeamsCollabAndMeetings", options: TestTenant.options())
        // mei has an on-premises mailbox: no automatic migration, and a caveat says so.
        #expect(perUser.meetingMigrationUsers == ["raj@contoso.com"])
        #expect(perUser.caveats.contains { $0.contains("on-premises mailboxes") })
        #expect(perUser.caveats.contains { $0.contains("250 attendees") })
        try t.moveUsers(["lena@contoso.com"], to: "SfBOnly", options: TestTenant.options())
        let global = try t.setGlobal("SfBWithTeamsCollabAndMeetings", options: TestTenant.options())
        #expect(global.meetingMigrationUsers.isEmpty)
        #expect(global.manualMeetingMigrationUsers == ["omar@contoso.com"])
    }
}
