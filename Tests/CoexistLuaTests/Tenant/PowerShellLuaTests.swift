import Testing
import CoexistKit
@testable import CoexistLua

@Suite struct PowerShellLuaTests {
    func planned() throws -> TenantLua {
        let lua = try TenantLua()
        try lua.run("cohort('Wave 2'):move('TeamsOnly', {on='2027-02-01', reason='wave 2'})")
        try lua.run("cohort('Pilot'):move('SfBWithTeamsCollabAndMeetings', {on='2027-01-15'})")
        return lua
    }

    @Test func changesPowershellWritesScriptAndCSVByteIdentical() throws {
        let lua = try planned()
        let first = TenantLua.temporaryPath("plan-a.ps1"), second = TenantLua.temporaryPath("plan-b.ps1")
        let said = try lua.string("changes:powershell('\(first)')")
        #expect(said?.hasPrefix("wrote \(first) (2 change set(s)") == true)
        try lua.run("changes:powershell{path='\(second)'}")
        let script = try TenantLua.read(first)
        #expect(script == (try TenantLua.read(second)))
        #expect(try TenantLua.read(String(first.dropLast(4)) + ".csv") == (try TenantLua.read(String(second.dropLast(4)) + ".csv")))
        #expect(script == (try PowerShellPlan(lua.workspace).script))
        #expect(script.contains("Move-CsUser -Identity"))
        // Sections run in effective-date order: the Pilot's January change before Wave 2's February one.
        let pilot = try #require(script.range(of: "effective 2027-01-15"))
        let wave2 = try #require(script.range(of: "effective 2027-02-01"))
        #expect(pilot.lowerBound < wave2.lowerBound)
    }

    @Test func cohortPowershellOptions() throws {
        let lua = try planned()
        let path = TenantLua.temporaryPath("wave2.ps1"), csv = TenantLua.temporaryPath("wave2-plan.csv")
        try lua.run("cohort('Wave 2'):powershell{path='\(path)', csv='\(csv)', whatif=true}")
        let script = try TenantLua.read(path)
        #expect(script.contains("[switch]$WhatIf = $true,"))
        #expect(!script.contains("effective 2027-01-15"))
        #expect(try TenantLua.read(csv) == (try PowerShellPlan(lua.workspace, cohort: "Wave 2").csv))
        // Without a path: the texts themselves.
        #expect(try lua.string("cohort('Wave 2'):powershell()") == (try PowerShellPlan(lua.workspace, cohort: "Wave 2").script))
        #expect(try lua.string("select(2, changes:powershell())")?.hasPrefix("change_set,effective,upn") == true)
        #expect(lua.error("cohort('Wave 2'):powershell{pth='x.ps1'}")?.contains("did you mean 'path'") == true)
    }

    @Test func sandboxRefusesPowershellFiles() throws {
        let lua = try TenantLua(sandbox: true)
        try lua.run("cohort('Wave 2'):move('TeamsOnly', {on='2027-02-01'})")
        let path = TenantLua.temporaryPath("sandboxed.ps1")
        #expect(lua.error("changes:powershell('\(path)')")?.contains("sandbox: writing files is disabled") == true)
        #expect(lua.error("cohort('Wave 2'):powershell{path='\(path)'}")?.contains("sandbox") == true)
        #expect(lua.error("users:table():save('\(path).csv')")?.contains("sandbox") == true)
        #expect(try lua.string("cohort('Wave 2'):powershell()")?.hasPrefix("#Requires -Modules MicrosoftTeams") == true)
    }

    @Test func modesAndPolicies() throws {
        let lua = try TenantLua()
        #expect(try lua.integer("#modes()") == 5)
        #expect(try lua.value("modes()[5].mode") == .string("TeamsOnly"))
        #expect(try lua.integer("#policies()") == 10)
        #expect(try lua.value("policies()[9].identity") == .string("UpgradeToTeams"))
    }
}
