-- Every odd number through every door that takes a date.
local odd = { 0/0, -(0/0), 1/0, -1/0, 1e308, -1e308, math.maxinteger, math.mininteger, 2^63, -2^63, 1e15, -1e15,
              "+9223372036854775807d", "-9223372036854775807w", "+999999999999m", "-99999999999y", "+1e309d",
              { year = math.maxinteger, month = 1, day = 1 }, { year = 2026, month = 13, day = 1 },
              { year = 2026, month = 1, day = 1, hour = math.mininteger } }
local d = date("2026-01-01")
for _, x in ipairs(odd) do
  pcall(date, x)
  pcall(function() return calls:between(x) end)
  pcall(function() return calls:between("2026-01-01", x) end)
  pcall(function() return routing_matrix{ on = x } end)
  pcall(function() return tenant:as_of(x) end)
  pcall(function() return calls:where{ start = { ">", x } }:count() end)
  if type(x) == "number" then
    pcall(function() return tostring(d + x) end)
    pcall(function() return tostring(d - x) end)
    pcall(function() return tostring(x + d) end)
    pcall(function() return d:add(x, "weeks") end)
    pcall(function() return d:add(x, "hours") end)
  end
end
print("ok")
