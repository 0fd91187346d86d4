// Moving resident pages within a mapping, for the Graph file reader (GraphFileReader.swift): it reads a file at
// its offsets into a reservation as large as the file, and every fresh page costs the kernel a zero-fill
// (clear_page was 37 % of an import's samples, all on the importing thread). Moving the pages of a piece it
// is done with to the piece it reads next reuses them as they are.
#define _GNU_SOURCE
#include <sys/mman.h>
#include <errno.h>
#include "CHotPaths.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

int coexist_move_pages(void *from, void *to, size_t n) {
#ifdef __linux__
    // DONTUNMAP leaves `from` mapped (and empty), so no other mapping can be placed in the hole meanwhile.
    void *p = mremap(from, n, n, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, to);
    return p == MAP_FAILED ? -1 : 0;
#else
    (void)from; (void)to; (void)n;
    errno = ENOSYS;
    return -1;
#endif
}
