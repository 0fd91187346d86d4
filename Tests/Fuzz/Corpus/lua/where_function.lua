local n = 0 for r in calls:where(function(s) return s.jitter_ms and s.jitter_ms > 20 end):rows() do n = n + 1 end return n
