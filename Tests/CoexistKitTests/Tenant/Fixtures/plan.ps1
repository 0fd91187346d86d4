<#
.SYNOPSIS
    Skype for Business to Teams coexistence plan exported by coexist.
.DESCRIPTION
    3 change set(s): 0 per-user grant(s), 1 group grant(s), 1 tenant-wide grant(s),
    2 Move-CsUser -MoveToTeams, 5 Start-CsExMeetingMigration.
    Run Grant-CsTeamsUpgradePolicy and Start-CsExMeetingMigration connected with Connect-MicrosoftTeams, and
    Move-CsUser from the Skype for Business Server Management Shell. Run with -WhatIf first.
.PARAMETER WhatIf
    Report what each command would do and change nothing.
.PARAMETER AsOf
    Run only the change sets effective on or before this date (default: today).
#>
[CmdletBinding()]
param(
    [switch]$WhatIf,
    [datetime]$AsOf = (Get-Date).Date
)

# ---- Change set 5, effective 2026-12-01: tenant global -> SfBWithTeamsCollabAndMeetings on 2026-12-01
# by bob on 2026-10-01: Meetings First for everyone
# 3 user(s) changed: 0 grant(s), 0 Move-CsUser -MoveToTeams, 0 automatic meeting migration(s), 3 Start-CsExMeetingMigration
# warning: 1 online user stays TeamsOnly in effect: Skype for Business Online was retired on 31 July 2021. The plan records and exports the SfBWithTeamsCollabAndMeetings global, but only users homed on-premises can be in SfBWithTeamsCollabAndMeetings
# warning: a tenant-wide grant never triggers the Meeting Migration Service: the plan runs Start-CsExMeetingMigration for 3 user(s)
# caveat: meetings with more than 250 attendees (organizer included) are not migrated
# caveat: migration starts no sooner than 90 minutes after the trigger and typically finishes about 2 hours later; failures are retried up to 9 times over 24 hours
# caveat: migrated meetings lose attached content (whiteboards, polls) and notes links; copy-pasted meeting blocks are not updated
if ($AsOf -ge [datetime]'2026-12-01') {
    Grant-CsTeamsUpgradePolicy -PolicyName 'SfBWithTeamsCollabAndMeetings' -Global -WhatIf:$WhatIf
    Start-CsExMeetingMigration -Identity 'raj@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf
    Start-CsExMeetingMigration -Identity 'omar@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf
    Start-CsExMeetingMigration -Identity 'lena@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf
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
    Grant-CsTeamsUpgradePolicy -Group '5f1c2a9e-4b7d-4e0a-9a51-2c6b8f0d1e37' -PolicyName 'SfBWithTeamsCollabAndMeetings' -Rank 2 -WhatIf:$WhatIf
    Start-CsExMeetingMigration -Identity 'omar@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf
    Start-CsExMeetingMigration -Identity 'lena@contoso.com' -TargetMeetingType Teams -WhatIf:$WhatIf
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
    Move-CsUser -Identity 'raj@contoso.com' -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf
    Move-CsUser -Identity 'mei@contoso.com' -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf
}
