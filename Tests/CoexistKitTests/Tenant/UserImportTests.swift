import Foundation
import Testing
@testable import CoexistKit

@Suite("user import: Get-CsOnlineUser export and plain CSV")
struct UserImportTests {
    func read(_ name: String) throws -> String {
        try String(contentsOf: TestTenant.fixture(name), encoding: .utf8)
    }

    @Test("a Windows PowerShell Export-Csv of Get-CsOnlineUser, #TYPE line, quoted fields and all")
    func csOnlineUserExport() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let report = try t.importUsers(csv: try read("CsOnlineUser-export.csv"), file: "users.csv", format: .csOnlineUser)
        #expect(report.added == 6 && report.skipped == 0)
        let ann = try t.user("ANN.SMITH@contoso.com")
        #expect(ann.homing == .online && ann.grantedPolicy == .upgradeToTeams && ann.effectiveMode == .teamsOnly)
        #expect(ann.user.enterpriseVoice && ann.user.phoneNumber == "tel:+14255550101" && ann.user.country == "US")
        let raj = try t.user("raj.patel@contoso.com")
        #expect(raj.user.displayName == "Patel, Raj \"RJ\"")
        #expect(raj.homing == .onPremises && raj.grantedPolicy == nil)
        #expect(raj.user.reportedEffectiveMode == .sfbWithTeamsCollab)
        let mei = try t.user("mei.chen@contoso.com")
        #expect(mei.grantedPolicy?.name == "SfBWithTeamsCollabAndMeetingsWithNotify")
        #expect(mei.notifySfbUsers == false, "on-premises users ignore the online NotifySfbUsers")
        // InterpretedUserType alone (no HostingProvider) and HostingProvider alone (no user type) both mean on-prem.
        #expect(try t.user("lena.muller@contoso.com").homing == .onPremises)
        #expect(try t.user("tom.brown@contoso.com").homing == .onPremises)
        #expect(try t.user("omar.haddad@contoso.com").homing == .online)
    }

    @Test("strict import stops at the first bad row, naming file, line, field and value, and imports nothing")
    func strict() throws {
        var t = TestTenant.make()
        let before = t
        #expect(throws: TenantError.badRow(file: "bad.csv", line: 4, field: "TeamsUpgradePolicy", value: "SfBWithTeamsColab",
                                           reason: "unknown mode or policy 'SfBWithTeamsColab' (did you mean 'SfBWithTeamsCollab'?)")) {
            try t.importUsers(csv: try read("CsOnlineUser-bad.csv"), file: "bad.csv", format: .csOnlineUser)
        }
        #expect(t == before)
    }

    @Test("skip mode imports the good rows and reports the skipped ones")
    func skip() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let report = try t.importUsers(csv: try read("CsOnlineUser-bad.csv"), file: "bad.csv", format: .csOnlineUser, mode: .skip)
        #expect(report.added == 2 && report.skipped == 2)
        #expect(report.skipReasons.count == 2)
        #expect(report.skipReasons[1].description.hasPrefix("bad.csv:5: EnterpriseVoiceEnabled = maybe: "))
        #expect(t.directory.count == 2)
    }

    @Test("the plain users CSV: documented columns, defaults, unknown columns ignored")
    func plain() throws {
        var t = CoexistenceTenant(today: TestTenant.today)
        let report = try t.importUsers(csv: try read("users-plain.csv"), file: "users-plain.csv", format: .plain)
        #expect(report.added == 3)
        let ann = try t.user("ann.smith@contoso.com")
        #expect(ann.effectiveMode == .teamsOnly && ann.user.building == "SEA-1" && ann.user.audioConferencing && !ann.user.runsSfB)
        let raj = try t.user("raj.patel@contoso.com")
        #expect(raj.user.displayName == "Patel, Raj" && raj.homing == .onPremises && raj.user.mailbox == .onPremises && !raj.user.runsTeams)
        let mei = try t.user("mei.chen@contoso.com")
        #expect(mei.effectiveMode == .sfbWithTeamsCollab && mei.user.runsTeams && mei.user.sipAddress == "sip:mei.chen@contoso.com")
    }

    @Test("a file that grants TeamsOnly to an on-premises user is refused")
    func teamsOnlyOnPremInFile() {
        var t = CoexistenceTenant(today: TestTenant.today)
        #expect(throws: TenantError.self) {
            try t.importUsers(csv: "upn,homing,policy\nx@contoso.com,on-premises,UpgradeToTeams\n", file: "u.csv", format: .plain)
        }
    }

    @Test("re-importing a user replaces them in place and keeps planned moves")
    func reimport() throws {
        var t = TestTenant.make()
        try t.moveUsers(["omar@contoso.com"], to: "TeamsOnly", options: TestTenant.options(TestTenant.feb1))
        let report = try t.importUsers(csv: "upn,display_name,department\nomar@contoso.com,Omar H.,Legal\n", file: "u.csv", format: .plain)
        #expect(report.replaced == 1 && t.directory.count == 5)
        #expect(try t.user("omar@contoso.com").user.department == "Legal")
        #expect(try t.user("omar@contoso.com", on: TestTenant.feb1).effectiveMode == .teamsOnly)
    }
}
