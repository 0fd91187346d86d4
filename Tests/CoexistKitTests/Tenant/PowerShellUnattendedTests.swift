import Foundation
import Testing
@testable import CoexistKit

/// Parse-level checks of the generated PowerShell (pwsh is not installable here): what an unattended run needs,
/// batches, the rollback and the verification script.
@Suite("PowerShell an admin can run unattended")
struct PowerShellUnattendedTests {
    static let day = PlanDay(year: 2027, month: 3, day: 1)

    /// `n` online users; every third has SfBWithTeamsCollab of their own, the rest inherit the global (Islands).
    static func onlineTenant(_ n: Int) -> CoexistenceTenant {
        let users = (0..<n).map { i in
            User(upn: "user\(i)@contoso.com", homing: .online,
                 grantedPolicy: i % 3 == 0 ? UpgradePolicy.named("SfBWithTeamsCollab") : nil)
        }
        return CoexistenceTenant(users: users, global: .islands, today: TestTenant.today)
    }

    static func workspace(_ tenant: CoexistenceTenant) -> Workspace {
        Workspace(name: "test", today: TestTenant.today, coexistence: { tenant })
    }

    static func moved(_ n: Int, to mode: String = "TeamsOnly") throws -> (CoexistenceTenant, PowerShellPlan) {
        let w = workspace(onlineTenant(n))
        try TestTenant.apply(.moveUsers(upns: (0..<n).map { "user\($0)@contoso.com" }, target: mode, on: day), to: w)
        return (w.coexistence, try PowerShellPlan(w))
    }

    /// Brackets outside strings and comments, in order; nil when one closes what it did not open.
    static func balanced(_ text: String) -> Bool {
        var stack: [Character] = []
        let pairs: [Character: Character] = [")": "(", "}": "{", "]": "["]
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<" && i + 1 < chars.count && chars[i + 1] == "#" {
                while i + 1 < chars.count && !(chars[i] == "#" && chars[i + 1] == ">") { i += 1 }
                i += 2; continue
            }
            if c == "#" { while i < chars.count && chars[i] != "\n" { i += 1 }; continue }
            if c == "'" {
                i += 1
                while i < chars.count {
                    if chars[i] == "'" { if i + 1 < chars.count && chars[i + 1] == "'" { i += 2; continue }; break }
                    i += 1
                }
                i += 1; continue
            }
            if c == "\"" {
                i += 1
                while i < chars.count && chars[i] != "\"" { i += chars[i] == "`" ? 2 : 1 }
                i += 1; continue
            }
            if "({[".contains(c) { stack.append(c) }
            if let open = pairs[c] { guard stack.popLast() == open else { return false } }
            i += 1
        }
        return stack.isEmpty
    }

    /// The lines between `if ($AsOf -ge ...) {` and its closing `}`: the commands of each change set.
    static func commandLines(_ script: String) -> [String] {
        var inside = false, out: [String] = []
        for line in script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("if ($AsOf -ge [datetime]'") { inside = true; continue }
            if inside && line == "}" { inside = false; continue }
            if inside { out.append(line) }
        }
        return out
    }

    /// The identities of each Invoke-PlanBatch call, in order.
    static func batches(_ script: String) -> [(policy: String, users: [String])] {
        var out: [(String, [String])] = []
        var current: (String, [String])?
        for line in commandLines(script) {
            if line.hasPrefix("    Invoke-PlanBatch ") {
                current = (String(line.split(separator: " ")[2]), [])
            } else if line == "    )", let c = current {
                out.append(c); current = nil
            } else if current != nil {
                let quoted = line.trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
                current!.1.append(String(quoted.dropFirst().dropLast()))
            }
        }
        return out
    }

    @Test("the script starts with the module, connection and parameter lines an unattended run needs")
    func header() throws {
        let plan = try PowerShellPlan(try PowerShellPlanTests.plannedTenant())
        let s = plan.script
        #expect(s.hasPrefix("#Requires -Modules MicrosoftTeams\n#Requires -Modules SkypeForBusiness\n<#"))
        for line in ["Import-Module MicrosoftTeams", "Import-Module SkypeForBusiness", "$ErrorActionPreference = 'Stop'",
                     "Connect-MicrosoftTeams -Credential $Credential -ErrorAction Stop",
                     "Connect-MicrosoftTeams -TenantId $TenantId -ApplicationId $ApplicationId -CertificateThumbprint $CertificateThumbprint",
                     "    [ValidateSet('Stop', 'Continue')]\n    [string]$OnError = 'Stop',",
                     "    [string]$LogPath = ($PSCommandPath -replace '\\.ps1$', '') + '.log.csv',",
                     "    [pscredential]$Credential,", "    [switch]$UseOAuth", "    [string]$HostedMigrationOverrideUrl,",
                     "if ($Credential) { $MoveAuth.Credential = $Credential }", "if ($UseOAuth) { $MoveAuth.UseOAuth = $true }",
                     "$MoveAuth.HostedMigrationOverrideUrl = $HostedMigrationOverrideUrl"] {
            #expect(s.contains(line), "\(line)")
        }
        // Connected before the first command; every Move-CsUser takes the credential or OAuth parameters.
        let connect = try #require(s.range(of: "Connect-MicrosoftTeams -ErrorAction Stop"))
        let first = try #require(s.range(of: "    Invoke-PlanStep "))
        #expect(connect.lowerBound < first.lowerBound)
        let moves = Self.commandLines(s).filter { $0.contains("Move-CsUser") }
        #expect(moves.count == 2 && moves.allSatisfy { $0.contains("-Confirm:$false") && $0.contains("@MoveAuth") })
        for name in ["WhatIf", "AsOf", "OnError", "LogPath", "Credential", "TenantId", "ApplicationId", "CertificateThumbprint",
                     "HostedMigrationOverrideUrl", "UseOAuth"] {
            #expect(s.contains(".PARAMETER \(name)\n"), "\(name)")
        }
        // A plan without on-premises users asks for no Skype for Business Server module and takes no move parameters.
        let (_, online) = try Self.moved(3)
        #expect(online.script.hasPrefix("#Requires -Modules MicrosoftTeams\n<#"))
        #expect(!online.script.contains("SkypeForBusiness") && !online.script.contains("$MoveAuth"))
        #expect(online.script.contains("Connect-MicrosoftTeams -Credential $Credential"))
    }

    @Test("every command is logged with its user and outcome, and -OnError decides whether a failure stops the run")
    func loggedCommands() throws {
        let s = try PowerShellPlan(try PowerShellPlanTests.plannedTenant()).script
        let lines = Self.commandLines(s)
        #expect(lines.count == 9)
        for line in lines {
            #expect(line.hasPrefix("    Invoke-PlanStep "), "\(line)")
            #expect(line.hasSuffix(" -ErrorAction Stop }"), "\(line)")
        }
        #expect(lines.contains("    Invoke-PlanStep 4 'mei@contoso.com' { Move-CsUser -Identity 'mei@contoso.com' -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf @MoveAuth -ErrorAction Stop }"))
        // The step runner logs ok or error with user and command, and rethrows only under -OnError Stop.
        let runner = try #require(s.range(of: "function Invoke-PlanStep").map { String(s[$0.lowerBound...].prefix(600)) })
        #expect(runner.contains("Write-PlanLog $ChangeSet $User $command $(if ($WhatIf) { 'whatif' } else { 'ok' }) ''"))
        #expect(runner.contains("Write-PlanLog $ChangeSet $User $command 'error' $_.Exception.Message"))
        #expect(runner.contains("if ($OnError -eq 'Stop') { throw }"))
        #expect(s.contains("change_set = $ChangeSet; user = $User; command = $Command; outcome = $Outcome"))
        #expect(s.contains("Export-Csv -Path $LogPath -Append"))
        #expect(s.hasSuffix("if ($script:Failures -gt 0) {\n    Write-Warning \"$script:Failures command(s) failed; see $LogPath\"\n    exit 1\n}\nWrite-Output \"plan done; each command's outcome is in $LogPath\"\n"))
        #expect(Self.balanced(s))
        #expect(!Self.balanced(s + "}\n") && !Self.balanced("if ($a) { 'x' \n"))
    }

    @Test("more than 200 grants go in batches of at most 5,000, each checked until complete; 200 stay per-user")
    func batchGrants() throws {
        let (_, plan) = try Self.moved(12_001)
        let s = plan.script
        let b = Self.batches(s)
        #expect(b.map(\.users.count) == [5_000, 5_000, 2_001])
        #expect(b.allSatisfy { $0.policy == "'UpgradeToTeams'" })
        let all = b.flatMap(\.users)
        #expect(all.count == 12_001 && Set(all).count == 12_001 && all.first == "user0@contoso.com" && all.last == "user12000@contoso.com")
        #expect(s.contains("Invoke-PlanBatch 1 'UpgradeToTeams' 'coexist change set 1 batch 3 of 3' @("))
        #expect(!s.contains("Grant-CsTeamsUpgradePolicy -PolicyName 'UpgradeToTeams' -Identity"))
        for line in ["New-CsBatchPolicyAssignmentOperation -PolicyType TeamsUpgradePolicy -PolicyName $PolicyName -Identity $Users -OperationName $Name -ErrorAction Stop",
                     "$op = Get-CsBatchPolicyAssignmentOperation -Identity $id -ErrorAction Stop",
                     "} while ($op.OverallStatus -notin @('Completed', 'Complete'))",
                     "foreach ($s in $op.UserState) {", "Write-PlanLog $ChangeSet $s.Id $command 'error' \"$($s.Result) (operation $id)\"",
                     "if ($OnError -eq 'Stop') { throw \"batch '$Name': $($failed.Count) user(s) failed; see $LogPath\" }",
                     "    [int]$PollSeconds = 60,", "    [int]$BatchTimeoutMinutes = 240"] {
            #expect(s.contains(line), "\(line)")
        }
        #expect(Self.balanced(s))
        // Three batches, and (TeamsOnly migrates meetings) one Start-CsExMeetingMigration per user.
        #expect(plan.commandCount == 3 + 12_001)
        // The CSV keeps one row per user, each naming its batch.
        let rows = plan.csv.split(separator: "\r\n").dropFirst().filter { $0.contains(",grant-batch,") }
        #expect(rows.count == 12_001 && rows.allSatisfy { $0.contains(",grant-batch,UpgradeToTeams,") })
        let last = try #require(rows.last)
        #expect(last.hasPrefix("1,2027-03-01,user12000@contoso.com,"))
        #expect(last.hasSuffix("-OperationName 'coexist change set 1 batch 3 of 3'"))

        let (_, small) = try Self.moved(200)
        #expect(Self.batches(small.script).isEmpty && !small.script.contains("function Invoke-PlanBatch"))
        #expect(Self.commandLines(small.script).filter { $0.contains("Grant-CsTeamsUpgradePolicy -PolicyName 'UpgradeToTeams' -Identity") }.count == 200)
        let (_, over) = try Self.moved(201)
        #expect(Self.batches(over.script).map(\.users.count) == [201])
    }

    @Test("batch grants of a meeting-migrating mode also run Start-CsExMeetingMigration for each user")
    func batchMeetingMigration() throws {
        let (_, plan) = try Self.moved(250, to: "SfBWithTeamsCollabAndMeetings")
        #expect(plan.steps.filter { $0.action == "start-meeting-migration" }.count == 250)
        #expect(plan.script.contains("# caveat: the grants go as batch assignments"))
    }

    @Test("the rollback grants each user the policy they had before, latest change set first")
    func rollback() throws {
        let w = Self.workspace(Self.onlineTenant(6))
        let all = (0..<6).map { "user\($0)@contoso.com" }
        try TestTenant.apply(.moveUsers(upns: all, target: "SfBWithTeamsCollabAndMeetings", on: PlanDay(year: 2027, month: 1, day: 10)), to: w)
        try TestTenant.apply(.moveUsers(upns: ["user1@contoso.com", "user3@contoso.com"], target: "TeamsOnly", on: Self.day), to: w)
        let plan = try PowerShellPlan(w)
        let r = plan.rollbackScript
        #expect(r.hasPrefix("#Requires -Modules MicrosoftTeams\n<#"))
        #expect(Self.balanced(r) && r.contains("Connect-MicrosoftTeams -Credential $Credential") && r.contains("    [string]$OnError = 'Stop',"))
        let lines = Self.commandLines(r)
        try #require(lines.count == 8)
        // Undo 2027-03-01 first: user1 and user3 back to what the January wave gave them.
        #expect(Array(lines.prefix(2)) == [
            "    Invoke-PlanStep 2 'user1@contoso.com' { Grant-CsTeamsUpgradePolicy -PolicyName 'SfBWithTeamsCollabAndMeetings' -Identity 'user1@contoso.com' -WhatIf:$WhatIf -ErrorAction Stop }  # back to SfBWithTeamsCollabAndMeetings",
            "    Invoke-PlanStep 2 'user3@contoso.com' { Grant-CsTeamsUpgradePolicy -PolicyName 'SfBWithTeamsCollabAndMeetings' -Identity 'user3@contoso.com' -WhatIf:$WhatIf -ErrorAction Stop }  # back to SfBWithTeamsCollabAndMeetings",
        ])
        // Then the January wave: each user's own grant back, or none (the tenant global) for those who had none.
        for i in 0..<6 {
            let had = i % 3 == 0 ? "'SfBWithTeamsCollab'" : "$null"
            let mode = i % 3 == 0 ? "SfBWithTeamsCollab" : "Islands"
            #expect(lines[2 + i] == "    Invoke-PlanStep 1 'user\(i)@contoso.com' { Grant-CsTeamsUpgradePolicy -PolicyName \(had) -Identity 'user\(i)@contoso.com' -WhatIf:$WhatIf -ErrorAction Stop }  # back to \(mode)")
        }
        // Each restored policy has the mode the user had before the change.
        for c in w.journal.entries.flatMap(\.report.changes) {
            #expect(c.fromPolicy.map(\.mode) ?? UpgradePolicy.islands.mode == c.fromPolicyMode)
        }
        let side = PowerShellPlan.sidePaths(for: "waves.ps1")
        #expect(side.rollback == "waves.rollback.ps1" && side.verify == "waves.verify.ps1")
        #expect(PowerShellPlan.sidePaths(for: "Plan.PS1").rollback == "Plan.rollback.ps1")
        #expect(PowerShellPlan.sidePaths(for: "plan").verify == "plan.verify.ps1")
    }

    @Test("the rollback of batches, a tenant-wide grant, a group grant and on-premises moves")
    func rollbackKinds() throws {
        let (_, plan) = try Self.moved(300)
        let b = Self.batches(plan.rollbackScript)
        try #require(b.count == 2)
        // Back in batches per previous policy: the users who had SfBWithTeamsCollab, then those who had none.
        #expect(b.map(\.policy) == ["'SfBWithTeamsCollab'", "$null"])
        #expect(b[0].users == stride(from: 0, to: 300, by: 3).map { "user\($0)@contoso.com" })
        #expect(b[1].users.count == 200 && Set(b[0].users + b[1].users).count == 300)
        #expect(plan.rollbackScript.contains("        'user0@contoso.com'  # back to SfBWithTeamsCollab\n"))

        let fixture = try PowerShellPlan(try PowerShellPlanTests.plannedTenant())
        let lines = Self.commandLines(fixture.rollbackScript)
        #expect(lines.contains("    Invoke-PlanStep 5 '' { Grant-CsTeamsUpgradePolicy -PolicyName 'SfBWithTeamsCollab' -Global -Force -WhatIf:$WhatIf -ErrorAction Stop }"))
        #expect(lines.contains("    Invoke-PlanStep 6 '' { Remove-CsGroupPolicyAssignment -GroupId '5f1c2a9e-4b7d-4e0a-9a51-2c6b8f0d1e37' -PolicyType TeamsUpgradePolicy -Confirm:$false -WhatIf:$WhatIf -ErrorAction Stop }"))
        #expect(lines.contains("    Invoke-PlanStep 4 'raj@contoso.com' { Move-CsUser -Identity 'raj@contoso.com' -Target $OnPremisesPool -Confirm:$false -WhatIf:$WhatIf @MoveAuth -ErrorAction Stop }"))
        #expect(lines.contains { $0.contains("-PolicyName 'SfBWithTeamsCollab' -Identity 'mei@contoso.com'") && $0.hasSuffix("# back to SfBWithTeamsCollab") })
        #expect(fixture.rollbackScript.contains("if (-not $OnPremisesPool) { throw"))
        #expect(!lines.contains { $0.contains("Start-CsExMeetingMigration") })
    }

    @Test("the verification script re-reads TeamsUpgradeEffectiveMode after the 24-hour window and lists who is not there yet")
    func verification() throws {
        // user0 is homed on-premises, so it really is in the SfB mode granted; user1 is online, and since
        // SfB Online's retirement Get-CsOnlineUser reports it TeamsOnly whatever it is granted.
        var users = Self.onlineTenant(3).directory.users
        users[0].homing = .onPremises
        let w = Self.workspace(CoexistenceTenant(users: users, global: .islands, today: TestTenant.today))
        try TestTenant.apply(.moveUsers(upns: ["user0@contoso.com", "user1@contoso.com"], target: "SfBWithTeamsCollabAndMeetings",
                                        on: PlanDay(year: 2027, month: 1, day: 10)), to: w)
        try TestTenant.apply(.moveUsers(upns: ["user1@contoso.com"], target: "TeamsOnly", on: Self.day), to: w)
        let v = try PowerShellPlan(w).verificationScript
        #expect(v.hasPrefix("#Requires -Modules MicrosoftTeams\n<#"))
        #expect(v.contains("Run this no sooner than 24 hours after the plan"))
        #expect(v.contains("Connect-MicrosoftTeams -Credential $Credential") && Self.balanced(v))
        let rows = v.split(separator: "\n").filter { $0.hasPrefix("    [pscustomobject]@{ ChangeSet = ") }
        #expect(rows == [
            "    [pscustomobject]@{ ChangeSet = 1; Effective = '2027-01-10'; User = 'user0@contoso.com'; Mode = 'SfBWithTeamsCollabAndMeetings' }",
            "    [pscustomobject]@{ ChangeSet = 1; Effective = '2027-01-10'; User = 'user1@contoso.com'; Mode = 'TeamsOnly' }",
            "    [pscustomobject]@{ ChangeSet = 2; Effective = '2027-03-01'; User = 'user1@contoso.com'; Mode = 'TeamsOnly' }",
        ])
        for line in ["$due = @($planned | Where-Object { [datetime]$_.Effective -le $AsOf })",
                     "($due | Group-Object User | ForEach-Object { $_.Group[-1] })",
                     "$mode = [string](Get-CsOnlineUser -Identity $last.User -ErrorAction Stop).TeamsUpgradeEffectiveMode",
                     "if ($mode -ne $last.Mode) {", "(Get-Date) -lt ([datetime]$_.Effective).AddHours(24)",
                     "$pending | Export-Csv -Path $OutPath", "exit 1"] {
            #expect(v.contains(line), "\(line)")
        }
    }
}
