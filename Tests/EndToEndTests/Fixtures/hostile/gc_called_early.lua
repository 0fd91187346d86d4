-- A finaliser called by hand on a live object: later use must be an error, not a use after free.
local q = calls:poor()
getmetatable(q).__gc(q)
getmetatable(q).__gc(q)
collectgarbage()
print(pcall(q.count, q))
print(pcall(tostring, q))
print(q:count())
