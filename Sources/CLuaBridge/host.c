#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>

typedef struct {
    bridge_host_fn fn;
    void *ctx;
    bridge_release_fn release;
} HostBox;

static const char *HOSTBOX = "coexist.hostbox";

static int hostbox_gc(lua_State *L) {
    HostBox *b = (HostBox *)lua_touserdata(L, 1);
    if (b && b->release && b->ctx) {
        b->release(b->ctx);
        b->ctx = NULL;
    }
    return 0;
}

static int host_trampoline(lua_State *L) {
    HostBox *b = (HostBox *)lua_touserdata(L, lua_upvalueindex(1));
    int n = b->fn(L, b->ctx);
    if (n < 0) {
        /* Like luaL_error: say where in the script the failing call was made. */
        if (lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return n;
}

void bridge_push_host_function(lua_State *L, bridge_host_fn fn, void *ctx, bridge_release_fn release) {
    HostBox *b = (HostBox *)lua_newuserdatauv(L, sizeof(HostBox), 0);
    b->fn = fn;
    b->ctx = ctx;
    b->release = release;
    if (luaL_newmetatable(L, HOSTBOX)) {
        lua_pushcfunction(L, hostbox_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, host_trampoline, 1);
}

typedef struct {
    void *ctx;
} ObjectBox;

/* Registry key marking a metatable as one of ours, so bridge_any_object can recognise any object type. */
static const char OBJECT_MARK = 0;

static int object_gc(lua_State *L) {
    ObjectBox *b = (ObjectBox *)lua_touserdata(L, 1);
    bridge_release_fn release = (bridge_release_fn)lua_touserdata(L, lua_upvalueindex(1));
    if (b && b->ctx && release) {
        release(b->ctx);
        b->ctx = NULL;
    }
    return 0;
}

int bridge_object_metatable(lua_State *L, const char *tname, bridge_release_fn release) {
    if (!luaL_newmetatable(L, tname)) return 0;
    lua_pushlightuserdata(L, (void *)release);
    lua_pushcclosure(L, object_gc, 1);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &OBJECT_MARK);
    return 1;
}

void bridge_push_object(lua_State *L, void *ctx, const char *tname) {
    ObjectBox *b = (ObjectBox *)lua_newuserdatauv(L, sizeof(ObjectBox), 0);
    b->ctx = ctx;
    luaL_setmetatable(L, tname);
}

void *bridge_to_object(lua_State *L, int idx, const char *tname) {
    ObjectBox *b = (ObjectBox *)luaL_testudata(L, idx, tname);
    return b ? b->ctx : NULL;
}

void *bridge_any_object(lua_State *L, int idx, const char **tname) {
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
    int ours = lua_rawgetp(L, -1, &OBJECT_MARK) == LUA_TBOOLEAN;
    lua_pop(L, 1);
    if (!ours) {
        lua_pop(L, 1);
        return NULL;
    }
    if (tname) {
        lua_getfield(L, -1, "__name"); /* raw string field of our own metatable: cannot raise */
        *tname = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    ObjectBox *b = (ObjectBox *)lua_touserdata(L, idx);
    return b ? b->ctx : NULL;
}
