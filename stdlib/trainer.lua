-- The lesson runner behind `coexist train` and train(): loads and validates lesson files, presents steps,
-- runs each step's check after the trainee's statements, and replays reference answers to rebuild a tenant.
-- The shell loads this file itself (not through require), handing it `host`: write(text), line() (the line
-- of the caller's caller, for error messages), width and color. Nothing here touches files or programs.
local host = ...
local T = {}

local LESSON_FIELDS = { title = "string", minutes = "number", teaches = "string", summary = "string" }
local STEP_FIELDS = { title = "string", narration = "string", task = "string", check = "function",
  answer = "string", hints = "table", explain = "string", kind = "string", choices = "table" }
local STEP_REQUIRED = { "narration", "task", "check", "answer", "explain" }

local function closest(word, names)
  local best, bestd
  for _, n in ipairs(names) do
    -- Levenshtein distance, small strings only.
    local a, b = word, n
    local prev = {}
    for j = 0, #b do prev[j] = j end
    for i = 1, #a do
      local cur = { [0] = i }
      for j = 1, #b do
        local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
        cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      end
      prev = cur
    end
    if not bestd or prev[#b] < bestd then best, bestd = n, prev[#b] end
  end
  if best and bestd <= math.max(2, #word // 3) then return " (did you mean '" .. best .. "'?)" end
  return ""
end

local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out)
  return out
end

-- The line where `field =` first appears at or after `from`, for naming a field's line.
local function field_line(lines, from, field)
  for i = from, #lines do
    if lines[i]:find("%f[%w_]" .. field .. "%s*=") then return i end
  end
  return from
end

local function check_fields(t, spec, lines, from, what, problems, path)
  for _, k in ipairs(keys(t)) do
    if type(k) ~= "string" then
      problems[#problems + 1] = ("%s:%d: %s has a value without a field name"):format(path, from, what)
    elseif k ~= "_line" then
      if not spec[k] then
        problems[#problems + 1] = ("%s:%d: unknown field '%s' in %s%s"):format(path, field_line(lines, from, k), k, what, closest(k, keys(spec)))
      elseif type(t[k]) ~= spec[k] then
        problems[#problems + 1] = ("%s:%d: field '%s' in %s is a %s, not a %s"):format(path, field_line(lines, from, k), k, what, type(t[k]), spec[k])
      end
    end
  end
end

-- Loads a lesson from its text; returns the lesson, or nil and every problem found (one per line).
function T.load(path, text)
  local lesson, steps = nil, {}
  local env = setmetatable({}, { __index = _G })
  env.lesson = function(t)
    if type(t) ~= "table" then error("lesson{...} takes a table", 2) end
    if lesson then error("a file holds one lesson{...}", 2) end
    t._line = host.line()
    lesson = t
  end
  env.step = function(t)
    if type(t) ~= "table" then error("step{...} takes a table", 2) end
    t._line = host.line()
    steps[#steps + 1] = t
  end
  local chunk, err = load(text, "@" .. path, "t", env)
  if not chunk then return nil, err end
  local ok, rerr = pcall(chunk)
  if not ok then return nil, tostring(rerr) end
  local lines = {}
  for l in (text .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = l end
  local problems = {}
  if not lesson then
    return nil, path .. ":1: no lesson{...} in the file (title, minutes, teaches, summary)"
  end
  check_fields(lesson, LESSON_FIELDS, lines, lesson._line, "lesson", problems, path)
  for _, f in ipairs(keys(LESSON_FIELDS)) do
    if lesson[f] == nil then problems[#problems + 1] = ("%s:%d: lesson has no '%s'"):format(path, lesson._line, f) end
  end
  if type(lesson.minutes) == "number" and (lesson.minutes < 1 or lesson.minutes ~= math.floor(lesson.minutes)) then
    problems[#problems + 1] = ("%s:%d: minutes must be a whole number of minutes, 1 or more, not %s"):format(path, field_line(lines, lesson._line, "minutes"), lesson.minutes)
  end
  if #steps == 0 then problems[#problems + 1] = ("%s:%d: the lesson has no step{...}"):format(path, lesson._line) end
  for i, s in ipairs(steps) do
    local what = "step " .. i
    check_fields(s, STEP_FIELDS, lines, s._line, what, problems, path)
    for _, f in ipairs(STEP_REQUIRED) do
      if s[f] == nil then problems[#problems + 1] = ("%s:%d: %s has no '%s'"):format(path, s._line, what, f) end
    end
    if s.kind ~= nil and s.kind ~= "do" and s.kind ~= "question" then
      problems[#problems + 1] = ("%s:%d: %s: kind is 'do' (the default) or 'question', not '%s'%s"):format(path, field_line(lines, s._line, "kind"), what, tostring(s.kind), closest(tostring(s.kind), { "do", "question" }))
    end
    if type(s.hints) == "table" then
      for j, h in ipairs(s.hints) do
        if type(h) ~= "string" then problems[#problems + 1] = ("%s:%d: %s: hint %d is not a string"):format(path, field_line(lines, s._line, "hints"), what, j) end
      end
    end
    if type(s.answer) == "string" and s.kind ~= "question" then
      local f = load("return " .. s.answer, "=answer", "t") or load(s.answer, "=answer", "t")
      if not f then
        local _, e = load(s.answer, "=answer", "t")
        problems[#problems + 1] = ("%s:%d: %s: the answer is not Lua: %s"):format(path, field_line(lines, s._line, "answer"), what, tostring(e))
      end
    end
  end
  if #problems > 0 then return nil, table.concat(problems, "\n") end
  lesson.steps, lesson.path = steps, path
  return lesson
end

-- Output ----------------------------------------------------------------------------------------------

local function paint(code, text)
  if host.color then return "\27[" .. code .. "m" .. text .. "\27[0m" end
  return text
end

-- Words wrapped to the terminal; blank lines keep paragraphs, lines starting with spaces (code) are kept.
local function wrap(text, indent)
  indent = indent or ""
  local width = math.max(30, (host.width or 80) - 2)
  local out = {}
  for para in (text .. "\n"):gmatch("([^\n]*)\n") do
    if para:match("^%s") or para == "" then
      out[#out + 1] = indent .. para
    else
      local line = indent
      for word in para:gmatch("%S+") do
        if #line > #indent and #line + 1 + #word > width then
          out[#out + 1] = line
          line = indent .. word
        else
          line = (#line > #indent) and (line .. " " .. word) or (line .. word)
        end
      end
      out[#out + 1] = line
    end
  end
  return table.concat(out, "\n") .. "\n"
end

local function say(text) host.write(text) end

-- State ------------------------------------------------------------------------------------------------

local S = nil   -- { lesson, name, index, hint, skipped = {set}, baseline = {names} }

local function current() return S and S.lesson.steps[S.index] end

local function globals_now()
  local names = {}
  for k in pairs(_G) do names[k] = true end
  return names
end

local function is_result(v)
  if type(v) ~= "userdata" then return false end
  local ok, has = pcall(function() return v.column ~= nil and v.rows ~= nil end)
  return ok and has
end

-- What a check sees of the trainee: `last` (the prompt's `_`), `vars` (globals made since the lesson
-- began, by name), `results` (those that are result sets, and `_` if it is one), `answer` (a question's
-- typed answer).
local function you(answer)
  local v = { last = rawget(_G, "_"), vars = {}, results = {}, answer = answer }
  for k, val in pairs(_G) do
    if not S.baseline[k] and k ~= "_" then
      v.vars[k] = val
      if is_result(val) then v.results[#v.results + 1] = val end
    end
  end
  if is_result(v.last) then v.results[#v.results + 1] = v.last end
  return v
end

local function run_check(s, answer)
  local ok, passed, message = pcall(s.check, rawget(_G, "tenant"), you(answer))
  if not ok then return false, "the step's check failed: " .. tostring(passed), true end
  return passed == true, message
end

local function status()
  if not S then return 0, "", true, false end
  local sk = {}
  for i in pairs(S.skipped) do sk[#sk + 1] = i end
  table.sort(sk)
  local s = current()
  return S.index, table.concat(sk, ","), S.index > #S.lesson.steps, s ~= nil and s.kind == "question"
end

local function present()
  local s = current()
  local n = #S.lesson.steps
  if not s then
    say("\n" .. paint("1;32", "Lesson complete: " .. S.lesson.title) .. "\n")
    say(wrap(S.lesson.summary))
    local skipped = select(2, status())
    if skipped ~= "" then say(wrap("(You skipped step(s) " .. skipped .. "; `coexist train " .. S.name .. "` again and .reset to do them.)")) end
    return
  end
  S.hint = 0
  say("\n" .. paint("1;36", ("Step %d of %d%s"):format(S.index, n, s.title and (": " .. s.title) or "")) .. "\n")
  say(wrap(s.narration))
  T.task()
end

function T.task()
  local s = current()
  if not s then return status() end
  say(paint("1", wrap("Task: " .. s.task)))
  if s.kind == "question" then
    if s.choices then
      for _, c in ipairs(s.choices) do say("  " .. c .. "\n") end
    end
    say(wrap("(Type your answer at the prompt; a line with a call or an assignment runs as Lua, so you can look first.)"))
  end
  return status()
end

-- Runs a reference answer as if typed at the prompt: as an expression first (its first value becomes `_`),
-- else as a statement. Output is dropped.
local function replay(s, i)
  if s.kind == "question" then return end
  local f = load("return " .. s.answer, "=answer", "t") or load(s.answer, "=answer", "t")
  local saved = print
  print = function() end
  local r = table.pack(pcall(f))
  print = saved
  if not r[1] then error(("%s:%d: step %d's reference answer failed: %s"):format(S.lesson.path, s._line, i, tostring(r[2])), 0) end
  if r.n > 1 then rawset(_G, "_", r[2]) end
end

-- Starts (or resumes) a lesson at step `from`, on a tenant the shell has just made fresh: the answers of
-- every earlier step are replayed first, so the tenant is as the trainee left it.
function T.start(lesson, name, from, skipped)
  S = { lesson = lesson, name = name, index = 1, hint = 0, skipped = {}, baseline = globals_now() }
  for i in (skipped or ""):gmatch("%d+") do S.skipped[tonumber(i)] = true end
  from = math.min(math.max(from or 1, 1), #lesson.steps + 1)
  if from == 1 then
    say(paint("1", "Lesson: " .. lesson.title) .. (" (about %d minutes)\n"):format(lesson.minutes))
    say(wrap(lesson.teaches))
    say(wrap("Inside the lesson: .hint, .task, .progress, .skip, .back, .reset, .quit."))
  end
  for i = 1, from - 1 do replay(lesson.steps[i], i) end
  S.index = from
  if from > 1 and from <= #lesson.steps then
    say(paint("1", ("Resuming %s at step %d of %d."):format(lesson.title, from, #lesson.steps)) .. "\n")
  end
  present()
  return status()
end

function T.stop() S = nil end

-- A passed step: say so, explain what the trainee saw, and present the next one.
local function pass(s, message)
  say(paint("32", "✓ " .. message) .. "\n")
  say(wrap(s.explain))
  S.skipped[S.index] = nil
  S.index = S.index + 1
  present()
end

-- After each statement at the prompt (a "do" step): the check, against the tenant and the trainee's values.
function T.after()
  local s = current()
  if not s or s.kind == "question" then return status() end
  local passed, message, broken = run_check(s)
  if passed then
    pass(s, message or "Done.")
  elseif broken then
    say(paint("31", message) .. "\n")
  elseif message then
    say(paint("33", "Not yet: " .. message) .. "\n")
  end
  return status()
end

-- A question step's answer, as typed.
function T.answer(line)
  local s = current()
  if not s then return status() end
  local passed, message = run_check(s, (line:gsub("^%s+", ""):gsub("%s+$", "")))
  if passed then
    pass(s, message or "Right.")
  else
    say(paint("33", "Not quite: " .. (message or "try again, or .hint")) .. "\n")
  end
  return status()
end

function T.hint()
  local s = current()
  if not s then return status() end
  local hints = s.hints or {}
  S.hint = S.hint + 1
  if S.hint <= #hints then
    say(wrap(("Hint %d of %d: %s"):format(S.hint, #hints, hints[S.hint])))
  else
    say(wrap("The answer:"))
    say("  " .. s.answer:gsub("\n", "\n  ") .. "\n")
  end
  return status()
end

function T.progress()
  local n = #S.lesson.steps
  local done = math.min(S.index - 1, n)
  local skipped = 0
  for _ in pairs(S.skipped) do skipped = skipped + 1 end
  say(("%s: %d of %d steps done%s; %s.\n"):format(S.lesson.title, done - skipped, n,
    skipped > 0 and (" (" .. skipped .. " skipped)") or "",
    S.index <= n and ("now on step " .. S.index) or "finished"))
  return status()
end

-- Skipping runs the step's reference answer, so the steps after it find the tenant they expect.
function T.skip()
  local s = current()
  if not s then return status() end
  replay(s, S.index)
  S.skipped[S.index] = true
  say(wrap(("Step %d skipped (its answer was run for you: %s)."):format(S.index, s.answer)))
  S.index = S.index + 1
  present()
  return status()
end

-- --check: every step's reference answer, then its check, on a fresh tenant; nil, or the first failure.
function T.check_all(lesson)
  S = { lesson = lesson, name = "check", index = 1, hint = 0, skipped = {}, baseline = globals_now() }
  for i, s in ipairs(lesson.steps) do
    S.index = i
    local ok, err = pcall(replay, s, i)
    if not ok then S = nil return err end
    local passed, message = run_check(s, s.kind == "question" and s.answer or nil)
    if not passed then
      S = nil
      return ("%s:%d: step %d: the check does not pass after the reference answer: %s"):format(lesson.path, s._line, i, tostring(message or "(no message)"))
    end
  end
  S = nil
  return nil
end

function T.info(lesson) return lesson.title, lesson.minutes, lesson.teaches, #lesson.steps end

return T
