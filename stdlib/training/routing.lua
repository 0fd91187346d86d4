-- Where a chat or call lands: the routing and presence tables of "Coexistence with Skype for Business"
-- between the modes of the demo tenant, asked first and then shown by route{} and routing_matrix{}.
local function norm(s) return ((s or ""):lower():gsub("[%s%-_%.]", "")) end
local function someone(mode) return users:where{mode = mode}:rows()().upn end
local ann = "ann.smith@contoso.com"   -- Pilot, TeamsOnly, homed online
local function outcome(r) return r.possible and r.lands_in or "not possible" end
local function ask(truth, why)
  return function(t, you)
    local want = truth()
    if norm(you.answer) == norm(want) then return true, "Yes: " .. want .. "." end
    return false, ("not %s. %s"):format(you.answer, why)
  end
end

lesson{
  title = "Where a chat or call lands",
  minutes = 20,
  teaches = "The routing and presence rules between coexistence modes: you predict where a new chat lands, then route{} and routing_matrix{} show the truth.",
  summary = [[
What you saw: the recipient's mode decides where a new chat lands. A TeamsOnly recipient gets everything in Teams; a SfBWithTeamsCollab (or SfBOnly) recipient in Skype for Business; an Islands recipient in whatever client the sender used, so an Islands user who does not run both clients misses messages (routing_matrix's missed_risk). Interop chats are 1:1 plain text, and presence follows the client the mode sends people to.
Next: route{} for a pair of people, routing_matrix{on=...} for a date in your plan, and the lesson "islands-to-teamsonly".]],
}

step{
  title = "A TeamsOnly sender to an Islands colleague",
  narration = "Ann Smith is in the Pilot cohort: TeamsOnly, homed online. Her colleague in Wave 1 is in Islands mode: both clients, used independently. Ann starts a new chat in Teams.",
  kind = "question",
  task = "Where does Ann's chat land for the Islands colleague: Teams or SfB?",
  choices = {"Teams", "SfB"},
  hints = {"In Islands, an in-tenant message lands in the client the sender used."},
  answer = "Teams",
  check = ask(function() return outcome(route{from = ann, to = someone("Islands"), client = "teams"}) end,
    "In Islands mode an in-tenant chat lands in the sender's client, and Ann only has Teams."),
  explain = "Islands keeps the two clients apart: what is sent from Teams arrives in Teams, what is sent from Skype for Business arrives there. That is why an Islands user must run both.",
}

step{
  title = "Ask the shell",
  narration = "route{} answers the same question from the tables, with the table row it used and the interop notes.",
  task = 'Run route{from="ann.smith@contoso.com", to=<an Islands user>, client="teams"}; users:where{mode="Islands"}:rows()().upn gives you one.',
  hints = {'local upn = users:where{mode="Islands"}:rows()().upn is one Islands user.', 'route{from="ann.smith@contoso.com", to=upn, client="teams"}'},
  answer = [[route{from="ann.smith@contoso.com", to=users:where{mode="Islands"}:rows()().upn, client="teams"}]],
  check = function(t, you)
    local ok, lands = pcall(function() return you.last.lands_in end)
    if not ok or lands == nil then return false, "the last value is not a route{} answer yet" end
    return true, "route{} says it lands in " .. lands
  end,
  explain = "Print a route for its sentence; .lands_in, .kind, .sender_sees and .notes are its fields, and .table_row names the row of Microsoft's table.",
}

step{
  title = "Islands to SfBWithTeamsCollab, from Skype for Business",
  narration = "Wave 3 is in SfBWithTeamsCollab: Skype for Business for chat and calls, Teams only for teams and channels. An Islands user in Wave 1 opens Skype for Business and chats a Wave 3 colleague.",
  kind = "question",
  task = "Where does it land: Teams, SfB, or not possible?",
  choices = {"Teams", "SfB", "not possible"},
  hints = {"Both sides run Skype for Business, and the recipient's mode sends chats there."},
  answer = "SfB",
  check = ask(function() return outcome(route{from = someone("Islands"), to = someone("SfBWithTeamsCollab"), client = "sfb"}) end,
    "A SfBWithTeamsCollab recipient receives chats and calls in Skype for Business, and the sender used it too."),
  explain = "Native Skype for Business on both ends: nothing to interop, full features.",
}

step{
  title = "The same pair, from Teams",
  narration = "Now the Islands user starts the chat from Teams instead.",
  kind = "question",
  task = "Where does it land: Teams, SfB, or not possible?",
  choices = {"Teams", "SfB", "not possible"},
  hints = {"Islands users are on-premises in the demo; interop between Teams and Skype for Business needs a TeamsOnly or online side."},
  answer = "not possible",
  check = ask(function() return outcome(route{from = someone("Islands"), to = someone("SfBWithTeamsCollab"), client = "teams"}) end,
    "route{} and the routing table say no route exists: the Islands sender must use Skype for Business to reach a SfBWithTeamsCollab user."),
  explain = "Interop exists between Teams and Skype for Business only where one side is TeamsOnly (or homed online); between an Islands sender in Teams and a SfB-mode recipient the table has no route, and the sender must switch clients.",
}

step{
  title = "Presence",
  narration = "Presence follows the client a mode sends people to. Ann (TeamsOnly) looks at a Wave 3 user (SfBWithTeamsCollab).",
  kind = "question",
  task = "Which client's presence does Ann see for that user: Teams or SfB?",
  choices = {"Teams", "SfB"},
  hints = {"Where is a SfBWithTeamsCollab user actually available for chat?"},
  answer = "SfB",
  check = ask(function() return route{from = ann, to = someone("SfBWithTeamsCollab"), client = "teams"}.sender_sees end,
    "Users in a Skype for Business mode publish the presence of Skype for Business, where they take chats and calls."),
  explain = "Presence is published from the client a user's mode routes to, so what Ann sees matches where her message lands.",
}

step{
  title = "Every pair at once",
  narration = "routing_matrix{} counts, for every pair of cohorts and each client, where new conversations land, which are interop or not possible, and which are at risk of being missed.",
  task = "Run routing_matrix{}.",
  hints = {"routing_matrix{} takes {on=...} for another date; the default is today."},
  answer = "routing_matrix{}",
  check = function(t, you)
    for _, rs in ipairs(you.results) do
      if pcall(rs.column, rs, "missed_risk") then return true, "the matrix, pair by pair" end
    end
    return false, "no routing matrix among your results yet"
  end,
  explain = "Each row is a (from cohort, to cohort, client) with its outcome. missed_risk counts conversations sent to Islands users that land in a client they may not run.",
}

step{
  title = "Who misses messages",
  narration = "Look at the missed_risk column of the matrix.",
  kind = "question",
  task = "Which recipient cohort carries the most missed risk? (type its name)",
  hints = {"Add up missed_risk by the 'to' column; the biggest Islands cohort wins."},
  answer = "Wave 2",
  check = ask(function()
      local m = routing_matrix{}
      local to, risk, sums = m:column("to"), m:column("missed_risk"), {}
      for i = 1, #to do sums[to[i]] = (sums[to[i]] or 0) + risk[i] end
      local best, n = nil, -1
      for name, v in pairs(sums) do if v > n or (v == n and name < best) then best, n = name, v end end
      return best
    end, "Sum missed_risk by recipient: the largest Islands cohort has most people who may not run the client a message lands in."),
  explain = "Islands is the mode where messages get missed: keep it short, make sure its users run both clients, or go straight to TeamsOnly.",
}
