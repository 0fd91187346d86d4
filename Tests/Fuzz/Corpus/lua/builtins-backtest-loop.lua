-- Regression seed for the fuzz harness's budget (CFuzzSupport/limit.c): a mutant of the hostile
-- every_builtin_wrong_types.lua ran the default backtest about 150 times, each in a pcall, for 32 s; the
-- pcall caught the budget's error and the loop went on. Now every instruction after the budget raises.
local n = 0
for i = 1, 1000 do
  pcall(backtest)
  pcall(backtest, nil, nil)
  n = n + 1
end
io.stdout:write(n, " backtests\n")
