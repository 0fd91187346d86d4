-- The upgrade framework's sample plan ("Upgrade framework"): the Pilot first, then Islands to TeamsOnly
-- in three more cohorts on a rolling cycle, inside a 45-day window, with notice, training, champions,
-- weekly quality reviews and the network fixed before the waves. Wave 3's on-premises users go straight from
-- SfBWithTeamsCollab to TeamsOnly with Move-CsUser -MoveToTeams ("Upgrade methods"): an Islands stop would leave
-- them splitting chats and calls between two clients for the two weeks before, and miss more than the 2 %
-- the guidance check allows. Run it: require("scenarios.sample"):run()
local steps = {
  {on = "+0d", announce = "all"},
  {on = "+0d", pilot = "Pilot", days = 30, assess = 15},
  {on = "+1w", champions = "Pilot", count = 4},
  {on = "+3w", building = "NYC-1", fix = "udp"},
  {on = "+4w", training = "Wave 1", capacity = 150},
  {on = "+5w", training = "Wave 2", capacity = 150},
  {on = "+5w", training = "Wave 3", capacity = 150},
  {on = "+6w", announce = "all"},
  {on = "+7w", cohort = "Pilot", mode = "TeamsOnly", notify = 14, move_to_teams = true},
  {on = "+7w", cohort = "Wave 1", mode = "Islands", notify = 14},
  {on = "+8w", champions = "Wave 1", count = 6},
  {on = "+9w", cohort = "Wave 1", mode = "TeamsOnly", notify = 14, move_to_teams = true},
  {on = "+9w", cohort = "Wave 2", mode = "Islands", notify = 14},
  {on = "+11w", cohort = "Wave 2", mode = "TeamsOnly", notify = 14, move_to_teams = true},
  {on = "+13w", cohort = "Wave 3", mode = "TeamsOnly", notify = 14, move_to_teams = true},
}
for week = 7, 13 do steps[#steps + 1] = {on = "+" .. week .. "w", review = true} end
return scenario{name = "sample", start = "2027-01-04", days = 120, seed = 1, steps = steps}
