#!/usr/bin/env coexist
-- The weekly status of the upgrade, as Markdown: plan progress, goals, the review's top findings, next week's
-- operations tasks and the open risks. Exits 1 when a goal is off track, so cron (or CI) can mail or fail on it:
--
--   coexist scripts/examples/weekly-status.lua > status.md || echo "a goal is off track" >&2
--
-- A fresh process starts with an empty plan; when it has no goals this script adds the shipped ones (the QER
-- guide's targets, plan:goal_templates()) and says so. Copy it and add your own plan:goal{...} lines instead.
shell.mode = "markdown"
shell.maxrows = 0
shell.nullvalue = ""

local added = false
if #plan:goals() == 0 then
  for t in plan:goal_templates():rows() do
    if t.template ~= "adoption" then plan:goal{template = t.template} end
  end
  added = true
end

print("# Upgrade status, week of " .. date():format("%Y-%m-%d"))
print()
print("## Plan progress")
print()
print(plan:status())
print()
local late = plan:late()
if #late > 0 then
  print("Late steps:")
  print()
  print(late:select("phase", "step", "title", "owner", "due"))
  print()
end
local flags = plan:flags()
if #flags > 0 then
  print("Needs attention:")
  print()
  for f in flags:rows() do print("- " .. f.flag) end
  print()
end

print("## Goals")
print()
if added then print("_No goals in the plan: the shipped QER goals were measured._\n") end
local goals = plan:goals()
print(goals)
print()
local off = goals:where{status = "off track"}

print("## Review: top findings")
print()
print(qer{}:findings():select("area", "finding", "streams_affected"):head(5))
print()

print("## Operations next week")
print()
local from, to = date():add(1, "days"), date():add(7, "days")
print(ops:calendar{from = from, to = to}:where(function(r) return r.cadence ~= "daily" and r.cadence ~= "real-time" end)
  :select("date", "weekday", "activity", "cadence", "role", "team"))
print()

print("## Open risks")
print()
local risks = plan:risks{open = true}
if #risks == 0 then print("_No open risks recorded._\n") else print(risks) print() end

if #off > 0 then
  io.stderr:write(("weekly-status: %d goal(s) off track: %s\n"):format(#off, table.concat(off:column("goal"), ", ")))
  os.exit(1)
end
