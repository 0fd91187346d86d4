#ifndef COEXIST_CHOTPATHS_H
#define COEXIST_CHOTPATHS_H
/* The few things the importer's hot loop needs that Swift cannot express. */
#include <stddef.h>
#include <stdint.h>

/* The CSV importer's first pass: where the delimiters are. Writes the offset from `p` of every ',',
   '\n', '\r' and '"' in p[0..<n], in order, to `out` (room for n entries; n < 2^32); returns how
   many. SSE2 finds them 16 bytes at a time (a compare and a movemask per byte class), several times
   faster than any per-field scan in Swift, whose SIMD types have no movemask. */
size_t coexist_csv_delimiters(const uint8_t *p, size_t n, uint32_t *out);

/* Starts loading the cache line at `p`: a dictionary lookup that will miss the cache is started a
   few fields before its answer is needed. */
static inline void coexist_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/* Eight bytes at `p`, any alignment: one load. Swift's loadUnaligned stayed a call in the importer. */
static inline uint64_t coexist_load64(const void *p) {
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}

#endif
