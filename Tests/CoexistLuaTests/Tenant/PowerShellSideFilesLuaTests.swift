import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// The rollback and verification scripts written beside a plan, through Lua.
@Suite struct PowerShellSideFilesLuaTests {
    func planned() throws -> TenantLua {
        let lua = try TenantLua()
        try lua.run("cohort('Wave 2'):move('TeamsOnly', {on='2027-02-01', reason='wave 2'})")
        try lua.run("cohort('Pilot'):move('SfBWithTeamsCollabAndMeetings', {on='2027-01-15'})")
        return lua
    }

    @Test func changesPowershellWritesRollbackAndVerifyBesideThePlan() throws {
        let lua = try planned()
        let path = TenantLua.temporaryPath("waves.ps1")
        let side = (rollback: String(path.dropLast(4)) + ".rollback.ps1", verify: String(path.dropLast(4)) + ".verify.ps1")
        let said = try #require(try lua.string("changes:powershell('\(path)')"))
        #expect(said.contains(side.rollback) && said.contains(side.verify) && said.hasSuffix(" and " + String(path.dropLast(4)) + ".csv"))
        let plan = try PowerShellPlan(lua.workspace)
        #expect(try TenantLua.read(side.rollback) == plan.rollbackScript)
        #expect(try TenantLua.read(side.verify) == plan.verificationScript)
        #expect(said.contains("\(plan.commandCount) command(s)"))
        // Without a path: script, CSV, rollback and verification texts.
        #expect(try lua.string("select(3, changes:powershell())") == plan.rollbackScript)
        #expect(try lua.string("select(4, changes:powershell())") == plan.verificationScript)
    }

    @Test func cohortPowershellSideFilesFollowWhatIf() throws {
        let lua = try planned()
        let path = TenantLua.temporaryPath("pilot.ps1")
        try lua.run("cohort('Pilot'):powershell{path='\(path)', csv=false, whatif=true}")
        let rollback = try TenantLua.read(TenantLua.temporaryPath("pilot.rollback.ps1"))
        #expect(rollback.contains("    [switch]$WhatIf = $true,\n"))
        #expect(rollback == (try PowerShellPlan(lua.workspace, cohort: "Pilot").rollbackScript)
            .replacingOccurrences(of: "    [switch]$WhatIf,\n", with: "    [switch]$WhatIf = $true,\n"))
        let verify = try TenantLua.read(TenantLua.temporaryPath("pilot.verify.ps1"))
        #expect(verify.contains("Get-CsOnlineUser") && !verify.contains("effective 2027-02-01"))
        #expect(!FileManager.default.fileExists(atPath: TenantLua.temporaryPath("pilot.csv")))
    }

    @Test func helpNamesTheSideFiles() throws {
        let lua = try TenantLua()
        let help = try lua.output("help(changes)")
        #expect(help.contains("plan.rollback.ps1") && help.contains("plan.verify.ps1"))
        #expect(help.contains("beside the script plan.rollback.ps1 and plan.verify.ps1"))
        let cohort = try lua.output("help(cohort('Pilot'))")
        #expect(cohort.contains("wave.ps1 -> wave.rollback.ps1, wave.verify.ps1"))
    }
}
