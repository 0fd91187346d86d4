-- issue 12: a where(function) query made in a coroutine, which is then collected, and run later.
local q
local co = coroutine.create(function() q = calls:where(function(r) return r.index % 2 == 0 end) end)
assert(coroutine.resume(co))
co = nil
collectgarbage(); collectgarbage()
print(q:count())
print(#q:where{modality = "audio"})
q = nil
collectgarbage(); collectgarbage()
