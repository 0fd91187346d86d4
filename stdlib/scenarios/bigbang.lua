-- A big bang: every cohort TeamsOnly on one day, one week after a single announcement, no pilot, no
-- training and the network as it is. The guidance checks say what that costs.
return scenario{name = "bigbang", start = "2027-01-04", days = 120, seed = 1, steps = {
  {on = "+0d", announce = "all"},
  {on = "+1w", cohort = "Pilot", mode = "TeamsOnly", move_to_teams = true},
  {on = "+1w", cohort = "Wave 1", mode = "TeamsOnly", move_to_teams = true},
  {on = "+1w", cohort = "Wave 2", mode = "TeamsOnly", move_to_teams = true},
  {on = "+1w", cohort = "Wave 3", mode = "TeamsOnly", move_to_teams = true},
}}
