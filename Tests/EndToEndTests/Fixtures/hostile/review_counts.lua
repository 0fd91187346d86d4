-- A review description whose stream counts do not fit an Int (SIGILL before).
for _, n in ipairs{ 1e309, -1e309, 0/0, 2^63, -1, 1.5 } do
  print(pcall(review.report, { periods = { "a" }, findings = { { streams = n } } }))
  print(pcall(review.report, { periods = { "a" }, sections = { { figures = { { streams = n } } } } }))
end
review.report{ periods = { "a" }, findings = { { streams = 1e309 } } }
