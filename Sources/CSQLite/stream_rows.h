#ifndef COEXIST_CSQLITE_STREAM_ROWS_H
#define COEXIST_CSQLITE_STREAM_ROWS_H
/* The two loops a workspace's `streams` table costs: binding the store's columns into INSERTs, and reading
   rows back into them. In C because they run once per cell (23 cells a stream, 10M streams): the Swift
   loops paid a bounds check, a storage-kind switch through an enum and retain/release per cell, more than
   SQLite itself spent on the row. Columns are given as base pointers and widths (1, 2 or 4 bytes), in the
   order of the statement's parameters or result columns. */
#include <sqlite3.h>
#include <stdint.h>

static inline int64_t coexist_stream_cell(const void *base, uint8_t width, int64_t row) {
    switch (width) {
    case 1: return ((const uint8_t *)base)[row];
    case 2: return ((const uint16_t *)base)[row];
    default: return ((const uint32_t *)base)[row];
    }
}

/* Inserts rows [from, to): `batch` runs `rows_per_batch` rows a step (parameters row-major, `ncols` a row),
   `single` (one row a step) the rest. Returns SQLITE_DONE, or the failing step's result code. */
static inline int coexist_insert_stream_rows(sqlite3_stmt *batch, int rows_per_batch, sqlite3_stmt *single,
                                             const void *const *bases, const uint8_t *widths, int ncols,
                                             int64_t from, int64_t to) {
    int64_t row = from;
    if (batch) {
        while (row + rows_per_batch <= to) {
            int p = 1;
            for (int r = 0; r < rows_per_batch; r++, row++)
                for (int c = 0; c < ncols; c++, p++) sqlite3_bind_int64(batch, p, coexist_stream_cell(bases[c], widths[c], row));
            int rc = sqlite3_step(batch);
            sqlite3_reset(batch);
            if (rc != SQLITE_DONE) return rc;
        }
    }
    for (; row < to; row++) {
        for (int c = 0; c < ncols; c++) sqlite3_bind_int64(single, c + 1, coexist_stream_cell(bases[c], widths[c], row));
        int rc = sqlite3_step(single);
        sqlite3_reset(single);
        if (rc != SQLITE_DONE) return rc;
    }
    return SQLITE_DONE;
}

/* Why a read of stream rows stopped early. */
enum {
    COEXIST_ROWS_OK = 0,
    COEXIST_ROWS_SQLITE = 1,   /* sqlite3_step failed: `code` holds its result */
    COEXIST_ROWS_ROWID = 2,    /* a rowid out of sequence (or past the range): `value` holds it */
    COEXIST_ROWS_VALUE = 3,    /* a cell out of its column's range: `column`, `value` */
    COEXIST_ROWS_SHORT = 4     /* fewer rows than the range: `row` is where they stopped */
};

typedef struct {
    int status;
    int code;
    int column;
    int64_t row;   /* 0-based row of the failure */
    int64_t value;
} coexist_rows_result;

/* Steps `stmt` (SELECT rowid, then the columns) and stores rows [from, to) into the columns at `bases`;
   the rowids must be from + 1 ... to, each cell within its width. */
static inline coexist_rows_result coexist_read_stream_rows(sqlite3_stmt *stmt, void *const *bases, const uint8_t *widths,
                                                           int ncols, int64_t from, int64_t to) {
    coexist_rows_result out = {COEXIST_ROWS_OK, 0, 0, from, 0};
    int64_t row = from;
    for (;;) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) { out.status = COEXIST_ROWS_SQLITE; out.code = rc; out.row = row; return out; }
        int64_t id = sqlite3_column_int64(stmt, 0);
        if (row >= to || id != row + 1) { out.status = COEXIST_ROWS_ROWID; out.row = row; out.value = id; return out; }
        for (int c = 0; c < ncols; c++) {
            int64_t v = sqlite3_column_int64(stmt, c + 1);
            uint64_t limit = widths[c] == 1 ? 0xFFu : widths[c] == 2 ? 0xFFFFu : 0xFFFFFFFFu;
            if ((uint64_t)v > limit) { out.status = COEXIST_ROWS_VALUE; out.column = c; out.row = row; out.value = v; return out; }
            switch (widths[c]) {
            case 1: ((uint8_t *)bases[c])[row] = (uint8_t)v; break;
            case 2: ((uint16_t *)bases[c])[row] = (uint16_t)v; break;
            default: ((uint32_t *)bases[c])[row] = (uint32_t)v; break;
            }
        }
        row++;
    }
    if (row != to) { out.status = COEXIST_ROWS_SHORT; out.row = row; }
    return out;
}

#endif
