-- A Quality Experience Review on the demo tenant: find the planted problems with queries first (the
-- NYC-1 firewall, 2.4 GHz Wi-Fi in SEA-2, the VPN, built-in microphones, missing subnets), then qer().
local function norm(s) return ((s or ""):lower():gsub("[%s%-_%.]", "")) end
local function has_column(you, name)
  for _, rs in ipairs(you.results) do if pcall(rs.column, rs, name) then return rs end end
end

lesson{
  title = "A Quality Experience Review",
  minutes = 30,
  teaches = "Drilling into the call records of the demo tenant the way a quality champion does, finding each planted problem by query, then running qer() to see the review name them.",
  summary = [[
What you found: NYC-1 sends most of its media over TCP (a firewall closing UDP 3478-3481), SEA-2's 2.4 GHz Wi-Fi makes its audio poor, calls over the VPN are poor (no split tunnel for media), uncertified built-in microphones drag the device figures down, and subnets missing from the building file hide calls from the building reports. qer() found the same, against the guide's targets, with a remedy for each.
Next: qer{period="2026-10", scope="SEA-2"} for one building, r:save("qer.html") for the report.]],
}

step{
  title = "Where poor calls are",
  narration = "Start wide: which buildings have the most poor streams?",
  task = 'calls:poor():top("building", 5)',
  hints = {"calls:poor() keeps the poor streams; :top(field, n) ranks."},
  answer = [[calls:poor():top("building", 5)]],
  check = function(t, you)
    if has_column(you, "building") then return true, "poor streams by building" end
    return false, "no result by building yet"
  end,
  explain = "NULL is streams from subnets the building file does not know: we come back to them.",
}

step{
  title = "TCP instead of UDP",
  narration = "Teams media wants UDP 3478-3481. When a firewall closes them, media falls back to TCP and quality suffers.",
  kind = "question",
  task = 'Which building sends the most streams over TCP? calls:where{transport="tcp"}:top("building", 3) tells you.',
  hints = {'calls:where{transport="tcp"}:top("building", 3)'},
  answer = "NYC-1",
  check = function(t, you)
    local top = calls:where{transport = "tcp"}:top("building", 1):column("building")[1]
    if norm(you.answer) == norm(top) then return true, top end
    return false, "run the query in the task and read its first row"
  end,
  explain = "NYC-1's firewall is the planted problem: the remedy is to open UDP 3478-3481 to the Microsoft 365 ranges.",
}

step{
  title = "Wi-Fi bands in SEA-2",
  narration = "SEA-2's users complain on Wi-Fi. Split its Wi-Fi streams by band.",
  task = 'calls:where{building="SEA-2", connection="wifi"}:by("wifi_band"):summary()',
  hints = {":by(field) groups, :summary() computes streams, poor and rates per group."},
  answer = [[calls:where{building="SEA-2", connection="wifi"}:by("wifi_band"):summary()]],
  check = function(t, you)
    if has_column(you, "wifi_band") then return true, "SEA-2's Wi-Fi by band" end
    return false, "no result by wifi_band yet"
  end,
  explain = "Compare audio_poor_pct between the bands.",
}

step{
  title = "Which band",
  narration = "One band is far worse than the other.",
  kind = "question",
  task = "Which band has the higher audio poor rate in SEA-2: 2.4ghz or 5ghz?",
  choices = {"2.4ghz", "5ghz"},
  hints = {"Read audio_poor_pct in the result of the last step."},
  answer = "2.4ghz",
  check = function(t, you)
    local s = calls:where{building = "SEA-2", connection = "wifi"}:by("wifi_band"):summary()
    local bands, pct = s:column("wifi_band"), s:column("audio_poor_pct")
    local worst, w = nil, -1
    for i, b in ipairs(bands) do if pct[i] > w then worst, w = b, pct[i] end end
    if norm(you.answer) == norm(worst) then return true, ("%s: %.1f %% poor"):format(worst, w) end
    return false, "the audio_poor_pct column says otherwise"
  end,
  explain = "2.4 GHz is crowded and slow; the remedy is 5 GHz for real-time media (band steering, or the 2.4 GHz SSID off for meeting rooms).",
}

step{
  title = "The VPN",
  narration = "Media through a VPN tunnel adds latency and loss; Microsoft advises split tunnelling for Teams media.",
  task = 'Compare poor streams on and off the VPN: calls:by("vpn"):summary()',
  hints = {'calls:by("vpn"):summary() has one row for true and one for false.'},
  answer = [[calls:by("vpn"):summary()]],
  check = function(t, you)
    local rs = has_column(you, "vpn")
    if rs then return true, "on and off the VPN" end
    return false, "no result by vpn yet"
  end,
  explain = "The VPN rows are poor far more often: the planted missing split tunnel.",
}

step{
  title = "Microphones",
  narration = "Built-in laptop microphones are not certified for Teams and pick up the room.",
  task = 'The uncertified capture devices with most streams: calls:where{certified=false}:top("capture_device", 5)',
  hints = {"certified is a boolean field: {certified=false}."},
  answer = [[calls:where{certified=false}:top("capture_device", 5)]],
  check = function(t, you)
    if has_column(you, "capture_device") then return true, "the uncertified devices" end
    return false, "no result by capture_device yet"
  end,
  explain = "Built-in microphones lead the list: the remedy is certified headsets for the people on most calls.",
}

step{
  title = "Missing subnets",
  narration = "Streams from subnets the building file does not list count as outside the network and have no building.",
  task = "missing_subnets()",
  hints = {"It lists the subnets with streams that no building covers."},
  answer = "missing_subnets()",
  check = function(t, you)
    if has_column(you, "subnet") then return true, "the subnets to add to the building file" end
    return false, "no result by subnet yet"
  end,
  explain = "192.168.x and 10.0.0.0 are home networks; 10.4.40.0, 10.4.41.0 and 10.7.77.0 are office subnets to add to the building file.",
}

step{
  title = "The review",
  narration = "Now let the Quality Experience Review find the same problems against the guide's targets.",
  task = "r = qer()   then   r:findings()",
  hints = {"qer() reviews the last full month with data; r:findings() lists what it found."},
  answer = "r = qer()",
  check = function(t, you)
    for _, v in pairs(you.vars) do
      if type(v) == "userdata" and pcall(function() return v.findings end) and v.findings then return true, "the review" end
    end
    return false, "no review in a variable yet"
  end,
  explain = "r:findings() names the NYC-1 TCP usage, SEA-2's 2.4 GHz Wi-Fi, the VPN, the certified-device share and the missing subnets, each with its remedy.",
}

step{
  title = "How many findings",
  narration = "Count what the review found.",
  kind = "question",
  task = "How many findings does r:findings() list?",
  hints = {"print(r:findings()) ends with its row count."},
  answer = "9",
  check = function(t, you)
    local n = #qer():findings():column("area")
    if tonumber(you.answer) == n then return true, n .. " findings" end
    return false, "print(r:findings()) says how many rows"
  end,
  explain = "Every planted problem is among them, and a few the planted ones cause (setup failures in NYC-1, poor conferencing on 2.4 GHz).",
}
