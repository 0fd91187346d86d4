-- Large strings into every kind of argument.
local big = string.rep("x", 16 * 1024 * 1024)
local nul = "a\0b" .. string.rep("\255", 1000)
for _, s in ipairs{ big, nul, "" } do
  pcall(date, s)
  pcall(function() return calls:where{ building = s }:count() end)
  pcall(function() return calls:where(s, "=", s):count() end)
  pcall(function() return calls:by(s) end)
  pcall(function() return users[s] end)
  pcall(function() return calls[s] end)
  pcall(help, s)
  pcall(function() return cohort(s) end)
  pcall(function() return route{ from = s, to = s } end)
  pcall(function() return date("2026-01-01"):format(s) end)
end
print(#big)
