-- The review's findings: from figures that miss their targets, buildings that miss the internal targets or stand
-- out, audio over VPN; then merged by cause and remedy, each one's streams counted once over the current cells.
local function pct(num, den)
  if den == nil or den == 0 then return nil end
  return 100 * num / den
end
local function any() return true end
local function vpn(c) return c.vpn == true end

-- The module is a function of the review's own tables (qer.targets, qer.thresholds, qer.remedies), so that
-- changes made to them before qer() runs are the ones applied.
return function(qer)
local M = {}

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

local function fmt(v) return v and string.format("%.2f %%", v) or "no data" end

-- A finding: what, where (a slice of the current cells) and why (a cause with its remedy).
local function finding(area, subject, title, detail, cause, keep)
  return { area = area, subject = subject, title = title, detail = detail, cause = cause,
           remedy = qer.remedies[cause], keep = keep }
end

function M.figure(section, f)
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
function M.buildings(cells, min_streams, findings)
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
function M.vpn(cells, min_streams, findings)
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
function M.name_devices(f, busiest)
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
function M.merge(findings, cells)
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

return M
end
