-- A raising metatable on _G, on strings and on the registry, then every builtin is called.
setmetatable(_G, { __index = function(_, k) error("no global " .. tostring(k)) end,
                   __newindex = function() error("no new globals") end })
getmetatable("").__index = function() error("string index") end
setmetatable(debug.getregistry(), { __index = function() error("registry index") end })
print(pcall(function() return calls:count() end))
print(pcall(function() return help(calls) end))
print(pcall(function() return date("2026-01-01") end))
print(pcall(function() return calls:poor():summary() end))
print(pcall(function() return users:where{ mode = "TeamsOnly" } end))
rawset(_G, "x", 1)
rawget(_G, "print")(rawget(_G, "x"))
