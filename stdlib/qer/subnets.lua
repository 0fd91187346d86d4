-- CQD's Missing Subnet report over the review's scope and period, home networks left out.
local check = require("qer.check")

-- A function of the review's tables: qer.home_networks and qer.missing_subnet_min are read when it runs.
return function(qer)
local M = {}

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
    if not ip or bits < 0 or bits > 32 then check.fail("qer.home_networks: '" .. tostring(cidr) .. "' is not a range like \"192.168.0.0/16\"") end
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
function M.missing(base, p)
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

return M
end
