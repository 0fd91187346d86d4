-- An on-premises hybrid journey: users homed in Skype for Business Server, the SfB modes, and why
-- TeamsOnly for them is a move (Move-CsUser -MoveToTeams), not a policy grant.
local function norm(s) return ((s or ""):lower():gsub("[%s%-_%.]", "")) end
local function onprem(cohort) return users:where{cohort = cohort, homing = "on-premises"}:count() end

lesson{
  title = "An on-premises hybrid journey",
  minutes = 25,
  teaches = "Homing, SfBWithTeamsCollab then SfBWithTeamsCollabAndMeetings, why TeamsOnly needs Move-CsUser -MoveToTeams, and the PowerShell an admin would run.",
  summary = [[
What you did: you counted who is homed on-premises, moved Wave 3 from SfBWithTeamsCollab to SfBWithTeamsCollabAndMeetings (new meetings in Teams, chat and calls still in Skype for Business), saw that TeamsOnly for on-premises users is planned as Move-CsUser -MoveToTeams (hybrid, SfB Server 2019 or 2015 CU8+), scheduled it, and read the PowerShell plan with its rollback and verification scripts.
Remember: meeting migration runs automatically for the moved users; existing interop threads end once a user is TeamsOnly; run the script with -WhatIf first.]],
}

step{
  title = "Who is homed on-premises",
  narration = "A user is homed where their Skype for Business account lives: online, or in Skype for Business Server on-premises. Homing decides which modes a user may have and how they reach TeamsOnly.",
  task = 'Count the users of cohort "Wave 3" homed on-premises: users:where{cohort="Wave 3", homing="on-premises"}:count()',
  hints = {"users:where{...} filters the directory; :count() counts.", 'The filter takes cohort= and homing= ("online" or "on-premises").'},
  answer = [[users:where{cohort="Wave 3", homing="on-premises"}:count()]],
  check = function(t, you)
    local n = onprem("Wave 3")
    if you.last == n then return true, n .. " users of Wave 3 are homed on-premises" end
    return false, "the last value is not Wave 3's on-premises count"
  end,
  explain = "Every Wave 3 user lives in Skype for Business Server. They are in SfBWithTeamsCollab today: Skype for Business for chat, calls and meetings, Teams only for teams and channels.",
}

step{
  title = "Meetings first",
  narration = "The framework's gradual path for on-premises users: SfBWithTeamsCollab, then SfBWithTeamsCollabAndMeetings (new meetings scheduled in Teams), then TeamsOnly.",
  task = 'Move cohort "Wave 3" to SfBWithTeamsCollabAndMeetings.',
  hints = {"cohort(NAME):move(MODE) grants every member a mode.", 'cohort("Wave 3"):move("SfBWithTeamsCollabAndMeetings")'},
  answer = [[cohort("Wave 3"):move("SfBWithTeamsCollabAndMeetings")]],
  check = function(t, you)
    local total = t:cohort("Wave 3").count
    local moved = users:where{cohort = "Wave 3", mode = "SfBWithTeamsCollabAndMeetings"}:count()
    if moved == total then return true, "all " .. total .. " Wave 3 users are in SfBWithTeamsCollabAndMeetings" end
    return false, moved .. " of " .. total .. " Wave 3 users are in SfBWithTeamsCollabAndMeetings"
  end,
  explain = "The move went through the one door: print(changes) lists it, undo() would take it back. The report names the meeting migration the Meeting Migration Service runs for these users, and its caveats.",
}

step{
  title = "Where meetings happen now",
  narration = "modes() shows, for every mode, where chat and calls and where meetings go.",
  kind = "question",
  task = "Where does a Wave 3 user now schedule new meetings: Teams or SfB?",
  choices = {"Teams", "SfB"},
  hints = {"Look at the meetings_in column of modes()."},
  answer = "Teams",
  check = function(t, you)
    local m = modes()
    local names, where = m:column("mode"), m:column("meetings_in")
    for i, name in ipairs(names) do
      if name == "SfBWithTeamsCollabAndMeetings" then
        if norm(you.answer) == norm(where[i]) then return true, "meetings go to " .. where[i] end
        return false, "modes() says meetings_in = " .. where[i] .. " for SfBWithTeamsCollabAndMeetings"
      end
    end
    return false, "modes() has no SfBWithTeamsCollabAndMeetings row"
  end,
  explain = "Chat and calls stay in Skype for Business; meetings move to Teams. Users get used to Teams meetings before their chat moves.",
}

step{
  title = "Try TeamsOnly without changing anything",
  narration = "TeamsOnly is valid for online-homed users only. A dry run shows what a move would do and changes nothing.",
  task = 'Dry-run a move of "Wave 3" to TeamsOnly: cohort("Wave 3"):move("TeamsOnly", {dry_run=true})',
  hints = {"dry_run=true in the options table."},
  answer = [[cohort("Wave 3"):move("TeamsOnly", {dry_run=true})]],
  check = function(t, you)
    local text = tostring(you.last)
    if not text:find("dry run") then return false, "the last value is not a dry-run report" end
    if users:where{cohort = "Wave 3", mode = "TeamsOnly"}:count() > 0 then return false, "a dry run changes nothing, but some Wave 3 users are TeamsOnly: undo() and dry-run" end
    return true, "a dry run: nothing changed"
  end,
  explain = "The report warns that on-premises users reach TeamsOnly by Move-CsUser -Target sipfed.online.lync.com -MoveToTeams: their account moves online and the mode is granted in one step. A policy grant alone would not move them.",
}

step{
  title = "The cmdlet",
  narration = "An admin reads the plan before running it.",
  kind = "question",
  task = "Which cmdlet makes an on-premises user TeamsOnly? (its name)",
  hints = {"It moves the user's account; the dry run named it, with -MoveToTeams."},
  answer = "Move-CsUser",
  check = function(t, you)
    if norm(you.answer):find("movecsuser", 1, true) then return true, "Move-CsUser -MoveToTeams" end
    return false, "Grant-CsTeamsUpgradePolicy sets a mode but does not move an account; the dry run's warning names the cmdlet that does"
  end,
  explain = "Move-CsUser -MoveToTeams needs hybrid configured and Skype for Business Server 2019 or 2015 CU8 or later.",
}

step{
  title = "Schedule TeamsOnly",
  narration = "Plan the move for a date with notice, as a real change.",
  task = 'Move "Wave 3" to TeamsOnly on 2026-12-01: cohort("Wave 3"):move("TeamsOnly", {on="2026-12-01"})',
  hints = {'The on= option dates the move.'},
  answer = [[cohort("Wave 3"):move("TeamsOnly", {on="2026-12-01"})]],
  check = function(t, you)
    local n = users:where{cohort = "Wave 3"}:count()
    local later = t:as_of("2026-12-01"):cohort("Wave 3"):summary("mode")
    local ok, modes = pcall(later.column, later, "mode")
    if ok then
      for i, m in ipairs(modes) do if m == "TeamsOnly" then return true, "Wave 3 is TeamsOnly as of 2026-12-01" end end
    end
    local text = cohort("Wave 3"):powershell{}
    if text:find("[1-9]%d* Move%-CsUser %-MoveToTeams") then return true, "the plan holds the Move-CsUser -MoveToTeams of " .. n .. " users" end
    return false, "no TeamsOnly move of Wave 3 is planned yet"
  end,
  explain = "The move is in the journal with its date; tenant:as_of(\"2026-12-01\") shows the tenant on that day.",
}

step{
  title = "The PowerShell",
  narration = "cohort(NAME):powershell{} returns the script (with path= it writes it, with its rollback and verification scripts beside it).",
  task = 'Keep the plan in a variable: ps = cohort("Wave 3"):powershell{}  then print(ps) to read it.',
  hints = {"Without path= it returns the text."},
  answer = [[ps = cohort("Wave 3"):powershell{}]],
  check = function(t, you)
    for _, v in pairs(you.vars) do
      if type(v) == "string" and v:find("Move-CsUser", 1, true) and v:find("[1-9]%d* Move%-CsUser %-MoveToTeams") then
        return true, "a script that moves the users with Move-CsUser -MoveToTeams"
      end
    end
    return false, "no variable holds a plan with Move-CsUser -MoveToTeams yet (was Wave 3's TeamsOnly move scheduled?)"
  end,
  explain = "The script connects with Connect-MicrosoftTeams, grants SfBWithTeamsCollabAndMeetings in batches, moves each user with Move-CsUser -MoveToTeams on its date, logs every command to CSV, and takes -WhatIf.",
}
