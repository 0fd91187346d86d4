-- Deep recursion in Lua, through metamethods, and through host functions.
print(pcall(function() local function f(n) return f(n + 1) + 1 end return f(1) end))
local t = setmetatable({}, { __index = function(t, k) return t[k .. "x"] end })
print(pcall(function() return t.a end))
local deep = setmetatable({}, { __tostring = function(s) return tostring(s) end })
print(pcall(tostring, deep))
print(pcall(print, deep))
local function nest(n) if n == 0 then return calls:count() end return select(2, pcall(nest, n - 1)) end
print(nest(300))
local q
q = calls:where(function(r) return #q > 0 end)
print(pcall(function() return #q end))
