#Requires -Modules MicrosoftTeams
#Requires -Modules SkypeForBusiness
<#
.SYNOPSIS
    Skype for Business to Teams coexistence plan exported by coexist.
.DESCRIPTION
    3 change set(s): 0 per-user grant(s), 0 user(s) in 0 batch grant(s), 1 group grant(s),
    1 tenant-wide grant(s), 2 Move-CsUser -MoveToTeams, 5 Start-CsExMeetingMigration.
    Connects with Connect-MicrosoftTeams; pass -Credential or a certificate to run unattended. Run with -WhatIf first.
    More than 200 per-user grants in one change set go as New-CsBatchPolicyAssignmentOperation batches
    of at most 5000 users, each checked with Get-CsBatchPolicyAssignmentOperation until it completes.
    Written with <name>.rollback.ps1 (grants every user the policy they had before) and <name>.verify.ps1
    (after the 24-hour propagation window, lists users whose TeamsUpgradeEffectiveMode is not yet the planned one).
    Move-CsUser needs the Skype for Business Server admin tools and the MicrosoftTeams module 6.2.1 or later: run this on a Skype for Business Server.
.PARAMETER WhatIf
    Report what each command would do and change nothing.
.PARAMETER AsOf
    Run only the change sets effective on or before this date (default: today).
.PARAMETER OnError
    Stop (default): a failed command stops the script, and the log says which. Continue: log it and go on; the script exits 1 if any failed.
.PARAMETER LogPath
    CSV log of every command's outcome (time, change_set, user, command, outcome, detail); default: this script's name with .log.csv.
.PARAMETER Credential
    Account for Connect-MicrosoftTeams and Move-CsUser without a prompt (no MFA). Without it and without a certificate, Connect-MicrosoftTeams signs in interactively.
.PARAMETER TenantId
    With -ApplicationId and -CertificateThumbprint: connect as an app (certificate), unattended.
.PARAMETER ApplicationId
    The app (client) id for certificate sign-in.
.PARAMETER CertificateThumbprint
    The certificate, in the user's store, for certificate sign-in.
.PARAMETER HostedMigrationOverrideUrl
    Passed to Move-CsUser when the hosted migration service is not found through AutoDiscover.
.PARAMETER UseOAuth
    Passed to Move-CsUser -UseOAuth, for the admin tools that take it instead of -Credential.
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
    [string]$CertificateThumbprint,
    [string]$HostedMigrationOverrideUrl,
    [switch]$UseOAuth
)

$ErrorActionPreference = 'Stop'
Import-Module MicrosoftTeams
Import-Module SkypeForBusiness
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

# Move-CsUser runs unattended only with -Credential (or -UseOAuth where the admin tools take it).
$MoveAuth = @{}
if ($Credential) { $MoveAuth.Credential = $Credential }
if ($UseOAuth) { $MoveAuth.UseOAuth = $true }
if ($HostedMigrationOverrideUrl) { $MoveAuth.HostedMigrationOverrideUrl = $HostedMigrationOverrideUrl }
if (-not $Credential -and -not $UseOAuth) { Write-Warning 'Move-CsUser will ask for credentials: pass -Credential to run unattended' }

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

# ---- Change set 5, effective 2026-12-01: tenant global -> SfBWithTeamsCollabAndMeetings on 2026-12-01
# by bob on 2026-10-01: Meetings First for everyone
# 3 user(s) changed: 0 grant(s), 0 Move-CsUser -MoveToTeams, 0 automatic meeting migration(s), 3 Start-CsExMeetingMigration
# warning: 1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021. The plan records and exports the SfBWithTeamsCollabAndMeetings global, but only users homed on-premises can be in SfBWithTeamsCollabAndMeetings
# warning: a tenant-wide grant never triggers the Meeting Migration Service: the plan runs Start-CsExMeetingMigration for 3 user(s)
# caveat: meetings with more than 250 attendees (organizer included) are not migrated
# caveat: migration starts no sooner than 90 minutes after the trigger and typically finishes about 2 hours later; failures are retried up to 9 times over 24 hours
# caveat: migrated meetings lose attached content (whiteboards, polls) and notes links; copy-pasted meeting blocks are not updated
if ($AsOf -ge [datetime]'2026-12-01') {
    Invoke-PlanStep 5 '' { Grant-CsTeamsUpgradePolicy -PolicyName 'SfBWithTeamsCollabAndMeetings' -Global -Force -WhatIf:$WhatIf -ErrorAction Stop }
    Invoke-PlanStep 5 'raj@contoso.com' { Start-CsExMeetingMigration -Identity 'raj@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf -ErrorAction Stop }
    Invoke-PlanStep 5 'omar@contoso.com' { Start-CsExMeetingMigration -Identity 'omar@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf -ErrorAction Stop }
    Invoke-PlanStep 5 'lena@contoso.com' { Start-CsExMeetingMigration -Identity 'lena@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf -ErrorAction Stop }
}

# ---- Change set 6, effective 2027-01-15: cohort 'Wave 2' (2 users) -> SfBWithTeamsCollabAndMeetings on 2027-01-15
# by alice on 2026-10-01: it's O'Brien's team
# 2 user(s) changed: 0 grant(s), 0 Move-CsUser -MoveToTeams, 2 automatic meeting migration(s), 2 Start-CsExMeetingMigration
# warning: 1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021. The plan records and exports the SfBWithTeamsCollabAndMeetings grant, but only users homed on-premises can be in SfBWithTeamsCollabAndMeetings
# caveat: meetings with more than 250 attendees (organizer included) are not migrated
# caveat: migration starts no sooner than 90 minutes after the trigger and typically finishes about 2 hours later; failures are retried up to 9 times over 24 hours
# caveat: migrated meetings lose attached content (whiteboards, polls) and notes links; copy-pasted meeting blocks are not updated
# caveat: the cohort has a group id, so the plan grants with -Group; Microsoft documents automatic meeting migration only for per-user grants, so the plan also runs Start-CsExMeetingMigration
if ($AsOf -ge [datetime]'2027-01-15') {
    Invoke-PlanStep 6 '' { Grant-CsTeamsUpgradePolicy -Group '5f1c2a9e-4b7d-4e0a-9a51-2c6b8f0d1e37' -PolicyName 'SfBWithTeamsCollabAndMeetings' -Rank 2 -WhatIf:$WhatIf -ErrorAction Stop }
    Invoke-PlanStep 6 'omar@contoso.com' { Start-CsExMeetingMigration -Identity 'omar@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf -ErrorAction Stop }
    Invoke-PlanStep 6 'lena@contoso.com' { Start-CsExMeetingMigration -Identity 'lena@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf -ErrorAction Stop }
}

# ---- Change set 4, effective 2027-02-01: cohort 'Wave 1' (2 users) -> TeamsOnly (UpgradeToTeams) on 2027-02-01
# by alice on 2026-10-01: Wave 1 cut-over, ticket CHG-1042
# 2 user(s) changed: 0 grant(s), 2 Move-CsUser -MoveToTeams, 1 automatic meeting migration(s), 0 Start-CsExMeetingMigration
# warning: 2 user(s) homed on-premises: TeamsOnly is planned as Move-CsUser -Target sipfed.online.lync.com -MoveToTeams (needs hybrid and SfB Server 2019 or 2015 CU8+)
# warning: existing interop threads to these users are disabled once they are TeamsOnly; partners must start new chats
# caveat: meetings with more than 250 attendees (organizer included) are not migrated
# caveat: migration starts no sooner than 90 minutes after the trigger and typically finishes about 2 hours later; failures are retried up to 9 times over 24 hours
# caveat: migrated meetings lose attached content (whiteboards, polls) and notes links; copy-pasted meeting blocks are not updated
# caveat: 1 user(s) have on-premises mailboxes: the Meeting Migration Service cannot migrate their meetings
if ($AsOf -ge [datetime]'2027-02-01') {
    Invoke-PlanStep 4 'raj@contoso.com' { Move-CsUser -Identity 'raj@contoso.com' -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf @MoveAuth -ErrorAction Stop }
    Invoke-PlanStep 4 'mei@contoso.com' { Move-CsUser -Identity 'mei@contoso.com' -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf @MoveAuth -ErrorAction Stop }
}

if ($script:Failures -gt 0) {
    Write-Warning "$script:Failures command(s) failed; see $LogPath"
    exit 1
}
Write-Output "plan done; each command's outcome is in $LogPath"
