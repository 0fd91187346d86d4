-- The Quality Experience Review (QER), as Microsoft's QER guide ("Use CQD to manage call and meeting quality")
-- runs it: reliability first, then audio quality, TCP, HTTP proxies, endpoints, and the subnets. Copy this file
-- and change it: it is built only on the public query API (calls:where{...}:between(...):by(...):summary{...},
-- buildings(), cohorts:names(), users:table()) and review.report{...}. Its parts: qer/scope.lua (period and
-- scope), qer/findings.lua (findings and their merging), qer/subnets.lua (missing subnets), qer/check.lua.
--
--   qer()                                        the last full month that has data, whole tenant
--   qer{period = "2026-10", scope = "SEA-2"}     a month, one building
--   qer{scope = {cohort = "Wave 2"}}             a cohort, or {department = "Sales"} (the first endpoint's user)
--   qer{scope = calls:where{product = "teams"}}  any query
--   qer{min_streams = 200}                       fewer streams than this: "too few streams" (default qer.min_streams)
--   r = qer(); r:save("qer.html")

local qer = {}

-- The QER guide's suggested targets ("Use CQD to manage call and meeting quality"), in percent, and nothing else: a figure whose key is not
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

-- CQD's Missing Subnet report lists subnets in at least 10 audio streams that are in no building ("Use CQD to manage call and meeting quality").
qer.missing_subnet_min = 10

-- Home and hotel networks (the common subnets of "Use CQD to manage call and meeting quality"): a subnet of these ranges that no building claims
-- is someone working from home, not a subnet missing from the building file. Remove a range your offices use.
qer.home_networks = { "192.168.0.0/16", "10.0.0.0/24", "172.20.10.0/24" }

-- Remedies ("Use CQD to manage call and meeting quality").
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

-- Release dates of client versions, for "clients older than six months": version = "YYYY-MM-DD".
-- Teams updates itself, so only Skype for Business versions are checked. Fill it for your estate.
qer.client_releases = {}

local check = require("qer.check")
local fail, contains, did_you_mean, check_count, is_query = check.fail, check.contains, check.did_you_mean, check.count, check.is_query
local scope = require("qer.scope")
local findings_of = require("qer.findings")(qer)
local subnets = require("qer.subnets")(qer)

-- Sections of your own ---------------------------------------------------------------------------------

local custom_sections = {}
-- The builtins' own option checker: a misspelt key names the closest one, as every builtin does.
local check_options = check_options
local section_keys = { name = "string", query = "any", measure = "string", target = "number", direction = "string",
  remedy = "string", unit = "string", note = "string", section = "string", min_streams = "integer" }

-- review.section{name=, query=, measure=, target=, direction=, remedy=, unit=, note=, section=, min_streams=}: a
-- section of your own, computed over the review's period and scope and rendered like the built-in ones. `query`
-- is a query (calls:where{...}, narrowed to the review's scope) or a function from the scoped query to a query.
-- A section registered again under the same name replaces the first.
function qer.section(spec)
  if type(spec) ~= "table" then fail("review.section{name=, query=, measure=, target=, remedy=} expects a table") end
  check_options("review.section", spec, section_keys)
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

local function fmt(v) return v and string.format("%.2f %%", v) or "no data" end

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

-- The rows of the guide's target table ("Use CQD to manage call and meeting quality"): key suffix, call type, network, slice, cause.
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

local option_types = { period = "string", scope = "any", min_streams = "integer" }

-- Runs the review and returns a report: print it, or r:save("qer.md" | "qer.html" | "findings.csv").
function qer.run(opts)
  if opts ~= nil and type(opts) ~= "table" then fail("qer{period=, scope=, min_streams=} expects a table, got a " .. type(opts)) end
  opts = check_options("qer", opts, option_types)
  local min_streams = check_count(opts.min_streams or qer.min_streams, opts.min_streams and "min_streams" or "qer.min_streams")
  check_count(qer.missing_subnet_min, "qer.missing_subnet_min")
  local specs = figure_specs()
  check_targets(specs)
  local periods = scope.periods(opts.period)
  local current = periods[#periods]
  local base, scope_label = scope.query(opts.scope)
  local cube = build_cube(base, periods)
  local cells = current_cells(base, current)
  local tables = tables_for(base, current, min_streams)
  local sections, findings = {}, {}

  for _, name in ipairs(section_order) do
    local figures = {}
    for _, spec in ipairs(specs[name]) do
      local f = figure(cube, periods, spec, min_streams)
      figures[#figures + 1] = f
      if misses(f) then findings[#findings + 1] = findings_of.figure(name, f) end
    end
    if name == "Endpoints" then
      if misses(figures[1]) then findings_of.name_devices(findings[#findings], tables.Endpoints[1]) end
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

  local missing, missing_streams, missing_table = subnets.missing(base, current)
  if #missing > 0 then
    findings[#findings + 1] = { area = "Subnets", title = #missing .. " subnets missing from the building file",
      detail = table.concat(missing, ", ") .. ": they count as outside the corporate network until added",
      streams = missing_streams, remedy = qer.remedies.missing }
  end
  local subnet_note = notes.Subnets:gsub("^Subnets in 10 ", "Subnets in " .. qer.missing_subnet_min .. " ")
  sections[#sections + 1] = { name = "Subnets", note = subnet_note,
    tables = missing_table and { missing_table, tables.Subnets[1] } or { tables.Subnets[1] } }

  findings_of.buildings(cells, min_streams, findings)
  findings_of.vpn(cells, min_streams, findings)
  findings = findings_of.merge(findings, cells)

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
