-- Errors whose value is a table, nil, a number, a boolean, a function or a userdata, raised from
-- predicates, iterators, __tostring and __gc.
local values = { {}, false, 1.5, 42, print, io.stdout, coroutine.create(print),
                 setmetatable({}, { __tostring = function() return "custom error" end }),
                 setmetatable({}, { __tostring = function() error("error in __tostring") end }),
                 setmetatable({}, { __tostring = function() return {} end }) }
-- The error values themselves may refuse tostring, so show only what was caught and its type.
local function show(ok, e) io.write(tostring(ok), "\t", type(e) == "string" and e or "(a " .. type(e) .. ")", "\n") end
for i = 1, #values + 1 do
  local v = values[i]
  show(pcall(function() return calls:where(function() error(v) end):count() end))
  show(pcall(function() for r in calls:rows() do error(v) end end))
  show(pcall(tostring, setmetatable({}, { __tostring = function() error(v) end })))
  setmetatable({}, { __gc = function() error(v) end })
end
collectgarbage()
error(setmetatable({}, { __tostring = function() return "the final error" end }))
