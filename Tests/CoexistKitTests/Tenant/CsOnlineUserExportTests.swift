import Foundation
import Testing
@testable import CoexistKit

/// Get-CsOnlineUser | Export-Csv files as Windows PowerShell 5.1 writes them: `#TYPE` line, every field quoted,
/// CRLF, a UTF-8 byte-order mark, or UTF-16 with `-Encoding Unicode`.
@Suite("Get-CsOnlineUser exports: the inherited global, mismatches, encodings, short rows")
struct CsOnlineUserExportTests {
    static let march2021 = PlanDay(year: 2021, month: 3, day: 1)

    func path(_ name: String) -> String { TestTenant.fixture(name).path }

    /// A file the test writes, for encodings no checked-in fixture should carry twice.
    func written(_ bytes: [UInt8], _ name: String) throws -> String {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("coexist-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    @Test("users who inherit a TeamsOnly global are TeamsOnly, and the global is inferred from them")
    func inheritedTeamsOnly() throws {
        // Exported in March 2021, before SfB Online's retirement: only the inheritors say what the global is.
        var t = CoexistenceTenant(today: Self.march2021)
        let report = try t.importUsers(path: path("CsOnlineUser-2021-global-TeamsOnly.csv"))
        #expect(report.format == .csOnlineUser && report.encoding == .utf8BOM && report.added == 4)
        #expect(report.global == .upgradeToTeams)
        #expect(t.state().globalPolicy == .upgradeToTeams)
        #expect(try t.user("ann.smith@contoso.com").effectiveMode == .teamsOnly)
        #expect(try t.user("jose.garcia@contoso.com").user.displayName == "José García")
        // Explicit grants still win over the global.
        #expect(try t.user("kim.lee@contoso.com").effectiveMode == .islands)
        #expect(try t.user("noor.ali@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        #expect(report.mismatches.isEmpty)
        #expect(report.notices == ["tenant global inferred as UpgradeToTeams (TeamsOnly) from the 2 user(s) who inherit it, was Global (Islands); no change recorded"])
        // Stating the global records nothing: the timeline has no change set to plan or undo.
        #expect(t.timeline.entries.isEmpty)
    }

    @Test("a UTF-16LE export of a hybrid tenant: global from the on-premises inheritors, every mismatch reported")
    func unicodeHybrid() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let report = try t.importUsers(path: path("CsOnlineUser-hybrid-unicode.csv"))
        #expect(report.encoding == .utf16LE && report.added == 7)
        #expect(try t.user("lena.muller@contoso.com").user.displayName == "Lena Müller")
        #expect(try t.user("yuki.sato@contoso.com").user.displayName == "佐藤 由紀")
        #expect(try t.user("raj.patel@contoso.com").user.displayName == "Patel, Raj \"RJ\"")
        #expect(report.global?.name == "SfBWithTeamsCollab")
        #expect(try t.user("raj.patel@contoso.com").effectiveMode == .sfbWithTeamsCollab)
        // Online users are TeamsOnly whatever their policy names, as the file says.
        #expect(try t.user("omar.haddad@contoso.com").effectiveMode == .teamsOnly)
        #expect(try t.user("sofia.rossi@contoso.com").effectiveMode == .teamsOnly)
        // Mei's SfBOnly grant has not reached the service yet: the file and the computed mode differ.
        let file = path("CsOnlineUser-hybrid-unicode.csv")
        #expect(report.mismatches == ["\(file):8: mei.chen@contoso.com: the file gives TeamsUpgradeEffectiveMode SfBWithTeamsCollab, computed SfBOnly (granted SfBOnly, homed on-premises)"])
        #expect(report.warnings == report.mismatches)
    }

    @Test("UTF-16 big-endian (Export-Csv -Encoding BigEndianUnicode) reads the same")
    func unicodeBigEndian() throws {
        let le = [UInt8](try Data(contentsOf: TestTenant.fixture("CsOnlineUser-hybrid-unicode.csv")))
        var be: [UInt8] = [0xFE, 0xFF]
        for i in stride(from: 2, to: le.count - 1, by: 2) { be += [le[i + 1], le[i]] }
        var a = CoexistenceTenant(today: TestTenant.today)
        var b = CoexistenceTenant(today: TestTenant.today)
        try a.importUsers(path: path("CsOnlineUser-hybrid-unicode.csv"))
        let report = try b.importUsers(path: try written(be, "be.csv"))
        #expect(report.encoding == .utf16BE)
        #expect(a.users() == b.users())
    }

    @Test("a file that is not UTF-8 or UTF-16 is refused at its line; UTF-16 without a mark is named as such")
    func otherEncodings() throws {
        let bytes = [UInt8](try Data(contentsOf: TestTenant.fixture("CsOnlineUser-2021-global-TeamsOnly.csv")))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        // The same export saved as Windows-1252: "José" becomes 0xE9, which is not UTF-8.
        let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let p = try written(latin1, "latin1.csv")
        var t = TestTenant.make()
        let before = t
        #expect(throws: TenantError.badLine(file: p, line: 4, reason: "not UTF-8 (byte 0xE9); export with Export-Csv -Encoding UTF8 or -Encoding Unicode")) {
            try t.importUsers(path: p)
        }
        let noMark = try written(Array(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "nomark.csv")
        #expect(throws: TenantError.self) { try t.importUsers(path: noMark) }
        do { try t.importUsers(path: noMark) } catch { #expect(error.description.contains("UTF-16 without a byte-order mark")) }
        #expect(t == before)
    }

    @Test("users who inherit the global but show different modes: refused, naming both lines")
    func inheritorsDisagree() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let p = path("CsOnlineUser-inheritors-disagree.csv")
        do {
            try t.importUsers(path: p)
            Issue.record("imported a file whose inheritors disagree")
        } catch {
            #expect(error.description.hasPrefix("\(p):3: raj.patel@contoso.com inherits the tenant global and the file gives TeamsUpgradeEffectiveMode SfBWithTeamsCollab, but \(p):5: lena.muller@contoso.com also inherits it and is SfBOnly"))
        }
        #expect(t.directory.count == 0)
    }

    @Test("the global option states the current global: no inference, the disagreeing user reported")
    func statedGlobal() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let p = path("CsOnlineUser-inheritors-disagree.csv")
        let report = try t.importUsers(path: p, options: .init(global: UpgradePolicy.named("SfBWithTeamsCollab")))
        #expect(t.state().globalPolicy.name == "SfBWithTeamsCollab")
        #expect(report.notices == ["tenant global stated as SfBWithTeamsCollab, was Global (Islands); no change recorded"])
        #expect(report.mismatches == ["\(p):5: lena.muller@contoso.com: the file gives TeamsUpgradeEffectiveMode SfBOnly, computed SfBWithTeamsCollab (inherits the tenant global SfBWithTeamsCollab, homed on-premises)"])
        #expect(t.timeline.entries.isEmpty)
    }

    @Test("a 2021 export read into a 2026 tenant: online users are TeamsOnly now, and each changed one is reported")
    func oldExportToday() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let report = try t.importUsers(path: path("CsOnlineUser-2021-global-TeamsOnly.csv"))
        // Online inheritors showing TeamsOnly say nothing about the global after the retirement.
        #expect(report.global == nil)
        #expect(report.notices.first?.hasPrefix("tenant global not inferred: the 2 user(s) who inherit it are homed online and TeamsOnly") == true)
        #expect(report.mismatches.count == 2)
        #expect(report.mismatches[0].contains(":5: kim.lee@contoso.com: the file gives TeamsUpgradeEffectiveMode Islands, computed TeamsOnly (granted IslandsWithNotify, homed online)"))
        #expect(try t.user("noor.ali@contoso.com").effectiveMode == .teamsOnly)
    }

    @Test("a row with fewer fields than the header is refused with file and line")
    func shortRow() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let p = path("CsOnlineUser-short-row.csv")
        #expect(throws: TenantError.badLine(file: p, line: 4, reason: "8 fields, the header has 17 (from TeamsUpgradeEffectiveMode on missing)")) {
            try t.importUsers(path: p)
        }
        #expect(t.directory.count == 0)
        // In skip mode the row is skipped with its line, the others imported.
        let report = try t.importUsers(path: p, options: .init(onError: .skip, global: UpgradePolicy.named("SfBWithTeamsCollab")))
        #expect(report.added == 2 && report.skipped == 1 && report.skipReasons[0].description.hasPrefix("\(p):4: 8 fields"))
        // The plain users CSV refuses short rows too.
        #expect(throws: TenantError.badLine(file: "u.csv", line: 3, reason: "1 field, the header has 3 (from display_name on missing)")) {
            try t.importUsers(csv: "upn,display_name,department\nx@contoso.com,X,Legal\ny@contoso.com\n", file: "u.csv", format: .plain)
        }
    }

    @Test("HostingProvider: SRV: is on-premises, sipfed.online.* and empty are online, anything else is refused")
    func hostingProvider() throws {
        func homing(_ provider: String) throws -> UserHoming {
            var t = CoexistenceTenant(today: TestTenant.today)
            try t.importUsers(csv: "\"UserPrincipalName\",\"HostingProvider\"\r\n\"x@contoso.com\",\"\(provider)\"\r\n", file: "u.csv", format: .csOnlineUser)
            return try t.user("x@contoso.com").homing
        }
        #expect(try homing("SRV:") == .onPremises)
        #expect(try homing("sipfed.online.lync.com") == .online)
        #expect(try homing("") == .online)
        #expect(throws: TenantError.badRow(file: "u.csv", line: 2, field: "HostingProvider", value: "lync.contoso.com",
                                           reason: "expected SRV: (homed on-premises), sipfed.online.lync.com (homed online) or empty")) {
            try homing("lync.contoso.com")
        }
    }

    @Test("tenant-wide TeamsOnly inferred while an on-premises user inherits it is refused")
    func inferredTeamsOnlyOnPrem() throws {
        var t = CoexistenceTenant(today: Self.march2021)
        let text = "\"UserPrincipalName\",\"TeamsUpgradeEffectiveMode\",\"TeamsUpgradePolicy\",\"HostingProvider\"\r\n\"a@contoso.com\",\"TeamsOnly\",\"\",\"sipfed.online.lync.com\"\r\n\"b@contoso.com\",\"\",\"\",\"SRV:\"\r\n"
        #expect(throws: TenantError.self) { try t.importUsers(text: text, file: "u.csv", options: .init()) }
        #expect(t.directory.count == 0)
    }

    @Test("the format is detected from the #TYPE line or the cmdlet's columns; the plain CSV otherwise")
    func detection() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let plain = try t.importUsers(text: "UserPrincipalName,department,homing\nx@contoso.com,Legal,on-premises\n", file: "u.csv", options: .init())
        #expect(plain.format == .plain)
        #expect(try t.user("x@contoso.com").homing == .onPremises)
        let cs = try t.importUsers(text: "\"UserPrincipalName\",\"HostingProvider\"\n\"y@contoso.com\",\"SRV:\"\n", file: "v.csv", options: .init())
        #expect(cs.format == .csOnlineUser)
        #expect(try t.user("y@contoso.com").homing == .onPremises)
        // A comment line is not Windows PowerShell's #TYPE line.
        let commented = try t.importUsers(text: "# exported by hand\nupn,homing\nz@contoso.com,online\n", file: "w.csv", options: .init())
        #expect(commented.format == .plain)
        let typed = try t.importUsers(text: "#TYPE Deserialized.Microsoft.Teams.ConfigApi.Cmdlets.OnlineUser\n\"UserPrincipalName\"\n\"q@contoso.com\"\n", file: "q.csv", options: .init())
        #expect(typed.format == .csOnlineUser)
    }

    @Test("set_global's current form states the global without recording a change, and reports mismatches")
    func stateCurrentGlobal() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        try t.importUsers(path: path("CsOnlineUser-inheritors-disagree.csv"), options: .init(global: UpgradePolicy.named("SfBOnly")))
        let r = try t.stateCurrentGlobal("SfBWithTeamsCollab")
        #expect(r.id == nil && t.timeline.entries.isEmpty)
        #expect(t.state().globalPolicy.name == "SfBWithTeamsCollab")
        #expect(r.warnings == ["lena.muller@contoso.com (imported earlier): the file gives TeamsUpgradeEffectiveMode SfBOnly, computed SfBWithTeamsCollab (inherits the tenant global SfBWithTeamsCollab, homed on-premises)"])
        #expect(throws: TenantError.self) { try t.stateCurrentGlobal("TeamsOnly") }
        try t.setGlobal("SfBOnly", options: TestTenant.options())
        #expect(throws: TenantError.self) { try t.stateCurrentGlobal("SfBWithTeamsCollab") }
    }
}
