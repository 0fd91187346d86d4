#ifndef COEXIST_CSQLITE_SHIM_H
#define COEXIST_CSQLITE_SHIM_H
/* The system libsqlite3 (Debian libsqlite3-dev). SQLITE_TRANSIENT is a cast macro that does not import into
   Swift; this constant does (it tells sqlite3_bind_text to copy the bytes before the call returns). */
#include <sqlite3.h>

static inline sqlite3_destructor_type shim_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#include "stream_rows.h"

#endif
