#ifndef COEXIST_CLUA_SHIM_H
#define COEXIST_CLUA_SHIM_H
/* Lua's function-like and expression macros do not import into Swift; these inline wrappers do.
   Only non-raising operations belong here: anything that can raise a Lua error is called from C
   (CLuaBridge) so that a longjmp never crosses a Swift frame. */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int shim_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int shim_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void shim_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void shim_newtable(lua_State *L) { lua_newtable(L); }
static inline void shim_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline const char *shim_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline lua_Integer shim_tointegerx(lua_State *L, int i, int *isnum) { return lua_tointegerx(L, i, isnum); }
static inline lua_Number shim_tonumberx(lua_State *L, int i, int *isnum) { return lua_tonumberx(L, i, isnum); }
static inline void shim_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void shim_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void shim_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline int shim_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline void *shim_newuserdata(lua_State *L, size_t size) { return lua_newuserdatauv(L, size, 1); }
static inline const char *shim_version(void) { return LUA_RELEASE; }
static inline const char *shim_copyright(void) { return LUA_COPYRIGHT; }

#endif
