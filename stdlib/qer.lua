-- The Quality Experience Review (QER), as Microsoft's QER guide ("Use CQD to manage call and meeting quality")
-- runs it: reliability first, then audio quality, TCP, HTTP proxies, endpoints, and the subnets. Copy this file
-- and change it: it is built only on the public query API (calls:where{...}:between(...):by(...):summary{...},
-- buildings(), cohorts:names(), users:table()) and review.report{...}.
--
--   qer()                                        the last full month that has data, whole tenant
--   qer{period = "2026-10", scope = "SEA-2"}     a month, one building
--   qer{scope = {cohort = "Wave 2"}}             a cohort, or {department = "Sales"} (the first endpoint's user)
--   qer{scope = calls:where{product = "teams"}}  any query
--   qer{min_streams = 200}                       fewer streams than this: "too few streams" (default qer.min_streams)
--   r = qer(); r:save("qer.html")

local qer = {}

-- The QER guide's suggested targets (reference 4.1), in percent, and nothing else: a figure whose key is not
-- here has no target and is shown for information. Change them per tenant (qer.targets.poor_internal = 1.5), or
-- give a figure a target of your own (qer.targets.tcp = 5). Keys: measure, call type, network.
qer.targets = {
  -- All call types
  poor_internal = 2.0, setup_failure_internal = 0.5, drop_internal = 2.0,
  poor_overall = 3.0, setup_failure_overall = 1.0, drop_overall = 3.0,
  -- Conferencing
  poor_conf_internal = 2.0, setup_failure_conf_internal = 0.5, drop_conf_internal = 2.0,
  poor_conf_wired_internal = 1.0, setup_failure_conf_wired_internal = 0.5, drop_conf_wired_internal = 1.0,
  poor_conf_wifi5_internal = 1.0, setup_failure_conf_wifi5_internal = 0.5, drop_conf_wifi5_internal = 1.0,
  poor_conf_wifi24_internal = 2.0, setup_failure_conf_wifi24_internal = 0.5, drop_conf_wifi24_internal = 2.0,
  poor_conf_overall = 2.0, setup_failure_conf_overall = 0.5, drop_conf_overall = 3.0,
  -- Peer-to-peer: the guide's "Wired / Wi-Fi 5 GHz" rows are one row each; the review shows wired and Wi-Fi
  -- 5 GHz as two figures with that row's targets, so one cannot hide behind the other.
  poor_p2p_internal = 2.0, setup_failure_p2p_internal = 0.5, drop_p2p_internal = 2.0,
  poor_p2p_wired_internal = 1.0, setup_failure_p2p_wired_internal = 0.5, drop_p2p_wired_internal = 1.0,
  poor_p2p_wifi5_internal = 1.0, setup_failure_p2p_wifi5_internal = 0.5, drop_p2p_wifi5_internal = 1.0,
  poor_p2p_wired_overall = 2.0, setup_failure_p2p_wired_overall = 1.0, drop_p2p_wired_overall = 1.0,
  poor_p2p_wifi5_overall = 2.0, setup_failure_p2p_wifi5_overall = 1.0, drop_p2p_wifi5_overall = 1.0,
  poor_p2p_overall = 2.0, setup_failure_p2p_overall = 1.0, drop_p2p_overall = 3.0,
  -- Endpoints: at least 80 % of all audio streams on a certified device.
  certified = 80.0,
}

-- Keys a figure reads but the guide gives no number for (left unset: set one to apply your own target).
local untargeted_keys = { "poor_pstn_overall", "poor_wired_internal", "poor_wifi5_internal", "poor_wifi24_internal",
  "poor_vpn", "tcp", "http" }

-- Ours, not the guide's: the guide asks for "as few as possible" TCP and HTTP-proxy media. These only pick out
-- buildings whose share stands out, and every finding they raise says so; no figure is judged by them.
qer.thresholds = { tcp = 10.0, http = 2.0 }

-- A figure, a building or a section over fewer streams than this is marked "too few streams" instead of
-- meeting or missing its target: at 100 streams one stream is one percentage point, the size of the guide's
-- tightest targets. qer.min_streams = 200 or qer{min_streams = 200}; a section may set its own.
qer.min_streams = 100

-- CQD's Missing Subnet report lists subnets in at least 10 audio streams that are in no building (reference 4.1).
qer.missing_subnet_min = 10

-- Home and hotel networks (the common subnets of reference 3.5): a subnet of these ranges that no building claims
-- is someone working from home, not a subnet missing from the building file. Remove a range your offices use.
qer.home_networks = { "192.168.0.0/16", "10.0.0.0/24", "172.20.10.0/24" }

-- Remedies (reference 4.3).
qer.remedies = {
  setup = "Open the Office 365 media subnets and ports on the firewall (UDP 3478-3481, 13.107.64.0/18, "
    .. "52.112.0.0/14) and exempt them from deep packet inspection; verify with the Network Assessment Tool.",
  drop = "Check bandwidth and QoS on congested links, patch clients, use certified devices, and tell users "
    .. "not to close laptop lids mid-call.",
  quality = "Find the congested links: capacity, QoS markings (audio EF 46), and for Wi-Fi enable WMM, "
    .. "add access points, prefer 5 GHz with band steering and patch Wi-Fi drivers.",
  wifi24 = "Move clients to 5 GHz: band steering, more access points, WMM on, current Wi-Fi drivers.",
  tcp = "Media falls back to TCP 443 when UDP 3478-3481 is blocked: open UDP 3478-3481 to 13.107.64.0/18 "
    .. "and 52.112.0.0/14 from the client subnets.",
  http = "Bypass the proxy for Teams and Skype for Business media and whitelist their FQDNs.",
  vpn = "Split-tunnel Teams media (13.107.64.0/18, 52.112.0.0/14, UDP 3478-3481) so it does not cross the VPN.",
  devices = "Replace built-in and uncertified microphones with certified headsets and patch audio drivers.",
  clients = "Keep Skype for Business clients under six months old (Office Click-to-Run current channel).",
  missing = "Add the subnets to the building file and upload it with a start date at least 8 months back.",
  subnet = "Investigate the subnet's network devices and links; compare it with healthy subnets of the building.",
}

-- What a finding of each cause is called when several are merged, and which streams it affects.
local causes = {
  quality = { headline = "Poor audio quality", problem = "audio_poor" },
  wifi24 = { headline = "Poor audio on 2.4 GHz Wi-Fi", problem = "audio_poor" },
  vpn = { headline = "Poor audio over VPN", problem = "audio_poor" },
  setup = { headline = "Call setup failures", problem = "setup_failed" },
  drop = { headline = "Dropped calls", problem = "dropped" },
  tcp = { headline = "Media over TCP instead of UDP", problem = "tcp" },
  http = { headline = "Media through HTTP proxies", problem = "http" },
  devices = { headline = "Audio streams on uncertified devices", problem = "uncertified" },
}

-- Release dates of client versions, for "clients older than six months": version = "YYYY-MM-DD".
-- Teams updates itself, so only Skype for Business versions are checked. Fill it for your estate.
qer.client_releases = {}

-- Suggestions for misspelt options and names -----------------------------------------------------------

local function distance(a, b)
  a, b = a:lower(), b:lower()
  if #a == 0 then return #b end
  if #b == 0 then return #a end
  local previous = {}
  for j = 0, #b do previous[j] = j end
  for i = 1, #a do
    local current = { [0] = i }
    for j = 1, #b do
      local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
      current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    end
    previous = current
  end
  return previous[#b]
end

-- " (did you mean 'X'?)" when a candidate is close enough, as the Swift bindings say it.
local function did_you_mean(word, candidates)
  local best, best_d
  for _, c in ipairs(candidates) do
    local d = distance(word, c)
    if best_d == nil or d < best_d then best, best_d = c, d end
  end
  if best and best_d <= math.max(2, #best // 2) then return " (did you mean '" .. best .. "'?)" end
  return ""
end

local function fail(message) error("qer: " .. message, 0) end

local function contains(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- A non-negative whole number, or an error naming the option (refused, never clamped).
local function check_count(v, what)
  if type(v) ~= "number" or v ~= math.floor(v) or v < 0 then
    fail(what .. " must be a whole number of streams, 0 or more, got " .. tostring(v))
  end
  return math.tointeger(v) or v
end

local function is_query(q) return type(q) == "userdata" and getmetatable(q) == getmetatable(calls) end

-- Sections of your own ---------------------------------------------------------------------------------

local custom_sections = {}
local section_keys = { "name", "query", "measure", "target", "direction", "remedy", "unit", "note", "section", "min_streams" }

-- review.section{name=, query=, measure=, target=, direction=, remedy=, unit=, note=, section=, min_streams=}: a
-- section of your own, computed over the review's period and scope and rendered like the built-in ones. `query`
-- is a query (calls:where{...}, narrowed to the review's scope) or a function from the scoped query to a query.
-- A section registered again under the same name replaces the first.
function qer.section(spec)
  if type(spec) ~= "table" then fail("review.section{name=, query=, measure=, target=, remedy=} expects a table") end
  for k in pairs(spec) do
    if not contains(section_keys, k) then
      fail("review.section: unknown option '" .. tostring(k) .. "'" .. did_you_mean(tostring(k), section_keys))
    end
  end
  if type(spec.name) ~= "string" then fail("review.section: name must be a string") end
  if type(spec.measure) ~= "string" then fail("review.section: measure must be a measure name, e.g. \"audio_poor_pct\"") end
  local measures = calls:measures()
  if not contains(measures, spec.measure) then
    fail("review.section: unknown measure '" .. spec.measure .. "'" .. did_you_mean(spec.measure, measures))
  end
  if spec.query ~= nil and not is_query(spec.query) and type(spec.query) ~= "function" then
    fail("review.section: query must be a query (calls:where{...}) or a function of the scoped query")
  end
  if spec.target ~= nil and type(spec.target) ~= "number" then fail("review.section: target must be a number") end
  if spec.direction ~= nil and spec.direction ~= "<=" and spec.direction ~= ">=" then
    fail("review.section: direction must be \"<=\" or \">=\", got " .. tostring(spec.direction))
  end
  if spec.min_streams ~= nil then check_count(spec.min_streams, "review.section: min_streams") end
  for i, s in ipairs(custom_sections) do
    if s.name == spec.name then custom_sections[i] = spec; return spec end
  end
  custom_sections[#custom_sections + 1] = spec
  return spec
end

function qer.clear_sections() custom_sections = {} end

-- Periods -------------------------------------------------------------------------------------------

local function month_start(y, m)
  while m > 12 do y, m = y + 1, m - 12 end
  while m < 1 do y, m = y - 1, m + 12 end
  return date { year = y, month = m, day = 1 }
end

local function month_label(d) return d:format("%Y-%m") end

-- The last month that has ended and has streams (the tenant's, whatever the scope, so that reviews of
-- different scopes compare the same month); the month before this one when there are none.
local function default_month()
  local now = date()
  local this_month = string.format("%04d-%02d", now.year, now.month)
  local latest
  for row in calls:by("month"):summary { "streams" }:rows() do
    local label = tostring(row.month):sub(1, 7)
    if label < this_month and (latest == nil or label > latest) then latest = label end
  end
  if latest then return tonumber(latest:sub(1, 4)), tonumber(latest:sub(6, 7)) end
  return now.year, now.month - 1
end

-- The current period and the five before it, as {label, from, to} with `to` exclusive.
local function periods_for(period)
  local y, m
  if period == nil then
    y, m = default_month()
  else
    local ys, ms
    if type(period) == "string" then ys, ms = period:match("^(%d%d%d%d)%-(%d%d)$") end
    if not ys then fail("period must be a month like \"2026-10\", got " .. tostring(period)) end
    y, m = tonumber(ys), tonumber(ms)
    if m < 1 or m > 12 then fail("period '" .. period .. "': the month must be 01 to 12") end
  end
  local list = {}
  for k = 5, 0, -1 do
    local from = month_start(y, m - k)
    list[#list + 1] = { label = month_label(from), from = from, to = month_start(y, m - k + 1) }
  end
  return list
end

-- Scope ---------------------------------------------------------------------------------------------

local function building_names()
  local out = {}
  for row in buildings():rows() do out[#out + 1] = row.building end
  return out
end

local function department_names()
  local seen, out = {}, {}
  for row in users:table():rows() do
    local d = row.department
    if d and d ~= "" and not seen[d] then seen[d], out[#out + 1] = true, d end
  end
  table.sort(out)
  return out
end

-- Names a scope may use, and where the known ones come from.
local known = { building = building_names, cohort = function() return cohorts:names() end, department = department_names }

-- The known spelling of a name (building names match whatever their case), or an error with the closest one.
local function canonical(value, names, what)
  for _, n in ipairs(names) do if n == value then return n end end
  for _, n in ipairs(names) do if n:lower() == value:lower() then return n end end
  if #names == 0 then fail("unknown " .. what .. " '" .. value .. "': there are no " .. what .. "s") end
  fail("unknown " .. what .. " '" .. value .. "'" .. did_you_mean(value, names))
end

-- A scope value: a name, a list of names, or an operator table ({"not", "SEA-1"}) whose names are checked too.
local operators = { "not", "~=", "!=", "==", "=", "in", "not in" }
local function checked_value(v, names, what)
  if type(v) == "string" then return canonical(v, names, what) end
  if type(v) ~= "table" then return v end
  local out = {}
  for i, x in ipairs(v) do
    if type(x) == "string" and i == 1 and #v > 1 and contains(operators, x:lower()) then
      out[i] = x
    elseif type(x) == "string" or type(x) == "table" then
      out[i] = checked_value(x, names, what)
    else
      out[i] = x
    end
  end
  return out
end

local function describe(v)
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for _, x in ipairs(v) do parts[#parts + 1] = describe(x) end
  return table.concat(parts, " ")
end

-- The query the review runs over, and how the report names it.
local function scoped(scope)
  if scope == nil then return calls, "whole tenant" end
  if type(scope) == "string" then
    local b = canonical(scope, building_names(), "building")
    return calls:where { building = b }, "building " .. b
  end
  if is_query(scope) then return scope, (tostring(scope):gsub(" %(%S+ streams?%)$", "")) end
  if type(scope) == "table" then
    local filters, parts = {}, {}
    for k, v in pairs(scope) do
      if type(k) ~= "string" then fail("scope={...} takes field = value pairs, such as {cohort = \"Wave 2\"}") end
      if known[k] then v = checked_value(v, known[k](), k) end
      filters[k] = v
      parts[#parts + 1] = k .. " " .. describe(v)
    end
    if #parts == 0 then return calls, "whole tenant" end
    table.sort(parts)
    return calls:where(filters), table.concat(parts, ", ")
  end
  fail("scope must be a building name, a filter table such as {cohort = \"Wave 2\"}, or a query; got a " .. type(scope))
end

-- Cells: the streams summed by everything a figure or a finding slices on -------------------------------

local measures = { "streams", "audio_streams", "audio_poor", "audio_good", "cdr_streams", "setup_failed", "dropped",
  "setup_succeeded", "tcp", "tcp_base", "http", "certified" }

-- The trend cube: one scan over all six periods.
local function build_cube(base, periods)
  local rs = base:between(periods[1].from, periods[#periods].to)
    :by("month", "call_type", "inside", "connection", "wifi_band", "vpn")
    :summary(measures)
  local cells = {}
  for row in rs:rows() do
    row.period = tostring(row.month):sub(1, 7)
    cells[#cells + 1] = row
  end
  return cells
end

-- The current period by building as well: building findings, and the streams each finding affects.
local function current_cells(base, p)
  local rs = base:between(p.from, p.to):by("building", "call_type", "inside", "connection", "wifi_band", "vpn"):summary(measures)
  local cells = {}
  for row in rs:rows() do
    row.uncertified = row.audio_streams - row.certified
    cells[#cells + 1] = row
  end
  return cells
end

local function pct(num, den)
  if den == nil or den == 0 then return nil end
  return 100 * num / den
end

-- How each kind of figure is computed from summed cells: the rate and the streams it is over.
local ratios = {
  psr = function(s) return pct(s.audio_poor, s.audio_poor + s.audio_good), s.audio_poor + s.audio_good end,
  setup = function(s) return pct(s.setup_failed, s.cdr_streams), s.cdr_streams end,
  drop = function(s) return pct(s.dropped, s.setup_succeeded), s.setup_succeeded end,
  tcp = function(s) return pct(s.tcp, s.tcp_base), s.tcp_base end,
  http = function(s) return pct(s.http, s.streams), s.streams end,
  -- The guide: "at least 80 % of all audio streams", so streams naming no device count against it.
  certified = function(s) return pct(s.certified, s.audio_streams), s.audio_streams end,
}
local kind_cause = { psr = "quality", setup = "setup", drop = "drop", tcp = "tcp", http = "http", certified = "devices" }

local function sum(cells, label, keep)
  local s = {}
  for _, m in ipairs(measures) do s[m] = 0 end
  for _, c in ipairs(cells) do
    if c.period == label and keep(c) then
      for _, m in ipairs(measures) do s[m] = s[m] + (c[m] or 0) end
    end
  end
  return s
end

local function internal(c) return c.inside == true end
local function any() return true end
local function conf(c) return c.call_type == "conference" end
local function p2p(c) return c.call_type == "p2p" end
local function pstn(c) return c.call_type == "pstn" end
local function wired(c) return c.connection == "wired" end
local function wifi5(c) return c.connection == "wifi" and c.wifi_band == "5ghz" end
local function wifi24(c) return c.connection == "wifi" and c.wifi_band == "2.4ghz" end
local function vpn(c) return c.vpn == true end
local function all_of(...)
  local fs = { ... }
  return function(c)
    for _, f in ipairs(fs) do if not f(c) then return false end end
    return true
  end
end

-- The rows of the guide's target table (reference 4.1): key suffix, call type, network, slice, cause.
local guide_rows = {
  { "overall", nil, "overall", any },
  { "internal", nil, "internal", internal },
  { "conf_overall", "Conferencing", "overall", conf },
  { "conf_internal", "Conferencing", "internal", all_of(conf, internal) },
  { "conf_wired_internal", "Conferencing", "wired internal", all_of(conf, internal, wired) },
  { "conf_wifi5_internal", "Conferencing", "Wi-Fi 5 GHz internal", all_of(conf, internal, wifi5) },
  { "conf_wifi24_internal", "Conferencing", "Wi-Fi 2.4 GHz internal", all_of(conf, internal, wifi24), "wifi24" },
  { "p2p_overall", "Peer-to-peer", "overall", p2p },
  { "p2p_internal", "Peer-to-peer", "internal", all_of(p2p, internal) },
  { "p2p_wired_internal", "Peer-to-peer", "wired internal", all_of(p2p, internal, wired) },
  { "p2p_wifi5_internal", "Peer-to-peer", "Wi-Fi 5 GHz internal", all_of(p2p, internal, wifi5) },
  { "p2p_wired_overall", "Peer-to-peer", "wired overall", all_of(p2p, wired) },
  { "p2p_wifi5_overall", "Peer-to-peer", "Wi-Fi 5 GHz overall", all_of(p2p, wifi5) },
}

-- Figures of each section: name, kind, slice, target key, direction, cause.
local function figure_specs()
  local reliability, quality = {}, {}
  for _, kind in ipairs { { "setup", "setup_failure", "Call setup failure rate" }, { "drop", "drop", "Drop failure rate" } } do
    for _, r in ipairs(guide_rows) do
      local name = kind[3] .. ", " .. (r[2] and r[2]:lower() .. ", " or "") .. r[3]
      reliability[#reliability + 1] = { name, kind[1], r[4], kind[2] .. "_" .. r[1] }
    end
  end
  for _, r in ipairs(guide_rows) do
    local name = (r[2] or "Audio poor stream rate") .. ", " .. r[3]
    quality[#quality + 1] = { name, "psr", r[4], "poor_" .. r[1], nil, r[5] }
  end
  -- Shown for information: the guide sets no target for these.
  quality[#quality + 1] = { "PSTN, overall", "psr", pstn, "poor_pstn_overall" }
  quality[#quality + 1] = { "Wired, internal", "psr", all_of(internal, wired), "poor_wired_internal" }
  quality[#quality + 1] = { "Wi-Fi 5 GHz, internal", "psr", all_of(internal, wifi5), "poor_wifi5_internal" }
  quality[#quality + 1] = { "Wi-Fi 2.4 GHz, internal", "psr", all_of(internal, wifi24), "poor_wifi24_internal", nil, "wifi24" }
  quality[#quality + 1] = { "Over VPN", "psr", vpn, "poor_vpn", nil, "vpn" }
  return {
    Reliability = reliability,
    Quality = quality,
    ["TCP usage"] = {
      { "TCP share of audio, video and VBSS streams", "tcp", any, "tcp" },
      { "TCP share, internal", "tcp", internal, "tcp" },
    },
    ["HTTP proxy usage"] = { { "Streams through an HTTP proxy", "http", any, "http" } },
    Endpoints = { { "Audio streams on certified devices", "certified", any, "certified", ">=" } },
  }
end

-- Every key a figure reads, so that a misspelt qer.targets key is an error rather than a target never applied.
local function target_keys(specs)
  local keys = {}
  for _, list in pairs(specs) do for _, s in ipairs(list) do keys[#keys + 1] = s[4] end end
  for _, k in ipairs(untargeted_keys) do if not contains(keys, k) then keys[#keys + 1] = k end end
  table.sort(keys)
  return keys
end

local function check_targets(specs)
  local keys = target_keys(specs)
  for k, v in pairs(qer.targets) do
    if not contains(keys, k) then fail("unknown target qer.targets." .. tostring(k) .. did_you_mean(tostring(k), keys)) end
    if type(v) ~= "number" then fail("qer.targets." .. k .. " must be a number (percent), got " .. type(v)) end
  end
  for k, v in pairs(qer.thresholds) do
    if k ~= "tcp" and k ~= "http" then fail("unknown threshold qer.thresholds." .. tostring(k) .. did_you_mean(tostring(k), { "tcp", "http" })) end
    if type(v) ~= "number" then fail("qer.thresholds." .. k .. " must be a number (percent), got " .. type(v)) end
  end
end

local function misses(f)
  if f.value == nil or f.target == nil or f.streams < f.min_streams then return false end
  if f.direction == ">=" then return f.value < f.target end
  return f.value > f.target
end

local function figure(cells, periods, spec, min_streams)
  local name, ratio, keep, target_key = spec[1], ratios[spec[2]], spec[3], spec[4]
  local trend, value, previous, streams = {}, nil, nil, 0
  for i, p in ipairs(periods) do
    local v, n = ratio(sum(cells, p.label, keep))
    trend[i] = v
    if i == #periods then value, streams = v, n end
    if i == #periods - 1 then previous = v end
  end
  return { name = name, unit = "%", value = value, previous = previous, trend = trend, streams = streams,
           target = qer.targets[target_key], direction = spec[5] or "<=", min_streams = min_streams,
           keep = keep, cause = spec[6] or kind_cause[spec[2]] }
end

-- Findings ------------------------------------------------------------------------------------------

local function fmt(v) return v and string.format("%.2f %%", v) or "no data" end

-- A finding: what, where (a slice of the current cells) and why (a cause with its remedy).
local function finding(area, subject, title, detail, cause, keep)
  return { area = area, subject = subject, title = title, detail = detail, cause = cause,
           remedy = qer.remedies[cause], keep = keep }
end

local function figure_finding(section, f)
  return finding(section, f.name, f.name .. " misses its target",
    string.format("%s against %s%s over %d streams", fmt(f.value), f.direction == ">=" and "at least " or "at most ",
      fmt(f.target), f.streams), f.cause, f.keep)
end

-- Per-building totals of the current period, with the network (connection, band) cells of each.
local function building_totals(cells)
  local out = {}
  for _, c in ipairs(cells) do
    if c.building then
      local b = out[c.building] or { poor = 0, judged = 0, streams = 0, vpn = 0, tcp = 0, tcp_base = 0, http = 0,
        direct = 0, setup_failed = 0, cdr = 0, nets = {} }
      local judged = c.audio_poor + c.audio_good
      b.poor, b.judged, b.streams = b.poor + c.audio_poor, b.judged + judged, b.streams + c.streams
      b.setup_failed, b.cdr = b.setup_failed + c.setup_failed, b.cdr + c.cdr_streams
      if c.vpn then
        b.vpn = b.vpn + c.streams
      else
        b.tcp, b.tcp_base, b.http, b.direct = b.tcp + c.tcp, b.tcp_base + c.tcp_base, b.http + c.http, b.direct + c.streams
      end
      local key = tostring(c.connection) .. "/" .. tostring(c.wifi_band)
      local n = b.nets[key] or { connection = c.connection, band = c.wifi_band, poor = 0, judged = 0 }
      n.poor, n.judged = n.poor + c.audio_poor, n.judged + judged
      b.nets[key] = n
      out[c.building] = b
    end
  end
  return out
end

-- Buildings that miss the guide's internal targets, or whose TCP or proxy share stands out, with the likely cause.
local function building_findings(cells, min_streams, findings)
  local t = qer.targets
  local tcp_limit, tcp_ours = t.tcp or qer.thresholds.tcp, t.tcp == nil
  local http_limit, http_ours = t.http or qer.thresholds.http, t.http == nil
  local ours = " (coexist's threshold, not the guide's: the guide asks for as few as possible)"
  local totals = building_totals(cells)
  for _, name in ipairs(keys(totals)) do
    local b = totals[name]
    local in_building = function(c) return c.building == name end
    local outside_vpn = function(c) return c.building == name and not c.vpn end
    -- A VPN address pool is not a building: the VPN finding speaks for it.
    if b.vpn <= b.streams / 2 then
      local tcp_rate = pct(b.tcp, b.tcp_base)
      local tcp_high = b.tcp_base >= min_streams and tcp_rate and tcp_rate > tcp_limit
      local rate = pct(b.poor, b.judged)
      if b.judged >= min_streams and rate and t.poor_internal and rate > t.poor_internal then
        local cause, why = "quality", ""
        if tcp_high then
          cause, why = "tcp", string.format(", %.0f %% of its media over TCP", tcp_rate)
        else
          local worst, worst_rate = nil, -1
          for _, k in ipairs(keys(b.nets)) do
            local n = b.nets[k]
            local r = pct(n.poor, n.judged)
            if n.judged >= 20 and r and r > worst_rate then worst, worst_rate = n, r end
          end
          if worst and worst.connection == "wifi" and worst.band == "2.4ghz" then
            cause, why = "wifi24", string.format(", worst on Wi-Fi 2.4 GHz (%.1f %%)", worst_rate)
          elseif worst then
            why = string.format(", worst on %s (%.1f %%)", tostring(worst.connection), worst_rate)
          end
        end
        findings[#findings + 1] = finding("Quality", name, name .. ": audio poor stream rate " .. fmt(rate),
          string.format("internal target %s over %d classified audio streams%s", fmt(t.poor_internal), b.judged, why),
          cause, in_building)
      end
      if tcp_high then
        findings[#findings + 1] = finding("TCP usage", name, name .. ": " .. fmt(tcp_rate) .. " of media over TCP",
          "above " .. fmt(tcp_limit) .. (tcp_ours and ours or " (qer.targets.tcp)")
            .. "; the firewall is likely blocking UDP 3478-3481", "tcp", outside_vpn)
      end
      local http_rate = pct(b.http, b.direct)
      if b.direct >= min_streams and http_rate and http_rate > http_limit then
        findings[#findings + 1] = finding("HTTP proxy usage", name, name .. ": " .. fmt(http_rate) .. " of streams through an HTTP proxy",
          "above " .. fmt(http_limit) .. (http_ours and ours or " (qer.targets.http)"), "http", outside_vpn)
      end
      local setup = pct(b.setup_failed, b.cdr)
      if b.cdr >= min_streams and setup and t.setup_failure_internal and setup > t.setup_failure_internal then
        findings[#findings + 1] = finding("Reliability", name, name .. ": call setup failure rate " .. fmt(setup),
          "internal target " .. fmt(t.setup_failure_internal) .. " over " .. b.cdr .. " streams", "setup", in_building)
      end
    end
  end
end

-- Audio over VPN against the guide's All, overall target: the guide has no VPN row, and VPN streams are part of
-- "All, overall" (as a building's streams are part of "All, internal").
local function vpn_findings(cells, min_streams, findings)
  local poor, judged = 0, 0
  for _, c in ipairs(cells) do
    if c.vpn then poor, judged = poor + c.audio_poor, judged + c.audio_poor + c.audio_good end
  end
  local rate, target = pct(poor, judged), qer.targets.poor_overall
  if judged >= min_streams and rate and target and rate > target then
    findings[#findings + 1] = finding("Quality", "VPN", "Over VPN: audio poor stream rate " .. fmt(rate),
      string.format("the guide's All, overall target %s (it has no VPN row) over %d classified audio streams",
        fmt(target), judged), "vpn", vpn)
  end
end

-- When too few audio streams use certified devices, the finding names the uncertified devices behind it.
local function name_devices(f, busiest)
  local names = {}
  for row in busiest:rows() do
    if #names < 3 then names[#names + 1] = string.format("%s (%d)", row.capture_device, row.streams) end
  end
  if #names > 0 then f.detail = f.detail .. "; busiest uncertified devices by audio streams: " .. table.concat(names, ", ") end
end

-- Streams each finding affects, over the current cells: those showing its cause's symptom in its slice.
local function affected(cells, problem, keeps)
  local n = 0
  for _, c in ipairs(cells) do
    for _, keep in ipairs(keeps) do
      if keep(c) then n = n + (c[problem] or 0); break end
    end
  end
  return n
end

-- Findings with the same cause and remedy become one, its streams counted once (a stream in two of the merged
-- slices, such as NYC-1's TCP streams and the tenant's, counts once). Findings with a fixed count stay apart.
local function merge(findings, cells)
  local groups, order, out = {}, {}, {}
  for _, f in ipairs(findings) do
    if f.keep and causes[f.cause] then
      local key = f.cause .. "\0" .. (f.remedy or "")
      if not groups[key] then groups[key] = {}; order[#order + 1] = key end
      local g = groups[key]
      f.streams = affected(cells, causes[f.cause].problem, { f.keep })
      g[#g + 1] = f
    else
      out[#out + 1] = f
    end
  end
  for _, key in ipairs(order) do
    local g = groups[key]
    table.sort(g, function(a, b) return a.streams > b.streams or (a.streams == b.streams and a.title < b.title) end)
    if #g == 1 then
      out[#out + 1] = g[1]
    else
      local keeps, subjects, details, areas, seen, seen_area = {}, {}, {}, {}, {}, {}
      for _, f in ipairs(g) do
        keeps[#keeps + 1] = f.keep
        if not seen[f.subject] then seen[f.subject], subjects[#subjects + 1] = true, f.subject end
        details[#details + 1] = f.title .. ": " .. f.detail
        if not seen_area[f.area] then seen_area[f.area], areas[#areas + 1] = true, f.area end
      end
      local cause = causes[g[1].cause]
      local named = table.concat(subjects, "; ", 1, math.min(#subjects, 3))
      if #subjects > 3 then named = named .. string.format(" and %d more", #subjects - 3) end
      out[#out + 1] = { area = table.concat(areas, ", "), title = cause.headline .. ": " .. named,
        detail = table.concat(details, "; "), remedy = g[1].remedy, streams = affected(cells, cause.problem, keeps) }
    end
  end
  return out
end

-- Subnets ---------------------------------------------------------------------------------------------

local function ipv4(s)
  local a, b, c, d = tostring(s):match("^(%d+)%.(%d+)%.(%d+)%.(%d+)")
  if not a then return nil end
  a, b, c, d = tonumber(a), tonumber(b), tonumber(c), tonumber(d)
  if a > 255 or b > 255 or c > 255 or d > 255 then return nil end
  return ((a * 256 + b) * 256 + c) * 256 + d
end

local function home_ranges()
  local out = {}
  for _, cidr in ipairs(qer.home_networks) do
    local net, bits = tostring(cidr):match("^(.-)/(%d+)$")
    local ip = net and ipv4(net)
    bits = tonumber(bits)
    if not ip or bits < 0 or bits > 32 then fail("qer.home_networks: '" .. tostring(cidr) .. "' is not a range like \"192.168.0.0/16\"") end
    local size = 2 ^ (32 - bits)
    out[#out + 1] = { first = ip // size * size, size = size }
  end
  return out
end

local function is_home(subnet, ranges)
  local ip = ipv4(subnet)
  if not ip then return false end
  for _, r in ipairs(ranges) do if ip >= r.first and ip < r.first + r.size then return true end end
  return false
end

-- CQD's Missing Subnet report over the review's scope and period: subnets in at least qer.missing_subnet_min
-- audio streams that no building claims, home networks left out.
local function missing_subnets_in(base, p)
  local ranges, list, streams = home_ranges(), {}, 0
  local rs = base:between(p.from, p.to):by("subnet", "building"):summary { "audio_streams", "streams" }
  for row in rs:rows() do
    if row.subnet and row.subnet ~= "" and row.building == nil and row.audio_streams >= qer.missing_subnet_min
        and not is_home(row.subnet, ranges) then
      list[#list + 1] = row.subnet
      streams = streams + row.streams
    end
  end
  table.sort(list)
  local rows = #list > 0 and base:between(p.from, p.to):where { subnet = { "in", list } }:top("subnet", #list, "audio_streams") or nil
  return list, streams, rows
end

-- Sections ------------------------------------------------------------------------------------------

local function tables_for(base, p, min_streams)
  local q = base:between(p.from, p.to)
  local audio = q:where { modality = "audio" }
  return {
    Reliability = {
      q:where { setup_failed = true }:by("failure_reason"):summary { "streams" },
      q:top("building", 10, "setup_failed"),
    },
    Quality = {
      audio:by("building"):summary { "audio_streams", "audio_poor_pct" },
      audio:by("connection", "wifi_band"):summary { "audio_streams", "audio_poor_pct" },
    },
    ["TCP usage"] = { q:top("building", 10, "tcp_pct"), q:top("subnet", 10, "tcp_pct", { min_streams = min_streams }) },
    ["HTTP proxy usage"] = { q:top("building", 10, "http_pct") },
    Endpoints = {
      audio:where { certified = false }:top("capture_device", 10, "streams"),
      q:by("product", "client_version"):summary { "streams" },
    },
    Subnets = { audio:top("subnet", 10, "audio_poor_pct", { min_streams = min_streams }) },
  }
end

local notes = {
  Reliability = "Reliability first: streams whose media could not be set up, then streams that dropped.",
  Quality = "Audio poor stream rate (poor over classified audio streams), by call type and network.",
  ["TCP usage"] = "UDP is the primary transport; TCP is the fallback when UDP 3478-3481 is blocked.",
  ["HTTP proxy usage"] = "Media should bypass HTTP proxies.",
  Endpoints = "At least 80 % of all audio streams should use a certified device.",
  Subnets = "Subnets in 10 or more audio streams that are in no building (home networks left out), and the worst subnets.",
}

local section_order = { "Reliability", "Quality", "TCP usage", "HTTP proxy usage", "Endpoints" }

local function client_age(base, p)
  local cutoff = p.to - 182
  local old, total, known_version = 0, 0, false
  for row in base:between(p.from, p.to):where { product = "sfb" }:by("client_version"):summary { "streams" }:rows() do
    total = total + row.streams
    local released = qer.client_releases[row.client_version]
    if released then
      known_version = true
      if date(released) < cutoff then old = old + row.streams end
    end
  end
  if not known_version then return nil, total end
  return pct(old, total), total
end

-- A section of your own over the scope and the six periods.
local function custom_section(spec, base, periods, min_streams, findings)
  local q
  if type(spec.query) == "function" then
    q = spec.query(base)
    if not is_query(q) then fail("review.section '" .. spec.name .. "': query function must return a query") end
  elseif spec.query then
    q = spec.query:where(base)
  else
    q = base
  end
  local current = periods[#periods]
  local trend, value, previous, streams = {}, nil, nil, 0
  local by_month = {}
  for row in q:between(periods[1].from, current.to):by("month"):summary { spec.measure, "streams" }:rows() do
    by_month[tostring(row.month):sub(1, 7)] = row
  end
  for i, p in ipairs(periods) do
    local row = by_month[p.label]
    trend[i] = row and row[spec.measure]
    if i == #periods then value, streams = trend[i], row and row.streams or 0 end
    if i == #periods - 1 then previous = trend[i] end
  end
  local f = { name = spec.name, unit = spec.unit or "%", value = value, previous = previous, trend = trend,
    streams = streams, target = spec.target, direction = spec.direction or "<=", min_streams = spec.min_streams or min_streams }
  if misses(f) then
    -- Its own query: no other finding's slice to merge with, so its count is the streams beyond its target.
    local beyond = f.unit == "%" and math.floor(math.abs(value - f.target) / 100 * streams + 0.5) or streams
    findings[#findings + 1] = { area = spec.section or spec.name, title = spec.name .. " misses its target",
      detail = string.format("%s against %s%s over %d streams", fmt(value), f.direction == ">=" and "at least " or "at most ",
        fmt(f.target), streams), remedy = spec.remedy or "", streams = beyond }
  end
  return { name = spec.section or spec.name, note = spec.note, figures = { f } }
end

local option_names = { "period", "scope", "min_streams" }

-- Runs the review and returns a report: print it, or r:save("qer.md" | "qer.html" | "findings.csv").
function qer.run(opts)
  if opts ~= nil and type(opts) ~= "table" then fail("qer{period=, scope=, min_streams=} expects a table, got a " .. type(opts)) end
  opts = opts or {}
  for k in pairs(opts) do
    if not contains(option_names, k) then
      fail("unknown option '" .. tostring(k) .. "'" .. did_you_mean(tostring(k), option_names)
        .. "; the options are period, scope and min_streams")
    end
  end
  local min_streams = check_count(opts.min_streams or qer.min_streams, opts.min_streams and "min_streams" or "qer.min_streams")
  check_count(qer.missing_subnet_min, "qer.missing_subnet_min")
  local specs = figure_specs()
  check_targets(specs)
  local periods = periods_for(opts.period)
  local current = periods[#periods]
  local base, scope_label = scoped(opts.scope)
  local cube = build_cube(base, periods)
  local cells = current_cells(base, current)
  local tables = tables_for(base, current, min_streams)
  local sections, findings = {}, {}

  for _, name in ipairs(section_order) do
    local figures = {}
    for _, spec in ipairs(specs[name]) do
      local f = figure(cube, periods, spec, min_streams)
      figures[#figures + 1] = f
      if misses(f) then findings[#findings + 1] = figure_finding(name, f) end
    end
    if name == "Endpoints" then
      if misses(figures[1]) then name_devices(findings[#findings], tables.Endpoints[1]) end
      local value, streams = client_age(base, current)
      figures[#figures + 1] = { name = "Skype for Business streams from clients over six months old", unit = "%",
        value = value, target = 0, streams = streams, min_streams = min_streams }
      if misses(figures[#figures]) then
        findings[#findings + 1] = { area = "Endpoints", title = "Old Skype for Business clients",
          detail = fmt(value) .. " of its streams", streams = math.floor(streams * value / 100), remedy = qer.remedies.clients }
      end
    end
    sections[#sections + 1] = { name = name, note = notes[name], figures = figures, tables = tables[name] }
  end

  local missing, missing_streams, missing_table = missing_subnets_in(base, current)
  if #missing > 0 then
    findings[#findings + 1] = { area = "Subnets", title = #missing .. " subnets missing from the building file",
      detail = table.concat(missing, ", ") .. ": they count as outside the corporate network until added",
      streams = missing_streams, remedy = qer.remedies.missing }
  end
  local subnet_note = notes.Subnets:gsub("^Subnets in 10 ", "Subnets in " .. qer.missing_subnet_min .. " ")
  sections[#sections + 1] = { name = "Subnets", note = subnet_note,
    tables = missing_table and { missing_table, tables.Subnets[1] } or { tables.Subnets[1] } }

  building_findings(cells, min_streams, findings)
  vpn_findings(cells, min_streams, findings)
  findings = merge(findings, cells)

  for _, spec in ipairs(custom_sections) do
    sections[#sections + 1] = custom_section(spec, base, periods, min_streams, findings)
  end

  local labels = {}
  for i, p in ipairs(periods) do labels[i] = p.label end
  return review.report {
    title = "Quality Experience Review: " .. tenant.name,
    scope = scope_label, period = current.label, periods = labels,
    sections = sections, findings = findings,
  }
end

setmetatable(qer, { __call = function(_, opts) return qer.run(opts) end })

return qer
