#Requires -Modules MicrosoftTeams
<#
.SYNOPSIS
    Rollback of a coexistence plan exported by coexist: every user gets back the mode they had before it.
.DESCRIPTION
    Undoes 0 change set(s), latest first: 0 user grant(s) restored to the policy each user had before,
    0 user(s) moved back on-premises, 0 group grant(s) undone, 0 tenant-wide grant(s) restored.
    Only the change sets effective on or before -AsOf are undone, so after a partial run of the plan it undoes what ran.
    Start-CsExMeetingMigration is not undone: meetings already migrated to Teams stay there.
    Modes take up to 24 hours to follow a TeamsUpgradePolicy change (Get-CsTeamsUpgradePolicy).
.PARAMETER WhatIf
    Report what each command would do and change nothing.
.PARAMETER AsOf
    Run only the change sets effective on or before this date (default: today).
.PARAMETER OnError
    Stop (default): a failed command stops the script, and the log says which. Continue: log it and go on; the script exits 1 if any failed.
.PARAMETER LogPath
    CSV log of every command's outcome (time, change_set, user, command, outcome, detail); default: this script's name with .log.csv.
.PARAMETER Credential
    Account for Connect-MicrosoftTeams without a prompt (no MFA). Without it and without a certificate, Connect-MicrosoftTeams signs in interactively.
.PARAMETER TenantId
    With -ApplicationId and -CertificateThumbprint: connect as an app (certificate), unattended.
.PARAMETER ApplicationId
    The app (client) id for certificate sign-in.
.PARAMETER CertificateThumbprint
    The certificate, in the user's store, for certificate sign-in.
#>
[CmdletBinding()]
param(
    [switch]$WhatIf,
    [datetime]$AsOf = (Get-Date).Date,
    [ValidateSet('Stop', 'Continue')]
    [string]$OnError = 'Stop',
    [string]$LogPath = ($PSCommandPath -replace '\.ps1$', '') + '.log.csv',
    [pscredential]$Credential,
    [string]$TenantId,
    [string]$ApplicationId,
    [string]$CertificateThumbprint
)

$ErrorActionPreference = 'Stop'
Import-Module MicrosoftTeams
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

try {
    if ($CertificateThumbprint) {
        Connect-MicrosoftTeams -TenantId $TenantId -ApplicationId $ApplicationId -CertificateThumbprint $CertificateThumbprint -ErrorAction Stop | Out-Null
    } elseif ($Credential) {
        Connect-MicrosoftTeams -Credential $Credential -ErrorAction Stop | Out-Null
    } else {
        Connect-MicrosoftTeams -ErrorAction Stop | Out-Null
    }
    Write-PlanLog 0 '' 'Connect-MicrosoftTeams' 'ok' ''
} catch {
    Write-PlanLog 0 '' 'Connect-MicrosoftTeams' 'error' $_.Exception.Message
    throw
}
Write-PlanLog 0 '' 'start' 'ok' "AsOf $($AsOf.ToString('yyyy-MM-dd')) OnError $OnError WhatIf $WhatIf"

if ($script:Failures -gt 0) {
    Write-Warning "$script:Failures command(s) failed; see $LogPath"
    exit 1
}
Write-Output "rollback done; each command's outcome is in $LogPath"
