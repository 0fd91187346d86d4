#ifndef COEXIST_CCSVSCAN_H
#define COEXIST_CCSVSCAN_H
/* The CSV importer's first pass: where the delimiters are. Finding them 16 bytes at a time with SSE2
   (a compare and a movemask per byte class) is several times faster than any per-field scan Swift can
   express, since Swift's SIMD types have no movemask. The importer then walks the offsets. */
#include <stddef.h>
#include <stdint.h>

/* Writes the offset from `p` of every ',', '\n', '\r' and '"' in p[0..<n], in order, to `out` (room
   for n entries; n < 2^32). Returns how many. */
size_t coexist_csv_delimiters(const uint8_t *p, size_t n, uint32_t *out);

#endif
