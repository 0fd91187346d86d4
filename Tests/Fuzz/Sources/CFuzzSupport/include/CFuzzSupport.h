#ifndef COEXIST_CFUZZSUPPORT_H
#define COEXIST_CFUZZSUPPORT_H
typedef struct lua_State lua_State;
/* Stops a script after about `instructions` VM instructions with a Lua error raised from this C hook, so an
   endless loop in a fuzzed script is a Lua error, not a hang libFuzzer would report. */
void fuzz_limit_instructions(lua_State *L, long instructions);
#endif
