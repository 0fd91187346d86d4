/// What an unattended run needs around a plan's commands, shared by the plan and its rollback: the module and
/// connection lines, the parameters, a log line per command's outcome, and stop-or-continue on error.
///
/// Unattended: Connect-MicrosoftTeams takes -Credential (an account without MFA) or an app's certificate
/// (-TenantId -ApplicationId -CertificateThumbprint, "Application-based authentication in Teams PowerShell
/// Module"). Move-CsUser "typically" needs -Credential when moving to Microsoft 365 and prompts without it
/// (Move-CsUser); -UseOAuth and -HostedMigrationOverrideUrl are passed through for the admin tools that take
/// them. Commands run with -ErrorAction Stop so a failure is caught, logged and then stops or not as -OnError says.
enum PowerShellRunner {
    struct Parameter {
        var declaration: String
        var help: String
    }

    /// What the text around the commands must provide.
    struct Needs {
        var moves = false
        var batches = false
        var onPremisesPool = false
    }

    static func parameters(_ needs: Needs, whatIfHelp: String) -> [Parameter] {
        var p = [
            Parameter(declaration: "[switch]$WhatIf", help: whatIfHelp),
            Parameter(declaration: "[datetime]$AsOf = (Get-Date).Date",
                      help: "Run only the change sets effective on or before this date (default: today)."),
            Parameter(declaration: "[ValidateSet('Stop', 'Continue')]\n    [string]$OnError = 'Stop'",
                      help: "Stop (default): a failed command stops the script, and the log says which. Continue: log it and go on; the script exits 1 if any failed."),
            Parameter(declaration: "[string]$LogPath = ($PSCommandPath -replace '\\.ps1$', '') + '.log.csv'",
                      help: "CSV log of every command's outcome (time, change_set, user, command, outcome, detail); default: this script's name with .log.csv."),
            Parameter(declaration: "[pscredential]$Credential",
                      help: "Account for Connect-MicrosoftTeams\(needs.moves ? " and Move-CsUser" : "") without a prompt (no MFA). Without it and without a certificate, Connect-MicrosoftTeams signs in interactively."),
            Parameter(declaration: "[string]$TenantId", help: "With -ApplicationId and -CertificateThumbprint: connect as an app (certificate), unattended."),
            Parameter(declaration: "[string]$ApplicationId", help: "The app (client) id for certificate sign-in."),
            Parameter(declaration: "[string]$CertificateThumbprint", help: "The certificate, in the user's store, for certificate sign-in."),
        ]
        if needs.moves {
            p += [
                Parameter(declaration: "[string]$HostedMigrationOverrideUrl",
                          help: "Passed to Move-CsUser when the hosted migration service is not found through AutoDiscover."),
                Parameter(declaration: "[switch]$UseOAuth", help: "Passed to Move-CsUser -UseOAuth, for the admin tools that take it instead of -Credential."),
            ]
        }
        if needs.onPremisesPool {
            p.append(Parameter(declaration: "[string]$OnPremisesPool",
                               help: "The Skype for Business Server registrar pool FQDN that users moved by the plan go back to (Move-CsUser -Target)."))
        }
        if needs.batches {
            p += [
                Parameter(declaration: "[int]$PollSeconds = 60", help: "Seconds between Get-CsBatchPolicyAssignmentOperation checks of a batch."),
                Parameter(declaration: "[int]$BatchTimeoutMinutes = 240", help: "A batch not completed after this long counts as failed."),
            ]
        }
        return p
    }

    /// `#Requires`, comment-based help, `param()`; then the prelude.
    static func header(synopsis: String, description: [String], needs: Needs, whatIfHelp: String) -> String {
        let params = parameters(needs, whatIfHelp: whatIfHelp)
        var out = "#Requires -Modules MicrosoftTeams\n"
        if needs.moves { out += "#Requires -Modules SkypeForBusiness\n" }
        out += "<#\n.SYNOPSIS\n    \(synopsis)\n.DESCRIPTION\n"
        for line in description { out += "    \(line)\n" }
        for p in params {
            let name = p.declaration.split(separator: "$")[1].prefix { $0.isLetter || $0.isNumber }
            out += ".PARAMETER \(name)\n    \(p.help)\n"
        }
        out += "#>\n[CmdletBinding()]\nparam(\n"
        out += params.map { "    " + $0.declaration }.joined(separator: ",\n") + "\n)\n\n"
        return out + prelude(needs)
    }

    static func prelude(_ needs: Needs) -> String {
        var out = """
        $ErrorActionPreference = 'Stop'
        Import-Module MicrosoftTeams

        """
        if needs.moves { out += "Import-Module SkypeForBusiness\n" }
        out += """
        $script:Failures = 0

        function Write-PlanLog([int]$ChangeSet, [string]$User, [string]$Command, [string]$Outcome, [string]$Detail) {
            [pscustomobject]@{ time = (Get-Date).ToString('o'); change_set = $ChangeSet; user = $User; command = $Command; outcome = $Outcome; detail = $Detail } |
                Export-Csv -Path $LogPath -Append -NoTypeInformation -Encoding UTF8
        }

        # One command: its outcome is logged; a failure stops the script unless -OnError Continue.
        function Invoke-PlanStep([int]$ChangeSet, [string]$User, [scriptblock]$Action) {
            $command = $Action.ToString().Trim()
            try {
                & $Action | Out-Null
                Write-PlanLog $ChangeSet $User $command $(if ($WhatIf) { 'whatif' } else { 'ok' }) ''
            } catch {
                $script:Failures++
                Write-PlanLog $ChangeSet $User $command 'error' $_.Exception.Message
                if ($OnError -eq 'Stop') { throw }
            }
        }


        """
        if needs.batches {
            out += """
            # One batch assignment, then its status until it completes: one log line per user with their result.
            # Batches run one at a time: Microsoft advises not submitting more than a few at once.
            function Invoke-PlanBatch([int]$ChangeSet, $PolicyName, [string]$Name, [string[]]$Users) {
                $shown = if ($null -eq $PolicyName) { '$null' } else { "'$PolicyName'" }
                $command = "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsUpgradePolicy -PolicyName $shown -OperationName '$Name' ($($Users.Count) users)"
                if ($WhatIf) {
                    foreach ($u in $Users) { Write-PlanLog $ChangeSet $u $command 'whatif' '' }
                    return
                }
                $failed = @()
                try {
                    $id = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsUpgradePolicy -PolicyName $PolicyName -Identity $Users -OperationName $Name -ErrorAction Stop
                    $deadline = (Get-Date).AddMinutes($BatchTimeoutMinutes)
                    do {
                        Start-Sleep -Seconds $PollSeconds
                        $op = Get-CsBatchPolicyAssignmentOperation -Identity $id -ErrorAction Stop
                        if ((Get-Date) -gt $deadline) { throw "operation $id still $($op.OverallStatus) after $BatchTimeoutMinutes minute(s)" }
                    } while ($op.OverallStatus -notin @('Completed', 'Complete'))
                    foreach ($s in $op.UserState) {
                        if ($s.Result -eq 'Success') {
                            Write-PlanLog $ChangeSet $s.Id $command 'ok' "operation $id"
                        } else {
                            $failed += $s.Id
                            Write-PlanLog $ChangeSet $s.Id $command 'error' "$($s.Result) (operation $id)"
                        }
                    }
                } catch {
                    $failed = $Users
                    foreach ($u in $Users) { Write-PlanLog $ChangeSet $u $command 'error' $_.Exception.Message }
                }
                if ($failed.Count -gt 0) {
                    $script:Failures += $failed.Count
                    if ($OnError -eq 'Stop') { throw "batch '$Name': $($failed.Count) user(s) failed; see $LogPath" }
                }
            }


            """
        }
        if needs.moves {
            out += """
            # Move-CsUser runs unattended only with -Credential (or -UseOAuth where the admin tools take it).
            $MoveAuth = @{}
            if ($Credential) { $MoveAuth.Credential = $Credential }
            if ($UseOAuth) { $MoveAuth.UseOAuth = $true }
            if ($HostedMigrationOverrideUrl) { $MoveAuth.HostedMigrationOverrideUrl = $HostedMigrationOverrideUrl }
            if (-not $Credential -and -not $UseOAuth) { Write-Warning 'Move-CsUser will ask for credentials: pass -Credential to run unattended' }


            """
        }
        if needs.onPremisesPool {
            out += "if (-not $OnPremisesPool) { throw 'pass -OnPremisesPool: the pool users moved to Teams go back to' }\n\n"
        }
        out += connect(log: true)
        out += "Write-PlanLog 0 '' 'start' 'ok' \"AsOf $($AsOf.ToString('yyyy-MM-dd')) OnError $OnError WhatIf $WhatIf\"\n"
        return out
    }

    /// Connect-MicrosoftTeams by certificate, credential or interactively; a failed connection always stops.
    static func connect(log: Bool) -> String {
        let connect = """
        if ($CertificateThumbprint) {
            Connect-MicrosoftTeams -TenantId $TenantId -ApplicationId $ApplicationId -CertificateThumbprint $CertificateThumbprint -ErrorAction Stop | Out-Null
        } elseif ($Credential) {
            Connect-MicrosoftTeams -Credential $Credential -ErrorAction Stop | Out-Null
        } else {
            Connect-MicrosoftTeams -ErrorAction Stop | Out-Null
        }
        """
        guard log else { return connect + "\n" }
        return """
        try {
        \(connect.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            Write-PlanLog 0 '' 'Connect-MicrosoftTeams' 'ok' ''
        } catch {
            Write-PlanLog 0 '' 'Connect-MicrosoftTeams' 'error' $_.Exception.Message
            throw
        }

        """
    }

    /// The commands of one change set, each through Invoke-PlanStep or Invoke-PlanBatch, indented in its `if`.
    /// `note` adds a trailing comment to a user's line (the rollback says which mode it restores).
    static func commands(_ steps: [PowerShellPlan.Step], note: (PowerShellPlan.Step) -> String? = { _ in nil }) -> String {
        var out = ""
        func comment(_ s: PowerShellPlan.Step) -> String { note(s).map { "  # " + PowerShellPlan.oneLine($0) } ?? "" }
        for (step, users) in PowerShellPlan.commands(steps) {
            if step.batch != nil {
                let policy = step.policy.map(PowerShellPlan.ps) ?? "$null"
                let total = steps.filter { $0.changeSet == step.changeSet }.compactMap(\.batch).max() ?? 1
                let name = PowerShellPlan.batchName(step.changeSet, step.batch!, total)
                out += "    Invoke-PlanBatch \(step.changeSet) \(policy) \(PowerShellPlan.ps(name)) @(\n"
                let members = steps.filter { $0.changeSet == step.changeSet && $0.batch == step.batch }
                for (u, s) in zip(users, members) { out += "        \(PowerShellPlan.ps(u))\(comment(s))\n" }
                out += "    )\n"
            } else {
                out += "    Invoke-PlanStep \(step.changeSet) \(PowerShellPlan.ps(step.upn ?? "")) { \(step.command) -ErrorAction Stop }\(comment(step))\n"
            }
        }
        return out
    }

    static func footer(_ what: String) -> String {
        """

        if ($script:Failures -gt 0) {
            Write-Warning "$script:Failures command(s) failed; see $LogPath"
            exit 1
        }
        Write-Output "\(what) done; each command's outcome is in $LogPath"

        """
    }
}
