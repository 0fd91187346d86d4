#ifndef COEXIST_ROWVIEW_H
#define COEXIST_ROWVIEW_H
/* Row views over the call store's columns, read in C so that a Lua predicate over a million streams
   costs one Lua call and one C __index per field access, with no Swift in the loop. Swift describes
   each field (column pointer, kind, scale) once per evaluation; C reads the row it is told. */
#include <stddef.h>
#include <stdint.h>

typedef struct lua_State lua_State;

enum {
    RV_ROWNUMBER = 0, /* 1-based position in the store */
    RV_METRIC,        /* uint16 code * multiplier / 10^decimals; 0xFFFF or a gated modality = nil */
    RV_U8_INT,        /* uint8 as an integer */
    RV_U16_INT,       /* uint16 as an integer; 0xFFFF = nil */
    RV_CACHED_U8,     /* a value that depends only on this uint8 column: asked of Swift once per code */
    RV_CACHED_U16,
    RV_CACHED_U32,
    RV_SLOW           /* asked of Swift on every access */
};

typedef struct {
    int kind;
    const void *column;
    /* RV_METRIC: bit m set when the metric applies to modality code m. */
    uint32_t gate;
    int multiplier;
    int decimals;
} rv_field;

/* Pushes exactly one value: for field >= 0, that field's value at `row` (0-based); for field < 0, the
   value of the key at stack index 2 if it names a field, returning 1; or an error message, returning 0. */
typedef int (*rv_value_fn)(lua_State *L, void *ctx, int field, size_t row);
typedef void (*rv_release_fn)(void *ctx);

/* Pushes a layout: the fields, the name -> field table (built from names[i] -> ids[i]) and per-field
   caches. `release(ctx)` runs when Lua collects the layout; ctx keeps the columns alive. */
void rowview_push_layout(lua_State *L, const rv_field *fields, int nfields, const char *const *names,
                         const int *ids, int nnames, const uint8_t *modality, rv_value_fn value, void *ctx,
                         rv_release_fn release);

/* Pushes a row view of the layout at index `layout`, positioned on `row`. */
void rowview_push_row(lua_State *L, int layout, size_t row);

/* Moves the row view at idx to another row (it must be a row view). */
void rowview_set_row(lua_State *L, int idx, size_t row);

/* The 0-based row the row view at idx is on (0 when idx is not a row view). */
size_t rowview_row(lua_State *L, int idx);

/* A lua_CFunction: (fn, rowview, indices lightuserdata, n) -> how many of the n uint32 row indices,
   kept in place and in order, the function returned a true value for. Call it under lua_pcall. */
int rowview_filter(lua_State *L);

#endif
