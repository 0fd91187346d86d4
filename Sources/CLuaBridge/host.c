#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>

/* Boxes carry a magic number beside their metatable: a script can reach a metatable's __gc (getmetatable,
   debug.getupvalue) and call it on any value, or give any userdata our metatable (debug.setmetatable), and
   neither may make C read a file handle or a string as one of our boxes. The bytes of a userdata cannot be
   written from Lua, so a box with the right size and magic is one we made. */
#define HOSTBOX_MAGIC 0x436f486f73744678ULL  /* "CoHostFx" */
#define OBJECT_MAGIC 0x436f4f626a656374ULL   /* "CoObject" */

typedef struct {
    unsigned long long magic;
    bridge_host_fn fn;
    void *ctx;
    bridge_release_fn release;
    size_t bytes;
} HostBox;

static const char *HOSTBOX = "coexist.hostbox";

static HostBox *to_hostbox(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) != sizeof(HostBox)) return NULL;
    HostBox *b = (HostBox *)lua_touserdata(L, idx);
    return b && b->magic == HOSTBOX_MAGIC ? b : NULL;
}

static int hostbox_gc(lua_State *L) {
    HostBox *b = to_hostbox(L, 1);
    if (b && b->release && b->ctx) {
        /* Swift runs the release, maybe inside a collection Lua code started: no allocation may fail there. */
        int was = bridge_host_enter(L);
        b->release(b->ctx);
        bridge_host_leave_quietly(L, was);
        b->ctx = NULL;
        bridge_uncharge(L, b->bytes);
        b->bytes = 0;
    }
    return 0;
}

static int host_trampoline(lua_State *L) {
    HostBox *b = to_hostbox(L, lua_upvalueindex(1));
    /* debug.setupvalue can replace the box, and its __gc can be called early: either way, refuse. */
    if (!b || !b->ctx) return luaL_error(L, "this host function was released or tampered with");
    int was = bridge_host_enter(L);
    int n = b->fn(L, b->ctx);
    /* Swift is done: what it allocated or charged past the cap becomes the error here, in C. */
    if (bridge_host_leave(L, was)) return bridge_raise_out_of_memory(L);
    if (n < 0) {
        /* Ctrl-C during the call set the count hook that raises "interrupted!": left set, it fires as the
           error's message handler is called and replaces the host's own error (which says what the call did,
           e.g. "import stopped by Ctrl-C; nothing imported"). The interrupt stays pending for the shell. */
        if (bridge_interrupt_pending()) lua_sethook(L, NULL, 0, 0);
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
    bridge_push_host_function_charged(L, fn, ctx, release, 0);
}

void bridge_push_host_function_charged(lua_State *L, bridge_host_fn fn, void *ctx, bridge_release_fn release,
                                       size_t bytes) {
    HostBox *b = (HostBox *)lua_newuserdatauv(L, sizeof(HostBox), 0);
    b->magic = HOSTBOX_MAGIC;
    b->fn = fn;
    b->ctx = ctx;
    b->release = release;
    b->bytes = 0;
    if (luaL_newmetatable(L, HOSTBOX)) {
        lua_pushcfunction(L, hostbox_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, host_trampoline, 1);
    /* Charged once the box can release it: its __gc uncharges exactly what was charged. */
    b->bytes = bytes;
    bridge_charge(L, bytes);
}

typedef struct {
    unsigned long long magic;
    /* The metatable name's hash: an object given another type's metatable is still not of that type. */
    unsigned long long type;
    void *ctx;
    size_t bytes;
} ObjectBox;

static unsigned long long type_hash(const char *tname) {
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)tname; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The box at idx when it is one of ours (of type tname when tname is not NULL), else NULL. Never raises. */
static ObjectBox *to_box(lua_State *L, int idx, const char *tname) {
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) != sizeof(ObjectBox)) return NULL;
    ObjectBox *b = (ObjectBox *)lua_touserdata(L, idx);
    if (!b || b->magic != OBJECT_MAGIC) return NULL;
    if (tname && b->type != type_hash(tname)) return NULL;
    return b;
}

/* Registry key marking a metatable as one of ours, so bridge_any_object can recognise any object type. */
static const char OBJECT_MARK = 0;

static int object_gc(lua_State *L) {
    /* Upvalue 2 is the type name: a __gc called by hand on another type's object must not release it
       with this type's release function. */
    ObjectBox *b = to_box(L, 1, lua_tostring(L, lua_upvalueindex(2)));
    bridge_release_fn release = (bridge_release_fn)lua_touserdata(L, lua_upvalueindex(1));
    if (b && b->ctx && release) {
        int was = bridge_host_enter(L);
        release(b->ctx);
        bridge_host_leave_quietly(L, was);
        b->ctx = NULL;
        bridge_uncharge(L, b->bytes);
        b->bytes = 0;
    }
    return 0;
}

int bridge_object_metatable(lua_State *L, const char *tname, bridge_release_fn release) {
    if (!luaL_newmetatable(L, tname)) return 0;
    lua_pushlightuserdata(L, (void *)release);
    lua_pushstring(L, tname);
    lua_pushcclosure(L, object_gc, 2);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &OBJECT_MARK);
    return 1;
}

void bridge_push_object(lua_State *L, void *ctx, const char *tname) { bridge_push_object_charged(L, ctx, tname, 0); }

void bridge_push_object_charged(lua_State *L, void *ctx, const char *tname, size_t bytes) {
    ObjectBox *b = (ObjectBox *)lua_newuserdatauv(L, sizeof(ObjectBox), 0);
    b->magic = OBJECT_MAGIC;
    b->type = type_hash(tname);
    b->ctx = ctx;
    b->bytes = bytes;
    luaL_setmetatable(L, tname);
    bridge_charge(L, bytes);
}

void *bridge_to_object(lua_State *L, int idx, const char *tname) {
    ObjectBox *b = to_box(L, idx, tname);
    return b ? b->ctx : NULL;
}

void *bridge_any_object(lua_State *L, int idx, const char **tname) {
    if (!to_box(L, idx, NULL) || !lua_getmetatable(L, idx)) return NULL;
    int ours = lua_rawgetp(L, -1, &OBJECT_MARK) == LUA_TBOOLEAN;
    lua_pop(L, 1);
    if (!ours) {
        lua_pop(L, 1);
        return NULL;
    }
    if (tname) {
        /* Raw: a script may have given the metatable a metatable of its own. */
        lua_pushliteral(L, "__name");
        *tname = lua_rawget(L, -2) == LUA_TSTRING ? lua_tostring(L, -1) : "userdata";
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    ObjectBox *b = (ObjectBox *)lua_touserdata(L, idx);
    return b ? b->ctx : NULL;
}
