extension PowerShellPlan {
    /// Each changed user once, with the mode the plan leaves them in and the change set that does it, in plan
    /// order; a user changed twice appears twice, and the script keeps the last one that has taken effect.
    var plannedModes: [(changeSet: Int, effective: PlanDay, upn: String, mode: CoexistenceMode)] {
        sections.flatMap { s in s.entry.report.changes.map { (s.entry.id, s.entry.day!, $0.upn, $0.toMode) } }
    }

    /// A script to run after the plan: it re-reads TeamsUpgradeEffectiveMode with Get-CsOnlineUser and lists the
    /// users whose mode is not yet the planned one. "It can take up to 24 hours for a change to TeamsUpgradePolicy
    /// to take effect" (Get-CsTeamsUpgradePolicy), so it is meant for after that window and warns within it.
    public var verificationScript: String {
        let planned = plannedModes
        var out = """
        #Requires -Modules MicrosoftTeams
        <#
        .SYNOPSIS
            Verification of a coexistence plan exported by coexist: lists the users whose TeamsUpgradeEffectiveMode is not yet the planned one.
        .DESCRIPTION
            Run this no sooner than 24 hours after the plan: it can take up to 24 hours for a change to TeamsUpgradePolicy
            to take effect, and until then a user may still show their old mode (Get-CsTeamsUpgradePolicy). Within that
            window it warns. \(Set(planned.map(\.upn)).count) user(s) in \(sections.count) change set(s); a user changed twice is checked against the last
            change set that has taken effect. Writes the users not yet in their planned mode to -OutPath and exits 1 if any.
        .PARAMETER AsOf
            Check the change sets effective on or before this date (default: today), as the plan ran them.
        .PARAMETER OutPath
            CSV of the users not yet in their planned mode (user, change_set, planned, effective); default: this script's name with .pending.csv.
        .PARAMETER Credential
            Account for Connect-MicrosoftTeams without a prompt (no MFA).
        .PARAMETER TenantId
            With -ApplicationId and -CertificateThumbprint: connect as an app (certificate), unattended.
        .PARAMETER ApplicationId
            The app (client) id for certificate sign-in.
        .PARAMETER CertificateThumbprint
            The certificate, in the user's store, for certificate sign-in.
        #>
        [CmdletBinding()]
        param(
            [datetime]$AsOf = (Get-Date).Date,
            [string]$OutPath = ($PSCommandPath -replace '\\.ps1$', '') + '.pending.csv',
            [pscredential]$Credential,
            [string]$TenantId,
            [string]$ApplicationId,
            [string]$CertificateThumbprint
        )

        $ErrorActionPreference = 'Stop'
        Import-Module MicrosoftTeams

        """
        out += PowerShellRunner.connect(log: false)
        out += "\n# The mode each change set leaves each user in, in plan order.\n$planned = @(\n"
        for p in planned {
            out += "    [pscustomobject]@{ ChangeSet = \(p.changeSet); Effective = '\(p.effective.iso)'; User = \(PowerShellPlan.ps(p.upn)); Mode = '\(p.mode.rawValue)' }\n"
        }
        out += """
        )

        $due = @($planned | Where-Object { [datetime]$_.Effective -le $AsOf })
        $recent = @($due | Where-Object { (Get-Date) -lt ([datetime]$_.Effective).AddHours(24) } | Select-Object -ExpandProperty ChangeSet -Unique)
        if ($recent.Count -gt 0) {
            Write-Warning "change set(s) $($recent -join ', ') took effect less than 24 hours ago: modes may still be propagating"
        }
        $pending = @(foreach ($last in ($due | Group-Object User | ForEach-Object { $_.Group[-1] })) {
            try {
                $mode = [string](Get-CsOnlineUser -Identity $last.User -ErrorAction Stop).TeamsUpgradeEffectiveMode
            } catch {
                $mode = "error: $($_.Exception.Message)"
            }
            if ($mode -ne $last.Mode) {
                [pscustomobject]@{ user = $last.User; change_set = $last.ChangeSet; planned = $last.Mode; effective = $mode }
            }
        })
        if ($pending.Count -gt 0) {
            $pending | Export-Csv -Path $OutPath -NoTypeInformation -Encoding UTF8
            $pending | Format-Table -AutoSize | Out-String | Write-Output
            Write-Warning "$($pending.Count) user(s) not yet in their planned mode; listed in $OutPath"
            exit 1
        }
        Write-Output "all $(@($due | Group-Object User).Count) user(s) due by $($AsOf.ToString('yyyy-MM-dd')) are in their planned mode"

        """
        return out
    }
}
