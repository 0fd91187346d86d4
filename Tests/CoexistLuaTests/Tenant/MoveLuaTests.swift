import Testing
import CoexistKit
@testable import CoexistLua

@Suite struct MoveLuaTests {
    @Test func cohortMoveReportsAndLogs() throws {
        let lua = try TenantLua()
        try lua.run("r = cohort('Wave 2'):move('TeamsOnly', {on='2027-02-01', reason='wave 2'})")
        #expect(try lua.integer("r.id") == 1)
        // Every Wave 2 user is still homed on-premises (in Islands since 2026-09-28): the move takes all 70 to Teams.
        #expect(try lua.integer("r.changed") == 70)
        #expect(try lua.integer("r.unchanged") == 0)
        #expect(try lua.integer("#r.move_to_teams") == 70)
        #expect(try lua.value("r.scheduled") == .boolean(true))
        #expect(try lua.value("r.warnings[1]").stringValue?.contains("Move-CsUser") == true)
        #expect(try lua.text("r")?.contains("[change 1, scheduled]") == true)
        #expect(try lua.integer("#r:table()") == 70)
        #expect(try lua.integer("#changes") == 1)
        #expect(try lua.string("changes[1].what") == lua.workspace.journal.entries[0].what)
        #expect(try lua.value("changes:table()[1].why") == .string("wave 2"))
    }

    @Test func dryRunLeavesTheTenantEqual() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        try lua.run("r = cohort('Wave 1'):move('TeamsOnly', {dry_run=true})")
        try lua.run("s = tenant:set_global('SfBWithTeamsCollabAndMeetings', {dry_run=true, on='+2w'})")
        try lua.run("t = users:where{department='Sales'}:move('Islands', {dry_run=true})")
        #expect(lua.tenant == before)
        #expect(try lua.value("r.dry_run") == .boolean(true))
        #expect(try lua.value("r.id") == .nil)
        #expect(try lua.integer("r.changed") == 50)   // all of Wave 1: none is TeamsOnly before its move
        #expect(try lua.value("s.day") == .date(LuaDate(year: 2026, month: 11, day: 15)))
        #expect(try lua.value("#s.manual_meeting_migration > 0") == .boolean(true))
        #expect(try lua.text("r")?.contains("dry run: nothing changed") == true)
    }

    @Test func moveErrorsSuggestAndChangeNothing() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        #expect(lua.error("cohort('Pilot'):move('TeamOnly')")?.contains("did you mean 'TeamsOnly'") == true)
        #expect(lua.error("cohort('Pilot'):move('TeamsOnly', {dryrun=true})")?.contains("did you mean 'dry_run'") == true)
        #expect(lua.error("cohort('Pilot'):move('TeamsOnly', {notify=true})")?.contains("NotifySfbUsers cannot be true") == true)
        #expect(lua.error("cohort('Pilot'):move('Islands', {on='someday'})")?.contains("not a date") == true)
        #expect(lua.error("tenant:set_global('TeamsOnly')")?.contains("refused: tenant-wide TeamsOnly") == true)
        #expect(lua.tenant == before)
    }

    /// Every on-premises user gets an explicit grant, the global goes TeamsOnly, then a later move that would strip
    /// one on-premises user's grant (among online users whose change alone is fine) is refused as a whole.
    @Test func aMoveFailingHalfWayChangesNothing() throws {
        let lua = try TenantLua()
        try lua.run("users:where{homing='on-premises'}:move('SfBWithTeamsCollab', {on='2027-01-01'})")
        try lua.run("tenant:set_global('TeamsOnly', {on='2027-02-01'})")
        let before = lua.tenant
        let onPrem = try #require(lua.tenant.users().first { $0.homing == .onPremises }).user.upn
        let online = lua.tenant.users().filter { $0.homing == .online }.prefix(5).map { "'\($0.user.upn)'" }
        let message = lua.error("make_cohort('Mixed', {\(online.joined(separator: ", ")), '\(onPrem)'}) cohort('Mixed'):move('Global', {on='2027-03-01'})")
        #expect(message?.contains("refused") == true)
        try lua.run("undo()")  // the make_cohort that did succeed
        #expect(lua.tenant == before)
    }

    @Test func undoRevertsTheLastChangeSet() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        try lua.run("cohort('Wave 3'):move('SfBWithTeamsCollabAndMeetings', {on='2027-03-01'})")
        try lua.run("user('\(lua.tenant.directory[0].upn)'):move('Islands')")
        #expect(lua.workspace.journal.count == 2)
        #expect(try lua.text("undo()")?.hasPrefix("undone: user ") == true)
        #expect(try lua.text("tenant:undo()")?.hasPrefix("undone: cohort 'Wave 3'") == true)
        #expect(lua.tenant == before)
        #expect(lua.error("undo()")?.hasPrefix("test:1: nothing to undo") == true)
    }

    @Test func userMoveIsSeenByTheSameObject() throws {
        let lua = try TenantLua()
        // Homed on-premises and not yet Islands: an online user would stay TeamsOnly in effect (SfB Online retired).
        let upn = try #require(lua.tenant.users().first { $0.homing == .onPremises && $0.effectiveMode != .islands }).user.upn
        try lua.run("u = user('\(upn)') r = u:move('Islands')")
        #expect(try lua.string("u.mode") == "Islands")
        #expect(try lua.string("u.policy") == "Islands")
        // Inside a rows() loop the user is pinned to the loop's start until it moves.
        try lua.run("for v in users:rows() do if v.upn == '\(upn)' then v:move('TeamsOnly') m = v.mode end end")
        #expect(try lua.string("m") == "TeamsOnly")
    }

    @Test func asOfAroundADatedMove() throws {
        let lua = try TenantLua()
        // The demo's Wave 2 starts on-premises; ten of its users go to Teams (-MoveToTeams) in December first.
        for u in lua.tenant.users().filter({ $0.cohort == "Wave 2" }).prefix(10) {
            try lua.run("user('\(u.user.upn)'):move('TeamsOnly', {on='2026-12-01'})")
        }
        try lua.run("cohort('Wave 2'):move('SfBWithTeamsCollabAndMeetings', {on='2027-02-01'})")
        let count = "users:where{cohort='Wave 2', mode='SfBWithTeamsCollabAndMeetings'}:count()"
        // Only Wave 2's on-premises users take the mode; its online users stay TeamsOnly (SfB Online retired).
        let onPrem = Int64(lua.tenant.users(on: PlanDay(year: 2027, month: 2, day: 1)).filter { $0.cohort == "Wave 2" && $0.homing == .onPremises }.count)
        #expect(onPrem == 60)
        #expect(try lua.integer("tenant:as_of('2027-01-31').\(count)") == 0)
        #expect(try lua.integer("tenant:as_of('2027-02-01').\(count)") == onPrem)
        #expect(try lua.integer("tenant:as_of(date('2027-02-02')).\(count)") == onPrem)
        #expect(try lua.integer("tenant:as_of('2027-02-01').users:where{cohort='Wave 2', mode='TeamsOnly'}:count()") == 70 - onPrem)
        #expect(try lua.integer(count) == 0)
        #expect(try lua.value("tenant:as_of('2027-02-01').date") == .date(LuaDate(year: 2027, month: 2, day: 1)))
        let summaryRow = "(function() local s = tenant:as_of('+14w'):cohort('Wave 2'):summary('mode') for i = 1, #s do if s[i].mode == 'SfBWithTeamsCollabAndMeetings' then return s[i].users end end end)()"
        #expect(try lua.integer(summaryRow) == onPrem)
        #expect(lua.error("tenant:as_of('2027-03-01'):cohort('Pilot'):move('TeamsOnly')")?.contains("read-only") == true)
        #expect(lua.error("tenant:as_of()")?.contains("date expected") == true)
    }
}
