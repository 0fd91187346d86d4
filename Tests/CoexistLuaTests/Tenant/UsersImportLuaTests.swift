@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// `import_users(path, {on_error=, global=})` and `tenant:set_global(mode, {current=true})` from Lua, with files
/// written as Windows PowerShell 5.1's `Get-CsOnlineUser | Export-Csv` writes them.
@Suite struct UsersImportLuaTests {
    static let header = ["UserPrincipalName", "DisplayName", "TeamsUpgradeEffectiveMode", "TeamsUpgradePolicy", "HostingProvider"]

    /// `#TYPE` line, every field quoted, CRLF; UTF-8 with a byte-order mark, or UTF-16LE (`-Encoding Unicode`).
    static func export(_ rows: [[String]], utf16: Bool = false, name: String = #function) throws -> String {
        let lines = ["#TYPE Deserialized.Microsoft.Teams.ConfigApi.Cmdlets.OnlineUser"]
            + ([header] + rows).map { $0.map { "\"" + $0 + "\"" }.joined(separator: ",") }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let bytes: [UInt8] = utf16 ? [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
                                   : [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let path = TenantLua.temporaryPath("users-\(name.filter(\.isLetter)).csv")
        try TestFiles.write(bytes, to: path)
        return path
    }

    /// Two new people: Zed homed on-premises inheriting the demo's SfBWithTeamsCollab global, Yara online
    /// inheriting it (TeamsOnly in effect since SfB Online's retirement) and Xia whose SfBOnly grant has not
    /// propagated yet (the file still shows SfBWithTeamsCollab).
    static let people = [
        ["zed.new@contoso.com", "Zed New", "SfBWithTeamsCollab", "", "SRV:"],
        ["yara.new@contoso.com", "Yara New", "TeamsOnly", "", "sipfed.online.lync.com"],
        ["xia.new@contoso.com", "Xia New", "SfBWithTeamsCollab", "SfBOnly", "SRV:"],
    ]

    @Test func importUsersAddsThemAndPrintsTheMismatch() throws {
        let lua = try TenantLua()
        let path = try Self.export(Self.people, utf16: true)
        let before = lua.tenant.directory.count
        let printed = try lua.output("r = import_users('\(path)')")
        #expect(lua.tenant.directory.count == before + 3)
        #expect(try lua.integer("r.added") == 3)
        #expect(try lua.string("r.encoding") == "UTF-16LE")
        #expect(try lua.string("r.format") == "Get-CsOnlineUser")
        #expect(try lua.string("r.global") == "SfBWithTeamsCollab")
        #expect(try lua.string("user('zed.new@contoso.com').mode") == "SfBWithTeamsCollab")
        #expect(try lua.string("user('yara.new@contoso.com').mode") == "TeamsOnly")
        #expect(try lua.string("user('yara.new@contoso.com').policy_mode") == "SfBWithTeamsCollab")
        #expect(try lua.text("user('yara.new@contoso.com')")?.contains("TeamsOnly (tenant global; SfBWithTeamsCollab acts as TeamsOnly online since 31 July 2021)") == true)
        #expect(try lua.string("user('zed.new@contoso.com').policy_mode") == "SfBWithTeamsCollab")
        let mismatch = "\(path):5: xia.new@contoso.com: the file gives TeamsUpgradeEffectiveMode SfBWithTeamsCollab, computed SfBOnly (granted SfBOnly, homed on-premises)"
        #expect(try lua.string("r.mismatches[1]") == mismatch)
        #expect(printed.contains("warning: " + mismatch + "\n"))
        #expect(printed.contains("notice: tenant global inferred as SfBWithTeamsCollab from the 1 user(s) who inherit it; no change recorded"))
    }

    @Test func globalOptionStatesTheCurrentGlobal() throws {
        let lua = try TenantLua()
        let path = try Self.export(Self.people)
        let changes = lua.tenant.timeline.entries.count
        try lua.run("r = import_users('\(path)', {global='SfBOnly'})")
        #expect(try lua.string("r.global") == "SfBOnly")
        #expect(try lua.string("user('zed.new@contoso.com').mode") == "SfBOnly")
        #expect(try lua.integer("#r.mismatches") == 2)
        #expect(lua.tenant.timeline.entries.count == changes)
    }

    @Test func importingAgainReplacesStrictlyByDefault() throws {
        let lua = try TenantLua()
        let path = try Self.export(Self.people)
        try lua.run("import_users('\(path)')")
        try lua.run("r = import_users('\(path)', {on_error='strict'})")
        #expect(try lua.integer("r.added") == 0 && lua.integer("r.replaced") == 3)
        #expect(try lua.string("r.notices[1]")?.hasPrefix("tenant global inferred as SfBWithTeamsCollab") == true)
        #expect(lua.tenant.directory.count == 203)
    }

    @Test func optionsAreChecked() throws {
        let lua = try TenantLua()
        let path = try Self.export(Self.people)
        #expect(lua.error("import_users('\(path)', {globl='SfBOnly'})")?.contains("unknown option 'globl' (did you mean 'global'?)") == true)
        #expect(lua.error("import_users('\(path)', {on_error='skp'})")?.contains("did you mean 'skip'") == true)
        #expect(lua.error("import_users('\(path)', {global='SfBOnyl'})")?.contains("did you mean 'SfBOnly'") == true)
        #expect(lua.tenant.directory.count == 200)
    }

    @Test func aRefusedFileChangesNothing() throws {
        let lua = try TenantLua()
        let before = lua.tenant
        // Two on-premises users who inherit the global but show different modes.
        let disagree = try Self.export([Self.people[0], ["w.new@contoso.com", "W New", "SfBOnly", "", "SRV:"]])
        let message = try #require(lua.error("import_users('\(disagree)')"))
        #expect(message.contains("\(disagree):3: zed.new@contoso.com inherits the tenant global"))
        #expect(message.contains("\(disagree):4: w.new@contoso.com also inherits it and is SfBOnly"))
        let short = try Self.export([Self.people[0], ["v.new@contoso.com", "V New"]], name: "short")
        #expect(lua.error("import_users('\(short)')")?.contains("\(short):4: 2 fields, the header has 5") == true)
        #expect(lua.tenant == before)
        // on_error="skip" imports the good row and reports the cut-off one.
        try lua.run("r = import_users('\(short)', {on_error='skip'})")
        #expect(try lua.integer("r.added") == 1 && lua.integer("r.skipped") == 1)
        #expect(try lua.string("r.reasons[1]")?.hasPrefix("\(short):4:") == true)
    }

    @Test func setGlobalCurrentRecordsNoChange() throws {
        let lua = try TenantLua()
        let changes = lua.tenant.timeline.entries.count
        let onPrem = try #require(lua.tenant.users().first { $0.homing == .onPremises && $0.grantedPolicy == nil }).user.upn
        try lua.run("r = tenant:set_global('SfBWithTeamsCollabAndMeetings', {current=true})")
        #expect(lua.tenant.timeline.entries.count == changes)
        #expect(try lua.value("r.id") == .nil)
        #expect(try lua.string("user('\(onPrem)').mode") == "SfBWithTeamsCollabAndMeetings")
        #expect(lua.error("tenant:set_global('SfBOnly', {current=true, on='+1w'})")?.contains("takes no 'on'") == true)
        try lua.run("r = tenant:set_global('SfBOnly', {current=true, notify=true})")
        #expect(try lua.string("tenant:as_of('2026-10-01').global") == "SfBOnlyWithNotify")
        #expect(try lua.integer("r.changed") ?? 0 > 0)
        #expect(lua.error("tenant:set_global('SfBOnly', {curent=true})")?.contains("did you mean 'current'") == true)
    }
}
