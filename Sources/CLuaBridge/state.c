#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    size_t used;
    size_t limit;
} Budget;

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Budget *b = (Budget *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        b->used -= old;
        return NULL;
    }
    if (b->limit && nsize > old && b->used - old + nsize > b->limit) return NULL;
    void *p = realloc(ptr, nsize);
    if (p) b->used = b->used - old + nsize;
    return p;
}

static Budget *budget_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (Budget *)ud;
}

static int panic(lua_State *L) {
    /* Only reached for an error outside any pcall, which coexist never does on purpose. */
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "coexist: unprotected Lua error: %s\n", msg ? msg : "?");
    return 0;
}

lua_State *bridge_newstate(size_t limit) {
    Budget *b = (Budget *)calloc(1, sizeof(Budget));
    if (!b) return NULL;
    b->limit = limit;
    lua_State *L = lua_newstate(capped_alloc, b);
    if (!L) {
        free(b);
        return NULL;
    }
    lua_atpanic(L, panic);
    lua_setwarnf(L, NULL, NULL);
    return L;
}

void bridge_close(lua_State *L) {
    Budget *b = budget_of(L);
    lua_close(L);
    free(b);
}

size_t bridge_memory_used(lua_State *L) { return budget_of(L)->used; }
size_t bridge_memory_limit(lua_State *L) { return budget_of(L)->limit; }
void bridge_set_memory_limit(lua_State *L, size_t limit) { budget_of(L)->limit = limit; }

static int open_all(lua_State *L) {
    luaL_openlibs(L);
    return 0;
}

int bridge_openlibs(lua_State *L) {
    lua_pushcfunction(L, open_all);
    return lua_pcall(L, 0, 0, 0);
}

/* As lua.c's msghandler: a non-string error uses its __tostring, else names its type. */
static int msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int bridge_pcall_traceback(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

static int tostring_protected(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int bridge_tostring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, tostring_protected);
    lua_pushvalue(L, idx);
    return lua_pcall(L, 1, 1, 0);
}

int bridge_load(lua_State *L, const char *code, size_t len, const char *chunkname) {
    return luaL_loadbufferx(L, code, len, chunkname, "t");
}

int bridge_loadfile(lua_State *L, const char *path) { return luaL_loadfilex(L, path, "t"); }

void *bridge_default_output(lua_State *L) {
    FILE *out = stdout;
    lua_getfield(L, LUA_REGISTRYINDEX, "_IO_output");
    luaL_Stream *s = (luaL_Stream *)luaL_testudata(L, -1, LUA_FILEHANDLE);
    if (s && s->closef && s->f) out = s->f;
    lua_pop(L, 1);
    return out;
}

FILE *bridge_stdin(void) { return stdin; }
FILE *bridge_stdout(void) { return stdout; }
FILE *bridge_stderr(void) { return stderr; }
