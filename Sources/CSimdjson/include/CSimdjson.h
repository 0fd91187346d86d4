// The Graph call-record importer's JSON layer: simdjson (Debian's libsimdjson-dev) behind a small C API.
//
// Why it exists: speed. Foundation's JSONSerialization built a tree of NSObjects for the whole file (65 s and
// 6 GB for 50,000 records in one `{"value": [...]}` page); simdjson parses one record at a time at gigabytes
// per second into a flat tape that Swift reads in place (`GraphTapeNode`), so no Foundation object is made
// per field and no tree of the whole file ever exists.
//
// Why C and not simdjson's C++ API from Swift: C++ exceptions must never cross into Swift. The shim uses
// simdjson's error-code API only (no `.get()` that throws), is built with exceptions disabled for simdjson
// (SIMDJSON_EXCEPTIONS=0), and every function here is noexcept and reports failure through its result.
//
// Two parts:
// - the splitter (`csj_split_*`): a string-aware scan that finds each record's bytes in a file (one record, an
//   array, a `{"value": [...]}` page, or JSON Lines of any of those), so records can be parsed on two threads
//   and the file never needs to be whole in memory;
// - the record parser (`csj_parser_*`): one DOM per record (reused buffers), exposed as its tape.
#ifndef CSIMDJSON_H
#define CSIMDJSON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Deepest nesting accepted, in a record and in the file around it (simdjson's default).
#define CSJ_MAX_DEPTH 1024

/// Where a record sits: the whole document, an element of a top-level array ($[i]), or of a page ($.value[i]).
enum { CSJ_WHOLE = 0, CSJ_ARRAY = 1, CSJ_PAGE = 2 };

typedef struct {
    size_t start;
    size_t length;
    /// Index in its array (CSJ_ARRAY, CSJ_PAGE); 0 for CSJ_WHOLE.
    int64_t index;
    int32_t container;
    /// Line of a JSON Lines file (1-based); 0 when the file is one document.
    int64_t line;
} csj_record;

typedef struct {
    /// What is wrong, for "is not JSON: ..." ("truncated", "nesting deeper than 1024 levels", ...).
    char message[160];
    int64_t line;
    /// The record the problem is in (container != CSJ_WHOLE), else -1 for the document itself.
    int64_t index;
    int32_t container;
    /// Bytes into the file where the problem was seen.
    size_t offset;
    /// True when the problem is the document's shape (valid JSON that is no record, array or page).
    int32_t shape;
} csj_error;

typedef struct csj_splitter csj_splitter;

/// A splitter over `length` bytes at `bytes` (which must stay valid while it is used). NULL if out of memory.
/// All `length` bytes are taken to be in memory unless `csj_split_feed` says otherwise.
csj_splitter *csj_split_new(const uint8_t *bytes, size_t length);
/// Only the first `avail` bytes are in memory (the file is read in pieces): a call to csj_split_next that
/// needs more returns 2 and changes nothing; read more, feed again, and call it again.
void csj_split_feed(csj_splitter *s, size_t avail);
void csj_split_free(csj_splitter *s);
/// 1: `*out` is the next record. 0: no more. -1: `*error` says what is wrong; for JSON Lines the next call
/// goes on at the next line, otherwise the file holds nothing more. 2: more bytes are needed (csj_split_feed).
int csj_split_next(csj_splitter *s, csj_record *out, csj_error *error);
/// Bytes before which the splitter will not look again (everything before it may be dropped from memory).
size_t csj_split_position(const csj_splitter *s);
/// True when the file is JSON Lines (known after the first call to csj_split_next).
int csj_split_is_lines(const csj_splitter *s);

typedef struct csj_parser csj_parser;

/// The tape of a parsed record: see simdjson's doc/tape.md. `tape[1]` is the record's root value.
typedef struct {
    const uint64_t *tape;
    const uint8_t *strings;
} csj_tape;

csj_parser *csj_parser_new(void);
void csj_parser_free(csj_parser *p);
/// Parses one record; 0 on success (`*out` valid until the next call on `p`), else a simdjson error code
/// (see csj_error_message). The bytes are copied into the parser's padded buffer first, so they need no
/// padding and may end at the end of a mapping.
int csj_parse(csj_parser *p, const uint8_t *bytes, size_t length, csj_tape *out);
/// simdjson's message for an error code from csj_parse (a static string).
const char *csj_error_message(int code);

#ifdef __cplusplus
}
#endif

#endif
