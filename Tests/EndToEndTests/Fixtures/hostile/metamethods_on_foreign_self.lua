-- Every metamethod of every host object type, called with a self of the wrong type.
local objects = { calls, calls:poor(), users, cohorts, changes, date("2026-01-01"), calls:summary(), tenant }
local foreign = { io.stdout, nil, {}, 1, "x", true, print, coroutine.create(print) }
local events = { "__gc", "__index", "__newindex", "__len", "__tostring", "__eq", "__lt", "__le", "__add", "__sub",
                 "__concat", "__call", "__close", "__unm", "__name" }
local n = 0
for _, o in ipairs(objects) do
  local mt = getmetatable(o)
  if type(mt) == "table" then
    for _, e in ipairs(events) do
      local f = rawget(mt, e)
      if type(f) == "function" then
        for _, x in ipairs(foreign) do
          pcall(f, x, "where")
          pcall(f, x, o)
          for _, other in ipairs(objects) do pcall(f, other, x) end
          n = n + 1
        end
      end
    end
    for name, m in pairs(rawget(mt, "__methods") or {}) do
      for _, x in ipairs(foreign) do pcall(m, x) end
      for _, other in ipairs(objects) do pcall(m, other) end
    end
  end
end
print("called", n)
