#include "RowView.h"
#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

/* A layout is a userdata holding the field descriptions; a row view is a small userdata pointing at it.
   Row view user values: 1 = name -> field table, 2 = per-field caches, 3 = the layout (kept alive). */
typedef struct {
    int nfields;
    const uint8_t *modality;
    rv_value_fn value;
    void *ctx;
    rv_release_fn release;
    rv_field fields[];
} Layout;

typedef struct {
    unsigned long long magic;
    Layout *layout;
    size_t row;
} Row;

static const char *LAYOUT = "coexist.rowlayout";
static const char *ROW = "coexist.row";

/* Exact powers of ten, so a metric decodes to the same double as in Swift (integer over power of ten). */
static const double POW10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};

/* Stands for nil in a cache, where nil would mean "not asked yet". */
static const char MISSING = 0;

/* Layouts and row views hide their metatables behind __metatable, but debug.getmetatable reaches them, so
   every entry point checks what it was given. Rows carry a magic number: cheaper than luaL_testudata on the
   per-field path, and Lua cannot write the bytes of a userdata, so only we make one. (lua_rawlen is 0 for
   anything but a full userdata or a string, and lua_touserdata is NULL for a string.) A row's layout stays
   alive through its user value 3, which debug.setuservalue could drop: LuaEngine refuses that call on row
   views (TextChunks.swift), which keeps this path to two API calls. */
#define ROW_MAGIC 0x436f526f77566965ULL /* "CoRowVie" */

static Layout *to_layout(lua_State *L, int idx) { return (Layout *)luaL_testudata(L, idx, LAYOUT); }

static Row *to_row(lua_State *L, int idx) {
    if (lua_rawlen(L, idx) != sizeof(Row)) return NULL;
    Row *r = (Row *)lua_touserdata(L, idx);
    return r && r->magic == ROW_MAGIC ? r : NULL;
}

static void tampered(lua_State *L) { luaL_error(L, "row view expected, got %s", luaL_typename(L, 1)); }

static int layout_gc(lua_State *L) {
    Layout *lo = to_layout(L, 1);
    if (lo && lo->release && lo->ctx) {
        int was = bridge_host_enter(L);
        lo->release(lo->ctx);
        bridge_host_leave_quietly(L, was);
        lo->ctx = NULL;
    }
    return 0;
}

/* Asks Swift for a value; a field < 0 that Swift does not know is raised as an error here, in C. */
static void ask(lua_State *L, Layout *lo, int field, size_t row) {
    if (!lo->ctx) {
        lua_pushnil(L);
        return;
    }
    /* Swift runs here: held to the budget at its return, in C (see bridge_host_enter). */
    int was = bridge_host_enter(L);
    int ok = lo->value(L, lo->ctx, field, row);
    if (bridge_host_leave(L, was)) bridge_raise_out_of_memory(L);
    if (!ok) lua_error(L);
}

static void push_cached(lua_State *L, Layout *lo, int field, size_t row, uint32_t code) {
    if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE || lua_rawgeti(L, -1, field + 1) != LUA_TTABLE) tampered(L);
    if (lua_rawgeti(L, -1, (lua_Integer)code + 1) == LUA_TNIL) {
        lua_pop(L, 1);
        ask(L, lo, field, row);
        lua_pushvalue(L, -1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushlightuserdata(L, (void *)&MISSING);
        }
        lua_rawseti(L, -3, (lua_Integer)code + 1);
    } else if (lua_islightuserdata(L, -1)) {
        lua_pop(L, 1);
        lua_pushnil(L);
    }
}

static int row_index(lua_State *L) {
    Row *r = to_row(L, 1);
    /* A layout whose __gc was called by hand no longer keeps the columns alive: read nothing. */
    if (!r || !r->layout->ctx) tampered(L);
    Layout *lo = r->layout;
    size_t i = r->row;
    if (lua_getiuservalue(L, 1, 1) != LUA_TTABLE) tampered(L);
    lua_pushvalue(L, 2);
    int isnum = 0;
    lua_rawget(L, -2);
    int id = (int)lua_tointegerx(L, -1, &isnum);
    lua_settop(L, 2);
    if (!isnum || id < 0 || id >= lo->nfields) {
        ask(L, lo, -1, i);
        return 1;
    }
    const rv_field *f = &lo->fields[id];
    switch (f->kind) {
    case RV_ROWNUMBER:
        lua_pushinteger(L, (lua_Integer)i + 1);
        return 1;
    case RV_METRIC: {
        uint16_t c = ((const uint16_t *)f->column)[i];
        if (c == 0xFFFF || !(f->gate & (1u << (lo->modality[i] & 31)))) lua_pushnil(L);
        else lua_pushnumber(L, (double)((long)c * f->multiplier) / POW10[f->decimals]);
        return 1;
    }
    case RV_U8_INT:
        lua_pushinteger(L, ((const uint8_t *)f->column)[i]);
        return 1;
    case RV_U16_INT: {
        uint16_t c = ((const uint16_t *)f->column)[i];
        if (c == 0xFFFF) lua_pushnil(L);
        else lua_pushinteger(L, c);
        return 1;
    }
    case RV_CACHED_U8:
        push_cached(L, lo, id, i, ((const uint8_t *)f->column)[i]);
        return 1;
    case RV_CACHED_U16:
        push_cached(L, lo, id, i, ((const uint16_t *)f->column)[i]);
        return 1;
    case RV_CACHED_U32:
        push_cached(L, lo, id, i, ((const uint32_t *)f->column)[i]);
        return 1;
    default:
        ask(L, lo, id, i);
        return 1;
    }
}

static int row_newindex(lua_State *L) {
    return luaL_error(L, "row views are read-only (copy the values you need into a table)");
}

static int row_tostring(lua_State *L) {
    Row *r = to_row(L, 1);
    if (!r) tampered(L);
    lua_pushfstring(L, "row %I", (lua_Integer)r->row + 1);
    return 1;
}

void rowview_push_layout(lua_State *L, const rv_field *fields, int nfields, const char *const *names,
                         const int *ids, int nnames, const uint8_t *modality, rv_value_fn value, void *ctx,
                         rv_release_fn release) {
    Layout *lo = (Layout *)lua_newuserdatauv(L, sizeof(Layout) + sizeof(rv_field) * (size_t)nfields, 2);
    lo->nfields = nfields;
    lo->modality = modality;
    lo->value = value;
    lo->ctx = ctx;
    lo->release = release;
    memcpy(lo->fields, fields, sizeof(rv_field) * (size_t)nfields);
    if (luaL_newmetatable(L, LAYOUT)) {
        lua_pushcfunction(L, layout_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "row layout");
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    lua_createtable(L, 0, nnames);
    for (int k = 0; k < nnames; k++) {
        lua_pushinteger(L, ids[k]);
        lua_setfield(L, -2, names[k]);
    }
    lua_setiuservalue(L, -2, 1);
    lua_createtable(L, nfields, 0);
    for (int k = 0; k < nfields; k++) {
        lua_newtable(L);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setiuservalue(L, -2, 2);
}

void rowview_push_row(lua_State *L, int layout, size_t row) {
    layout = lua_absindex(L, layout);
    Row *r = (Row *)lua_newuserdatauv(L, sizeof(Row), 3);
    r->magic = ROW_MAGIC;
    r->layout = (Layout *)lua_touserdata(L, layout);
    r->row = row;
    if (luaL_newmetatable(L, ROW)) {
        lua_pushcfunction(L, row_index);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, row_newindex);
        lua_setfield(L, -2, "__newindex");
        lua_pushcfunction(L, row_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushliteral(L, "Row");
        lua_setfield(L, -2, "__name");
        lua_pushliteral(L, "row view");
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    lua_getiuservalue(L, layout, 1);
    lua_setiuservalue(L, -2, 1);
    lua_getiuservalue(L, layout, 2);
    lua_setiuservalue(L, -2, 2);
    lua_pushvalue(L, layout);
    lua_setiuservalue(L, -2, 3);
}

void rowview_set_row(lua_State *L, int idx, size_t row) {
    Row *r = to_row(L, idx);
    if (r) r->row = row;
}

size_t rowview_row(lua_State *L, int idx) {
    Row *r = to_row(L, idx);
    return r ? r->row : 0;
}

int rowview_filter(lua_State *L) {
    Row *r = to_row(L, 2);
    if (!r) return luaL_argerror(L, 2, "row view expected");
    luaL_checktype(L, 3, LUA_TLIGHTUSERDATA);
    uint32_t *idx = (uint32_t *)lua_touserdata(L, 3);
    lua_Integer n = luaL_checkinteger(L, 4);
    lua_Integer m = 0;
    for (lua_Integer k = 0; k < n; k++) {
        r->row = idx[k];
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_call(L, 1, 1);
        if (lua_toboolean(L, -1)) idx[m++] = idx[k];
        lua_pop(L, 1);
    }
    lua_pushinteger(L, m);
    return 1;
}
