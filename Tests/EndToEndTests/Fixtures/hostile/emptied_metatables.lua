-- A script rewrites the metatables of host objects; method lookup must fail cleanly.
for _, o in ipairs{ calls, users, date("2026-01-01") } do
  local mt = getmetatable(o)
  mt.__methods = 42
  setmetatable(mt, { __index = function() error("metatable of a metatable") end })
  mt.__name = nil
end
print(pcall(function() return calls.where end))
print(pcall(function() return users.where end))
print(pcall(function() return users[1] end))
print(pcall(function() return date("2026-01-01"):format() end))
print(pcall(print, calls, users))
