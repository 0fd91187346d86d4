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

static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    if ((budget -= 1000) <= 0) luaL_error(L, "fuzz: instruction budget spent");
    if (past_deadline()) luaL_error(L, "fuzz: time budget spent");
}

void fuzz_limit_instructions(lua_State *L, long instructions, int seconds) {
    budget = instructions;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += seconds;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1000);
}
