-- Islands to TeamsOnly in four cohorts: the upgrade framework's sample plan (stdlib/scenarios/sample.lua),
-- played forward with the simulation before any user is moved, then applied as scheduled changes.
local function norm(s) return ((s or ""):lower():gsub("[%s%-_%.']", "")) end
local function is_scenario_result(v) return type(v) == "userdata" and pcall(function() return v.violations end) and v.violations ~= nil end
local function find_result(you)
  for _, v in pairs(you.vars) do if is_scenario_result(v) then return v end end
  if is_scenario_result(you.last) then return you.last end
end
local function outcome(r, name)
  local s = r:summary()
  local names, values = s:column("outcome"), s:column("value")
  for i, n in ipairs(names) do if n == name then return values[i] end end
end

lesson{
  title = "Islands to TeamsOnly in four cohorts",
  minutes = 25,
  teaches = "The framework's sample plan: the cohorts, a pilot, what the simulation says Islands users miss, where the plan breaks a rule, and applying it as dated changes.",
  summary = [[
What you did: you read the four cohorts (Pilot, Waves 1 to 3), ran the sample plan in the simulation on a fork (nothing in the tenant changed), read how many conversations sent to Islands users are missed, checked the plan against the guidance, found with a sweep the assumption it hangs on, and applied the plan: its moves are now dated changes in the journal, ready for changes:powershell("plan.ps1").
Remember: Islands is a stage, not a destination; every week in it costs missed messages. Fix a plan (shorter Islands stretches, training before the move, the network before the wave) and run it again before applying it.]],
}

step{
  title = "The cohorts",
  narration = "The demo Contoso has four upgrade cohorts. The Pilot is already TeamsOnly; Waves 1 and 2 are in Islands; Wave 3 is in SfBWithTeamsCollab.",
  task = "Show the cohorts as a result set: cohorts:table()",
  hints = {"print(cohorts) prints the same table."},
  answer = "cohorts:table()",
  check = function(t, you)
    for _, rs in ipairs(you.results) do
      if pcall(rs.column, rs, "Islands") and pcall(rs.column, rs, "cohort") then return true, "the cohorts, users by mode" end
    end
    return false, "the cohorts table is not among your results yet"
  end,
  explain = "Each row counts a cohort's users by mode and by homing: who moves together, and from where.",
}

step{
  title = "How many in Islands",
  narration = "Islands users run both clients and receive messages in whichever one the sender used.",
  kind = "question",
  task = "How many users are in Islands mode today?",
  hints = {'users:where{mode="Islands"}:count() counts them.'},
  answer = "1200",
  check = function(t, you)
    local n = users:where{mode = "Islands"}:count()
    if tonumber(you.answer) == n then return true, n .. " users" end
    return false, 'add up the Islands column of the cohorts table, or users:where{mode="Islands"}:count()'
  end,
  explain = "Waves 1 and 2 are the Islands users; each must run both clients until the day they are TeamsOnly.",
}

step{
  title = "Play the plan forward",
  narration = "stdlib/scenarios/sample.lua is the framework's sample plan: the Pilot first, then Islands to TeamsOnly in three waves on a rolling cycle, with notice, training, champions and weekly reviews. run() plays it day by day on a fork of the tenant.",
  task = 'Run it and keep the result: r = require("scenarios.sample"):run()',
  hints = {"require returns the scenario; :run() returns its result."},
  answer = [[r = require("scenarios.sample"):run()]],
  check = function(t, you)
    if find_result(you) then return true, "the plan, played forward on a fork" end
    return false, "no scenario result in a variable yet"
  end,
  explain = "Nothing in your tenant moved: the simulation ran on a copy. r:summary(), r:violations() and r:chart(\"missed\") read the run.",
}

step{
  title = "Missed conversations",
  narration = "Read r:summary(): missed is how many conversations sent to Islands users landed in the client they were not watching.",
  kind = "question",
  task = "How many conversations are missed over the run (the summary's missed, rounded)?",
  hints = {"print(r:summary()) and read the missed row."},
  answer = "45",
  check = function(t, you)
    local r = require("scenarios.sample"):run()
    local missed = outcome(r, "missed")
    local n = tonumber(you.answer)
    if n and math.abs(n - missed) < 1 then return true, ("%.0f missed conversations"):format(missed) end
    return false, "print(r:summary()) shows it in the missed row"
  end,
  explain = "Each one is a message or call that sat unseen in the other client: the cost of Islands the domain guide warns about.",
}

step{
  title = "Where the plan breaks a rule",
  narration = "r:violations() checks the run against the guidance: review cadence, buildings not ready, Islands stretches that miss too much.",
  task = "Show the violations: r:violations()",
  hints = {"A result set: one row per rule broken."},
  answer = [[require("scenarios.sample"):run():violations()]],
  check = function(t, you)
    for _, rs in ipairs(you.results) do
      if pcall(rs.column, rs, "check") and pcall(rs.column, rs, "message") then return true, "the guidance, checked" end
    end
    return false, "the violations are not among your results yet"
  end,
  explain = "An empty table: the sample keeps every rule. When a plan breaks one, each row names the step, the day, what is wrong and the Microsoft document the rule comes from.",
}

step{
  title = "How many rules broken",
  narration = "Read the violations table you just made (r:violations() again shows it).",
  kind = "question",
  task = "How many guidance rules does the sample plan break?",
  hints = {"Count the rows of r:violations(); the summary's violations row says the same."},
  answer = "0",
  check = function(t, you)
    local v = require("scenarios.sample"):run():violations()
    local n = #v:column("check")
    if tonumber(you.answer) == n then return true, n .. " violation(s)" end
    return false, ("the table has %d row(s): count them, or read the summary's violations row"):format(n)
  end,
  explain = "The sample is compliant: a 42-day window, a 30-day pilot with its assessment, notice before every wave, weekly reviews, and -MoveToTeams for the on-premises users of Wave 3. A plan that passes today can still hang on one assumption; the next step finds it.",
}

step{
  title = "Find the lever that fixes it",
  narration = "Islands users miss what lands in the client they are not running. The model's islands_keep_sfb is the share who keep Skype for Business running beside Teams (0.8 by default); champions and the training tell them to. sweep{} runs the plan across values of one parameter on common random numbers, so you see which assumption the plan hangs on.",
  task = 'w = sweep{scenario=require("scenarios.sample"), param="islands_keep_sfb", values={0.5, 0.8, 0.95}}  then print(w)',
  hints = {"sweep returns a table-like object; w.table holds the outcomes per value."},
  answer = [[w = sweep{scenario=require("scenarios.sample"), param="islands_keep_sfb", values={0.5, 0.8, 0.95}}]],
  check = function(t, you)
    for _, v in pairs(you.vars) do
      if type(v) == "userdata" and pcall(function() return v.table:column("islands_keep_sfb") end) then return true, "the plan across three values" end
    end
    return false, "no sweep over islands_keep_sfb in a variable yet"
  end,
  explain = "Read the missed and violations columns: the more Islands users keep both clients running, the fewer conversations are missed.",
}

step{
  title = "How much is enough",
  narration = "Read w.table (print(w) shows it).",
  kind = "question",
  task = "What is the smallest islands_keep_sfb of 0.5, 0.8 and 0.95 at which the plan has no violations?",
  choices = {"0.5", "0.8", "0.95"},
  hints = {"The violations column is 0 from that row on."},
  answer = "0.8",
  check = function(t, you)
    local w = sweep{scenario = require("scenarios.sample"), param = "islands_keep_sfb", values = {0.5, 0.8, 0.95}}
    local values, violations = w.table:column("islands_keep_sfb"), w.table:column("violations")
    for i, v in ipairs(values) do
      if violations[i] == 0 then
        if tonumber(you.answer) and math.abs(tonumber(you.answer) - v) < 1e-9 then return true, ("from %.2f on, no violations"):format(v) end
        return false, ("the violations column first reads 0 at %.2f"):format(v)
      end
    end
    return false, "no value in this sweep clears every violation"
  end,
  explain = "The plan holds at the default but breaks below it: if only half the Islands users keep Skype for Business running, Waves 1 and 2 miss too much. The safeguard is in the people, not the dates: tell every Islands user to keep Skype for Business running until their TeamsOnly day, and have champions check.",
}

step{
  title = "Apply the plan",
  narration = "Applying makes the plan's moves real scheduled changes through the change log, dated as the plan says.",
  task = 'Apply it: require("scenarios.sample"):apply{}',
  hints = {"apply{dry_run=true} shows the changes first."},
  answer = [[require("scenarios.sample"):apply{}]],
  check = function(t, you)
    if #changes > 0 then return true, #changes .. " dated change(s) in the journal" end
    return false, "the journal is still empty"
  end,
  explain = "print(changes) lists the moves with their dates; tenant:as_of(\"2027-04-30\") shows the tenant at the end; changes:powershell(\"plan.ps1\") writes what an admin would run.",
}
