#Requires -Modules MicrosoftTeams
<#
.SYNOPSIS
    Verification of a coexistence plan exported by coexist: lists the users whose TeamsUpgradeEffectiveMode is not yet the planned one.
.DESCRIPTION
    Run this no sooner than 24 hours after the plan: it can take up to 24 hours for a change to TeamsUpgradePolicy
    to take effect, and until then a user may still show their old mode (Get-CsTeamsUpgradePolicy). Within that
    window it warns. 0 user(s) in 0 change set(s); a user changed twice is checked against the last
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
    [string]$OutPath = ($PSCommandPath -replace '\.ps1$', '') + '.pending.csv',
    [pscredential]$Credential,
    [string]$TenantId,
    [string]$ApplicationId,
    [string]$CertificateThumbprint
)

$ErrorActionPreference = 'Stop'
Import-Module MicrosoftTeams
if ($CertificateThumbprint) {
    Connect-MicrosoftTeams -TenantId $TenantId -ApplicationId $ApplicationId -CertificateThumbprint $CertificateThumbprint -ErrorAction Stop | Out-Null
} elseif ($Credential) {
    Connect-MicrosoftTeams -Credential $Credential -ErrorAction Stop | Out-Null
} else {
    Connect-MicrosoftTeams -ErrorAction Stop | Out-Null
}

# The mode each change set leaves each user in, in plan order.
$planned = @(
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
