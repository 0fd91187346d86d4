#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

/* The one memory budget of a session: what Lua allocates plus what host objects hold on its behalf (result
   sets, row selections, forks: see bridge_charge). Swift code never sees an allocation fail, because a
   failure would longjmp through its frames; while it runs (`host` set) allocations and charges may overdraw
   the budget, and the C frame that returns to Lua (bridge_host_leave's caller) turns an overdrawn budget
   into Lua's "not enough memory" error, after the results Swift pushed were dropped. */
typedef struct {
    size_t used;
    size_t limit;
    int host;
    /* Host calls made by a finaliser that is running now (see finaliser_running). */
    int finaliser_host;
    /* The main thread, once the state is made: to ask whether a finaliser runs. */
    lua_State *L;
    /* Set while the shell compiles a chunk or runs its own bookkeeping (see BRIDGE_RESERVE). */
    int reserved;
} Budget;

/* A __gc metamethod runs inside whatever allocation made the collector step, Swift's too: a finaliser
   written in Lua would then allocate without a cap. Lua 5.4 sets an internal stop while it runs one
   (GCSTPGC in lgc.c's GCTM), and lua_gc answers -1 to everything then; that is how the allocator knows.
   A finaliser's allocations are held to the budget like any Lua code's: a failure there raises into GCTM's
   own protected call (a warning, which coexist silences), below any Swift frame. Host calls and host
   objects' own finalisers that run inside one are Swift again (finaliser_host). */
static int finaliser_running(Budget *b) {
    return b->L && !b->finaliser_host && lua_gc(b->L, LUA_GCISRUNNING) == -1;
}

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Budget *b = (Budget *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        b->used -= old;
        return NULL;
    }
    /* A finaliser that runs inside the compiler's allocations is a script's code: no reserve for it. */
    size_t limit = b->limit;
    if (limit && b->reserved && !finaliser_running(b)) limit += BRIDGE_RESERVE;
    /* Written so that nothing wraps: `f:read(-1)` asks luaL_Buffer for (size_t)-1 bytes, and
       used - old + nsize came out small and let the request through to realloc (a fuzz finding: under the
       address sanitizer a crash, and in host mode an abort). `used` may exceed the limit (host overdraw).
       A request no allocator can meet (past PTRDIFF_MAX) is refused to Lua even with no limit set. */
    size_t base = b->used > old ? b->used - old : 0;
    int over = nsize > old && (nsize > (size_t)PTRDIFF_MAX ||
                               (limit && (nsize > limit || base > limit - nsize)));
    if (over && (!b->host || finaliser_running(b))) return NULL;
    void *p = realloc(ptr, nsize);
    if (p) {
        b->used = b->used - old + nsize;
    } else if (b->host) {
        /* The machine itself is out of memory while Swift runs: raising would unwind Swift frames. */
        fprintf(stderr, "coexist: out of memory\n");
        abort();
    }
    return p;
}

static Budget *budget_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (Budget *)ud;
}

/* Returns what bridge_host_leave restores: bit 0 the host flag as it was, bit 1 set when this host call
   runs inside a finaliser (whose own allocations are capped, but not those of the Swift it calls). */
int bridge_host_enter(lua_State *L) {
    Budget *b = budget_of(L);
    int was = b->host;
    if (b->L && lua_gc(b->L, LUA_GCISRUNNING) == -1) {
        b->finaliser_host++;
        was |= 2;
    }
    b->host = 1;
    return was;
}

int bridge_host_leave(lua_State *L, int was) {
    Budget *b = budget_of(L);
    if (was & 2) b->finaliser_host--;
    was &= 1;
    b->host = was;
    if (was || !b->limit) return 0;
    /* Near the cap, help the collector along: an allocation that fails inside a collection step cannot
       start an emergency collection (lmem.c's tryagain skips it while gcstopem is set), so with Lua's
       default pause (the heap grows to twice what survived) code that makes only garbage, well under the
       cap in live data, still meets "not enough memory" at the peak of a cycle. */
    if (b->used > b->limit - b->limit / 4) lua_gc(L, LUA_GCSTEP, 0);
    /* A host object's __tostring called by the shell to show it runs with the reserve. */
    size_t limit = b->reserved ? b->limit + BRIDGE_RESERVE : b->limit;
    if (b->used <= limit) return 0;
    /* Garbage counts until collected, and host objects weigh more than Lua's pacing knows: collect first,
       as Lua does before it reports a failed allocation. */
    lua_gc(L, LUA_GCCOLLECT);
    return b->used > limit;
}

void bridge_host_leave_quietly(lua_State *L, int was) {
    Budget *b = budget_of(L);
    if (was & 2) b->finaliser_host--;
    b->host = was & 1;
}

int bridge_over_budget(lua_State *L) {
    Budget *b = budget_of(L);
    return b->limit && b->used > b->limit;
}

void bridge_charge(lua_State *L, size_t bytes) {
    if (!bytes) return;
    budget_of(L)->used += bytes;
    /* Let the collector pace itself as if Lua had allocated these bytes, so unreachable host objects are
       found about as soon as unreachable tables of the same size. */
    if (bytes >= 4096) lua_gc(L, LUA_GCSTEP, (int)(bytes / 1024 > 1 << 20 ? 1 << 20 : bytes / 1024));
}

void bridge_uncharge(lua_State *L, size_t bytes) {
    Budget *b = budget_of(L);
    b->used = bytes > b->used ? 0 : b->used - bytes;
}

int bridge_raise_out_of_memory(lua_State *L) {
    lua_settop(L, 0);
    /* Interned when the state was made ("not enough memory" is Lua's own message), so this allocates nothing. */
    lua_pushliteral(L, "not enough memory");
    return lua_error(L);
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
    /* Outside any Lua call the shell's own Swift code runs: it too must never see an allocation fail. */
    b->host = 1;
    lua_State *L = lua_newstate(capped_alloc, b);
    if (!L) {
        free(b);
        return NULL;
    }
    b->L = L;
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
    int status = bridge_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

int bridge_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    Budget *b = budget_of(L);
    int was = b->host;
    b->host = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    b->host = was;
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
    return bridge_pcall(L, 1, 1, 0);
}

int bridge_reserve_enter(lua_State *L) {
    Budget *b = budget_of(L);
    int was = b->reserved;
    b->reserved = 1;
    return was;
}

void bridge_reserve_leave(lua_State *L, int was) { budget_of(L)->reserved = was; }

/* Loading is protected (a failed allocation is a status, not a raise), so the parser is held to the cap, with
   the reserve: a line typed at the cap still compiles, so `keep = nil` can free what the globals hold. */
int bridge_load(lua_State *L, const char *code, size_t len, const char *chunkname) {
    Budget *b = budget_of(L);
    int was = b->host, reserved = bridge_reserve_enter(L);
    b->host = 0;
    int status = luaL_loadbufferx(L, code, len, chunkname, "t");
    b->host = was;
    bridge_reserve_leave(L, reserved);
    return status;
}

int bridge_loadfile(lua_State *L, const char *path) {
    Budget *b = budget_of(L);
    int was = b->host, reserved = bridge_reserve_enter(L);
    b->host = 0;
    int status = luaL_loadfilex(L, path, "t");
    b->host = was;
    bridge_reserve_leave(L, reserved);
    return status;
}

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
