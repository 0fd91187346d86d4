#include "CFuzzSupport.h"
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <time.h>

static long budget;
static struct timespec deadline;

static int past_deadline(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec);
}

static int spent;

/* Count events spend the budget; call events only look at the clock. A loop of pcall(backtest) runs a few
   instructions per second-long host call, so checked every 1000 instructions the 5 s deadline was seen after
   26 s (the seed builtins-backtest-loop.lua); checked at each call it is seen at the next call after it. */
static void count_hook(lua_State *L, lua_Debug *ar) {
    if (!spent && (ar->event != LUA_HOOKCOUNT || (budget -= 1000) > 0) && !past_deadline()) return;
    // From now on at every instruction (of this thread, and of any other once its hook fires): a script's own
    // pcall catches the first error (the seed that calls every builtin in a pcall loop went on for 32 s),
    // and the next instruction outside it raises again.
    spent = 1;
    lua_sethook(L, count_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
    luaL_error(L, "fuzz: budget spent");
}

void fuzz_limit_instructions(lua_State *L, long instructions, int seconds) {
    budget = instructions;
    spent = 0;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += seconds;
    lua_sethook(L, count_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1000);
}
