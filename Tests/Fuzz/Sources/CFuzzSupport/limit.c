#include "CFuzzSupport.h"
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>

static long budget;

static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    if ((budget -= 1000) <= 0) luaL_error(L, "fuzz: instruction budget spent");
}

void fuzz_limit_instructions(lua_State *L, long instructions) {
    budget = instructions;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1000);
}
