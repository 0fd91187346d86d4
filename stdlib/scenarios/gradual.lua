-- A gradual journey for users homed on-premises ("Upgrade methods"): each wave goes SfBWithTeamsCollab
-- (Teams for collaboration, chat and calls stay in Skype for Business), then SfBWithTeamsCollabAndMeetings
-- (meetings move to Teams), then TeamsOnly with Move-CsUser -MoveToTeams.
local steps = {
  {on = "+0d", announce = "all"},
  {on = "+0d", pilot = "Pilot", days = 30, assess = 15},
  {on = "+3w", building = "NYC-1", fix = "udp"},
}
local waves = {"Pilot", "Wave 1", "Wave 2", "Wave 3"}
for i, wave in ipairs(waves) do
  local at = 2 * (i - 1)
  steps[#steps + 1] = {on = "+" .. (1 + at) .. "w", cohort = wave, mode = "SfBWithTeamsCollab", notify = 14}
  steps[#steps + 1] = {on = "+" .. (4 + at) .. "w", cohort = wave, mode = "SfBWithTeamsCollabAndMeetings", notify = 14}
  steps[#steps + 1] = {on = "+" .. (7 + at) .. "w", cohort = wave, mode = "TeamsOnly", notify = 14, move_to_teams = true}
  steps[#steps + 1] = {on = "+" .. (2 + at) .. "w", training = wave, capacity = 200}
end
for week = 1, 13 do steps[#steps + 1] = {on = "+" .. week .. "w", review = true} end
return scenario{name = "gradual", start = "2027-01-04", days = 120, seed = 1, steps = steps}
