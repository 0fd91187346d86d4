#ifndef COEXIST_CFUZZSUPPORT_H
#define COEXIST_CFUZZSUPPORT_H
typedef struct lua_State lua_State;
/* Stops a script after about `instructions` VM instructions, or once it has run `seconds`, with a Lua error
   raised from this C hook, so an endless loop in a fuzzed script is a Lua error, not a hang libFuzzer would
   report. The time limit is for loops over host calls, which cost few instructions each: a mutated seed that
   ran the default backtest 147 times took 27 s under the sanitizer, legitimate work reported as a slow unit.
   The clock is read at every call as well as every 1000 instructions, so such a loop stops at its first call
   past the deadline; a single host call that runs long is still seen (the hook runs between calls). Once
   spent, every instruction and call raises, so a pcall in the script cannot swallow the stop. */
void fuzz_limit_instructions(lua_State *L, long instructions, int seconds);
#endif
