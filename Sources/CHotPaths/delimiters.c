#include "CHotPaths.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

size_t coexist_csv_delimiters(const uint8_t *p, size_t n, uint32_t *out) {
    size_t count = 0, i = 0;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    for (; i + 64 <= n; i += 64) {
        uint64_t m = 0;
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i + 16 * k));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
            m |= (uint64_t)(uint32_t)_mm_movemask_epi8(hit) << (16 * k);
        }
        while (m) {
            out[count++] = (uint32_t)(i + (size_t)__builtin_ctzll(m));
            m &= m - 1;
        }
    }
#endif
    for (; i < n; i++) {
        uint8_t c = p[i];
        if (c == ',' || c == '\n' || c == '\r' || c == '"') out[count++] = (uint32_t)i;
    }
    return count;
}
