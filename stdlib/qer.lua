-- The Quality Experience Review (QER), as Microsoft's QER guide runs it: reliability first, then audio
-- quality, TCP, HTTP proxies, endpoints, and the subnets. Copy this file and change it: it is built only on
-- the public query API (calls:where{...}:between(...):by(...):summary{...}) and review.report{...}.
--
--   qer()                                  last month, whole tenant
--   qer{period = "2026-10", scope = "SEA-2"}   a month, one building
--   qer{scope = {cohort = "Wave 2"}}       a cohort (the first endpoint's user)
--   qer{scope = calls:where{product = "teams"}}  any query
--   r = qer(); r:save("qer.html")

local qer = {}

-- Suggested targets (QER guide, reference 4.1), in percent. Change them per tenant: qer.targets.tcp = 5.
-- tcp, http and building_min_streams are coexist's defaults: the guide asks for "as few as possible".
qer.targets = {
  setup_failure_overall = 1.0, setup_failure_internal = 0.5,
  drop_overall = 3.0, drop_internal = 2.0,
  poor_overall = 3.0, poor_internal = 2.0,
  poor_conf_overall = 2.0, poor_conf_internal = 2.0, poor_conf_wired_internal = 1.0,
  poor_conf_wifi5_internal = 1.0, poor_conf_wifi24_internal = 2.0,
  poor_p2p_overall = 2.0, poor_p2p_internal = 2.0,
  poor_pstn_overall = 3.0,          -- no PSTN row in the guide: the All/Overall target
  poor_vpn = 3.0,                   -- no VPN row in the guide: the All/Overall target
  poor_wired_internal = 1.0, poor_wifi5_internal = 1.0, poor_wifi24_internal = 2.0,
  tcp = 10.0, http = 2.0,
  certified = 80.0,                 -- at least
  building_poor = 2.0,              -- a building's audio poor rate (All/Internal)
  building_min_streams = 200,       -- fewer audio streams than this: too few to judge a building
  subnet_min_streams = 50,
}

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

-- Release dates of client versions, for "clients older than six months": version = "YYYY-MM-DD".
-- Teams updates itself, so only Skype for Business versions are checked. Fill it for your estate.
qer.client_releases = {}

local custom_sections = {}

-- review.section{name=, query=, measure=, target=, direction=, remedy=, unit=}: a section of your own,
-- computed over the review's period and scope and rendered like the built-in ones. `query` is a query
-- (calls:where{...}) or a function from the scoped query to a query.
function qer.section(spec)
  assert(type(spec) == "table", "review.section{name=, query=, measure=, target=, remedy=} expects a table")
  assert(type(spec.name) == "string", "review.section: name must be a string")
  assert(type(spec.measure) == "string", "review.section: measure must be a measure name, e.g. \"audio_poor_pct\"")
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

-- The current period and the five before it, as {label, from, to} with `to` exclusive.
local function periods_for(period)
  local y, m
  if period == nil then
    local now = date()
    y, m = now.year, now.month - 1
  elseif type(period) == "string" and period:match("^%d%d%d%d%-%d%d$") then
    y, m = tonumber(period:sub(1, 4)), tonumber(period:sub(6, 7))
  else
    error("qer: period must be a month like \"2026-10\" (got " .. tostring(period) .. ")", 3)
  end
  local list = {}
  for k = 5, 0, -1 do
    local from = month_start(y, m - k)
    list[#list + 1] = { label = month_label(from), from = from, to = month_start(y, m - k + 1) }
  end
  return list
end

-- Scope ---------------------------------------------------------------------------------------------

local function scoped(scope)
  if scope == nil then return calls, "whole tenant" end
  if type(scope) == "string" then return calls:where { building = scope }, "building " .. scope end
  if type(scope) == "table" then
    local parts = {}
    for k, v in pairs(scope) do parts[#parts + 1] = k .. " " .. tostring(v) end
    table.sort(parts)
    return calls:where(scope), table.concat(parts, ", ")
  end
  return scope, tostring(scope)
end

-- The cube: one scan over all six periods, grouped finely enough to derive every trend figure ----------

local cube_measures = { "streams", "audio_poor", "audio_good", "cdr_streams", "setup_failed", "dropped",
  "setup_succeeded", "tcp", "tcp_base", "http", "certified", "audio_with_device" }

local function build_cube(base, periods)
  local rs = base:between(periods[1].from, periods[#periods].to)
    :by("month", "call_type", "inside", "connection", "wifi_band", "vpn")
    :summary(cube_measures)
  local cells = {}
  for row in rs:rows() do
    row.period = tostring(row.month):sub(1, 7)
    cells[#cells + 1] = row
  end
  return cells
end

local function pct(num, den)
  if den == nil or den == 0 then return nil end
  return 100 * num / den
end

-- How each kind of figure is computed from summed cells.
local ratios = {
  psr = function(s) return pct(s.audio_poor, s.audio_poor + s.audio_good), s.audio_poor + s.audio_good end,
  setup = function(s) return pct(s.setup_failed, s.cdr_streams), s.cdr_streams end,
  drop = function(s) return pct(s.dropped, s.setup_succeeded), s.setup_succeeded end,
  tcp = function(s) return pct(s.tcp, s.tcp_base), s.tcp_base end,
  http = function(s) return pct(s.http, s.streams), s.streams end,
  certified = function(s) return pct(s.certified, s.audio_with_device), s.audio_with_device end,
}

local function sum(cells, label, keep)
  local s = {}
  for _, m in ipairs(cube_measures) do s[m] = 0 end
  for _, c in ipairs(cells) do
    if c.period == label and keep(c) then
      for _, m in ipairs(cube_measures) do s[m] = s[m] + (c[m] or 0) end
    end
  end
  return s
end

local function internal(c) return c.inside == true end
local function any() return true end
local function conf(c) return c.call_type == "conference" end
local function p2p(c) return c.call_type == "p2p" end
local function wired(c) return c.connection == "wired" end
local function wifi5(c) return c.connection == "wifi" and c.wifi_band == "5ghz" end
local function wifi24(c) return c.connection == "wifi" and c.wifi_band == "2.4ghz" end
local function all_of(...)
  local fs = { ... }
  return function(c)
    for _, f in ipairs(fs) do if not f(c) then return false end end
    return true
  end
end

-- The trend figures of each section: name, ratio, slice, target key (and direction when "at least").
local figure_specs = {
  Reliability = {
    { "Call setup failure rate, overall", "setup", any, "setup_failure_overall" },
    { "Call setup failure rate, internal", "setup", internal, "setup_failure_internal" },
    { "Drop failure rate, overall", "drop", any, "drop_overall" },
    { "Drop failure rate, internal", "drop", internal, "drop_internal" },
  },
  Quality = {
    { "Audio poor stream rate, overall", "psr", any, "poor_overall" },
    { "Audio poor stream rate, internal", "psr", internal, "poor_internal" },
    { "Conferencing, overall", "psr", conf, "poor_conf_overall" },
    { "Conferencing, internal", "psr", all_of(conf, internal), "poor_conf_internal" },
    { "Conferencing, wired internal", "psr", all_of(conf, internal, wired), "poor_conf_wired_internal" },
    { "Conferencing, Wi-Fi 5 GHz internal", "psr", all_of(conf, internal, wifi5), "poor_conf_wifi5_internal" },
    { "Conferencing, Wi-Fi 2.4 GHz internal", "psr", all_of(conf, internal, wifi24), "poor_conf_wifi24_internal", nil, "wifi24" },
    { "Peer-to-peer, overall", "psr", p2p, "poor_p2p_overall" },
    { "Peer-to-peer, internal", "psr", all_of(p2p, internal), "poor_p2p_internal" },
    { "PSTN, overall", "psr", function(c) return c.call_type == "pstn" end, "poor_pstn_overall" },
    { "Wired, internal", "psr", all_of(internal, wired), "poor_wired_internal" },
    { "Wi-Fi 5 GHz, internal", "psr", all_of(internal, wifi5), "poor_wifi5_internal" },
    { "Wi-Fi 2.4 GHz, internal", "psr", all_of(internal, wifi24), "poor_wifi24_internal", nil, "wifi24" },
    { "Over VPN", "psr", function(c) return c.vpn == true end, "poor_vpn", nil, "vpn" },
  },
  ["TCP usage"] = {
    { "TCP share of audio, video and VBSS streams", "tcp", any, "tcp" },
    { "TCP share, internal", "tcp", internal, "tcp" },
  },
  ["HTTP proxy usage"] = {
    { "Streams through an HTTP proxy", "http", any, "http" },
  },
  Endpoints = {
    { "Audio streams on certified devices", "certified", any, "certified", ">=" },
  },
}

local function figure(cells, periods, spec)
  local name, ratio, keep, target_key, direction = spec[1], ratios[spec[2]], spec[3], spec[4], spec[5] or "<="
  local trend, value, previous, streams = {}, nil, nil, 0
  for i, p in ipairs(periods) do
    local v, n = ratio(sum(cells, p.label, keep))
    trend[i] = v
    if i == #periods then value, streams = v, n end
    if i == #periods - 1 then previous = v end
  end
  return { name = name, unit = "%", value = value, previous = previous, trend = trend, streams = streams,
           target = qer.targets[target_key], direction = direction, area = spec[2], remedy = spec[6] }
end

-- Findings ------------------------------------------------------------------------------------------

local function fmt(v) return v and string.format("%.2f %%", v) or "no data" end

-- A finding's impact is the streams beyond the target: how many would be fine if the target were met.
-- Ranking by it puts a building at 88 % TCP ahead of a tenant-wide figure a little over its target.
local function excess(rate, target, n) return math.floor(math.abs(rate - target) / 100 * n + 0.5) end

local function figure_finding(section, f, remedy)
  local over = excess(f.value, f.target, f.streams)
  return { area = section, title = f.name .. " misses its target",
           detail = string.format("%s against %s%s over %d streams: %d streams beyond the target", fmt(f.value),
             f.direction == ">=" and "at least " or "at most ", fmt(f.target), f.streams, over),
           streams = over, remedy = remedy }
end

local area_remedy = { setup = qer.remedies.setup, drop = qer.remedies.drop, psr = qer.remedies.quality,
  tcp = qer.remedies.tcp, http = qer.remedies.http, certified = qer.remedies.devices }

-- Per-building detail for the current period: which buildings miss, and the likely cause in each.
local function building_findings(base, p, findings)
  local t = qer.targets
  local by_building = base:between(p.from, p.to):where { modality = "audio" }
    :by("building", "connection", "wifi_band", "vpn", "transport")
    :summary { "audio_poor", "audio_good" }
  local buildings = {}
  for row in by_building:rows() do
    if row.building then
      local b = buildings[row.building] or { poor = 0, judged = 0, vpn = 0, tcp = 0, cells = {} }
      local n = row.audio_poor + row.audio_good
      b.poor, b.judged = b.poor + row.audio_poor, b.judged + n
      if row.vpn then b.vpn = b.vpn + n end
      if row.transport == "tcp" then b.tcp = b.tcp + n end
      b.cells[#b.cells + 1] = row
      buildings[row.building] = b
    end
  end
  for _, name in ipairs(keys(buildings)) do
    local b = buildings[name]
    local rate = pct(b.poor, b.judged)
    -- A VPN address pool is not a building: the "Over VPN" figure speaks for it.
    local is_vpn_pool = b.vpn > b.judged / 2
    if not is_vpn_pool and b.judged >= t.building_min_streams and rate and rate > t.building_poor then
      local cause, remedy = "", qer.remedies.quality
      if pct(b.tcp, b.judged) > t.tcp then
        cause, remedy = string.format(", %.0f %% of its audio over TCP", pct(b.tcp, b.judged)), qer.remedies.tcp
      else
        local worst, worst_rate = nil, -1
        for _, c in ipairs(b.cells) do
          local n = c.audio_poor + c.audio_good
          local r = pct(c.audio_poor, n)
          if n >= 20 and r and r > worst_rate then worst, worst_rate = c, r end
        end
        if worst and worst.connection == "wifi" and worst.wifi_band == "2.4ghz" then
          cause, remedy = string.format(", worst on Wi-Fi 2.4 GHz (%.1f %%)", worst_rate), qer.remedies.wifi24
        elseif worst then
          cause = string.format(", worst on %s (%.1f %%)", tostring(worst.connection), worst_rate)
        end
      end
      findings[#findings + 1] = { area = "Quality", title = name .. ": audio poor stream rate " .. fmt(rate),
        detail = string.format("target %s over %d classified audio streams%s", fmt(t.building_poor), b.judged, cause),
        streams = excess(rate, t.building_poor, b.judged), remedy = remedy }
    end
  end
end

local function tcp_findings(base, p, findings)
  local rs = base:between(p.from, p.to):by("building", "vpn"):summary { "tcp", "tcp_base" }
  for row in rs:rows() do
    local rate = pct(row.tcp, row.tcp_base)
    if row.building and not row.vpn and row.tcp_base >= qer.targets.building_min_streams and rate and rate > qer.targets.tcp then
      findings[#findings + 1] = { area = "TCP usage", title = row.building .. ": " .. fmt(rate) .. " of media over TCP",
        detail = "target " .. fmt(qer.targets.tcp) .. "; the firewall is likely blocking UDP 3478-3481",
        streams = excess(rate, qer.targets.tcp, row.tcp_base), remedy = qer.remedies.tcp }
    end
  end
end

local function setup_findings(base, p, findings)
  local rs = base:between(p.from, p.to):by("building"):summary { "setup_failed", "cdr_streams" }
  for row in rs:rows() do
    local rate = pct(row.setup_failed, row.cdr_streams)
    if row.building and row.cdr_streams >= qer.targets.building_min_streams and rate and rate > qer.targets.setup_failure_overall then
      findings[#findings + 1] = { area = "Reliability", title = row.building .. ": call setup failure rate " .. fmt(rate),
        detail = "target " .. fmt(qer.targets.setup_failure_overall) .. " over " .. row.cdr_streams .. " streams",
        streams = excess(rate, qer.targets.setup_failure_overall, row.cdr_streams), remedy = qer.remedies.setup }
    end
  end
end

-- Sections ------------------------------------------------------------------------------------------

local function tables_for(base, p)
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
    ["TCP usage"] = { q:top("building", 10, "tcp_pct"), q:top("subnet", 10, "tcp_pct") },
    ["HTTP proxy usage"] = { q:top("building", 10, "http_pct") },
    Endpoints = {
      audio:where { certified = false }:top("capture_device", 10, "streams"),
      q:by("product", "client_version"):summary { "streams" },
    },
    Subnets = { audio:top("subnet", 10, "audio_poor_pct") },
  }
end

local notes = {
  Reliability = "Reliability first: streams whose media could not be set up, then streams that dropped.",
  Quality = "Audio poor stream rate (poor over classified audio streams), by call type and network.",
  ["TCP usage"] = "UDP is the primary transport; TCP is the fallback when UDP 3478-3481 is blocked.",
  ["HTTP proxy usage"] = "Media should bypass HTTP proxies.",
  Endpoints = "At least 80 % of audio streams should use a certified device.",
  Subnets = "Subnets seen in 10 or more audio streams that are not in the building file, and the worst subnets.",
}

local section_order = { "Reliability", "Quality", "TCP usage", "HTTP proxy usage", "Endpoints" }

-- When too few audio streams use certified devices, name the uncertified devices behind it, busiest first.
local function device_findings(certified, busiest, findings)
  if not (certified.value and certified.value < certified.target) then return end
  local names, streams = {}, 0
  for row in busiest:rows() do
    if #names < 3 then names[#names + 1] = string.format("%s (%d)", row.capture_device, row.streams) end
    streams = streams + row.streams
  end
  if #names == 0 then return end
  findings[#findings + 1] = { area = "Endpoints", title = "Uncertified capture devices: " .. names[1]:gsub(" %(%d+%)$", ""),
    detail = "busiest uncertified devices by audio streams: " .. table.concat(names, ", "),
    streams = streams, remedy = qer.remedies.devices }
end

local function client_age(base, p)
  local cutoff = p.to - 182
  local old, total, known = 0, 0, false
  for row in base:between(p.from, p.to):where { product = "sfb" }:by("client_version"):summary { "streams" }:rows() do
    total = total + row.streams
    local released = qer.client_releases[row.client_version]
    if released then
      known = true
      if date(released) < cutoff then old = old + row.streams end
    end
  end
  if not known then return nil, total end
  return pct(old, total), total
end

-- Runs the review and returns a report: print it, or r:save("qer.md" | "qer.html" | "findings.csv").
function qer.run(opts)
  opts = opts or {}
  local periods = periods_for(opts.period)
  local current = periods[#periods]
  local base, scope_label = scoped(opts.scope)
  local cells = build_cube(base, periods)
  local tables = tables_for(base, current)
  local sections, findings = {}, {}

  for _, name in ipairs(section_order) do
    local figures = {}
    for _, spec in ipairs(figure_specs[name]) do
      local f = figure(cells, periods, spec)
      figures[#figures + 1] = f
      local status_misses = f.value and f.target and
        ((f.direction == ">=" and f.value < f.target) or (f.direction ~= ">=" and f.value > f.target))
      if status_misses then
        findings[#findings + 1] = figure_finding(name, f, qer.remedies[f.remedy] or area_remedy[f.area])
      end
    end
    if name == "Endpoints" then
      device_findings(figures[1], tables.Endpoints[1], findings)
      local value, streams = client_age(base, current)
      figures[#figures + 1] = { name = "Skype for Business streams from clients over six months old", unit = "%",
        value = value, target = 0, streams = streams }
      if value and value > 0 then
        findings[#findings + 1] = { area = "Endpoints", title = "Old Skype for Business clients",
          detail = fmt(value) .. " of its streams", streams = math.floor(streams * value / 100), remedy = qer.remedies.clients }
      end
    end
    sections[#sections + 1] = { name = name, note = notes[name], figures = figures, tables = tables[name] }
  end

  local missing = missing_subnets()
  local missing_streams = 0
  for row in missing:rows() do missing_streams = missing_streams + (row.audio_streams or row.streams or 0) end
  if #missing > 0 then
    findings[#findings + 1] = { area = "Subnets", title = #missing .. " subnets missing from the building file",
      detail = "they count as outside the corporate network until added", streams = missing_streams,
      remedy = qer.remedies.missing }
  end
  sections[#sections + 1] = { name = "Subnets", note = notes.Subnets, tables = { missing, tables.Subnets[1] } }

  building_findings(base, current, findings)
  tcp_findings(base, current, findings)
  setup_findings(base, current, findings)

  for _, spec in ipairs(custom_sections) do
    local q = type(spec.query) == "function" and spec.query(base) or spec.query or base
    local trend, value, previous, streams = {}, nil, nil, 0
    local rs = q:between(periods[1].from, current.to):by("month"):summary { spec.measure, "streams" }
    local by_month = {}
    for row in rs:rows() do by_month[tostring(row.month):sub(1, 7)] = row end
    for i, p in ipairs(periods) do
      local row = by_month[p.label]
      trend[i] = row and row[spec.measure]
      if i == #periods then value, streams = trend[i], row and row.streams or 0 end
      if i == #periods - 1 then previous = trend[i] end
    end
    local f = { name = spec.name, unit = spec.unit or "%", value = value, previous = previous, trend = trend,
      streams = streams, target = spec.target, direction = spec.direction or "<=" }
    sections[#sections + 1] = { name = spec.section or spec.name, note = spec.note, figures = { f } }
    if value and spec.target and ((f.direction == ">=" and value < spec.target) or (f.direction ~= ">=" and value > spec.target)) then
      findings[#findings + 1] = figure_finding(spec.section or spec.name, f, spec.remedy or "")
    end
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
