-- Generated at run time from the builtin list: every global function, every function of every library
-- table, and every method of every host object type, called with arguments of every wrong type.
-- What would end the process or hang is left out: os.exit, io.read (waits for input), os.execute and
-- io.popen (run programs), and the functions that would lose this script's own state.
local skip = { ["os.exit"] = true, ["io.read"] = true, ["io.lines"] = true, ["os.execute"] = true,
               ["ik.popen"] = true, ["os.remove"] = true, ["os.rename"] = true, ["io.close"] = true,
               ["io.output"] = true, ["io.input"] = true, ["collectgarbage"] = true, ["coroutine.close"] = true,
               ["debug.sethook"] = true, ["debug.debug"] = true, ["debug.setmetatable"] = true, ["debug.setuservalue"] = true,
               ["debug.setupvalue"] = true, ["debug.upvaluejoin"] = true, ["debug.setlocal"] = true, ["setmetatable"] = true,
               ["rawset"] = true, ["require"] = true, ["dofile"] = true, ["load"] = true, ["loadfile"] = true,
               ["string.rep"] = true, ["table.move"] = true, ["os.tmpname"] = true, ["print"] = true, ["io.write"] = true, ["error"] = true, ["assert"] = true,
               ["os.date"] = true, ["string.format"] = true }
local wrong = { nil, true, 5, -1, 0/0, 1/0, math.mininteger, 2^53, "", "x", "2026-01-01", {}, { 1, 2 },
                { on = {} }, print, io.stdout, coroutine.create(print), date("2026-01-01"), calls, users }
local nwrong = 49
local functions = {}
local function collect(prefix, t, depth)
  for k, v in pairs(t) do
    local name = prefix .. tostring(k)
    if type(v) == "function" and not skip[name] then functions[#functions + 1] = { name, v }
    elseif type(v) == "table" and depth > 0 and k ~= "_G" and k ~= "package" and k ~= "loaded" then
      collect(name .. ".", v, depth - 1)
    end
  end
end
collect("", _G, 1)
local objects = { calls, calls:poor(), users, cohorts, changes, tenant, date("2026-01-01"), calls:summary(),
                  calls:by("building"):summary() }
for _, o in ipairs(objects) do
  local mt = getmetatable(o)
  for name, m in pairs(type(mt) == "table" and rawget(mt, "__methods") or {}) do
    functions[#functions + 1] = { tostring(rawget(mt, "__name")) .. ":" .. name, function(...) return m(o, ...) end }
  end
end
table.sort(functions, function(a, b) return a[1] < b[1] end)
local calls_made = 0
for _, f in ipairs(functions) do
  for i = 1, nwrong do
    pcall(f[2], wrong[i])
    pcall(f[2], wrong[i], wrong[(i % nwrong) + 1])
    pcall(f[2], wrong[(i * 7) % nwrong + 1], wrong[i], wrong[(i * 3) % nwrong + 1])
    calls_made = calls_made + 3
  end
end
io.stdout:w2ite(#functions, " functions, ", calls_made, " calls\n")
