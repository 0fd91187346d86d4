// Finds the bytes of each Graph callRecord in a file without parsing it (see CSimdjson.h): a scan that knows
// strings (a brace inside "..." is text) and counts nesting, nothing more. Each record is then parsed and
// validated by simdjson on its own; what lies between records (commas, the page's other members such as
// "@odata.context" and "@odata.nextLink") is checked here, the page's member values by simdjson too.
#include "CSimdjson.h"

#include <simdjson.h>
#include <cstdio>
#include <cstring>
#include <new>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

enum class Mode { Start, NextLine, DocStart, InArray, InPage, AfterPage, DocEnd, Done };

inline bool is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

struct csj_splitter {
    const uint8_t *bytes;
    size_t length;
    /// Bytes from the start of the file that are in memory (`csj_split_feed`); `length` when all are.
    size_t avail = 0;
    /// Set when a scan ran into `avail` before the end of the document: the step is undone and the caller
    /// asked for more bytes (csj_split_next returns 2).
    bool starved = false;
    size_t pos = 0;
    /// End of the current document: the file's end, or the end of the current line of JSON Lines.
    size_t doc_end = 0;
    size_t doc_start = 0;
    bool lines = false;
    int64_t line = 0;
    Mode mode = Mode::Start;
    int32_t container = CSJ_WHOLE;
    int64_t index = 0;
    bool first_element = true;
    simdjson::dom::parser validator;
    uint8_t *scratch = nullptr;
    size_t scratch_capacity = 0;

    /// Where scans must stop: the document's end, or the end of the bytes in memory if that comes first.
    size_t lim() const { return doc_end < avail ? doc_end : avail; }

    /// True when `at` is at the end of what may be scanned; notes when that is only the end of the bytes in memory.
    bool at_end(size_t at) {
        if (at < lim()) return false;
        if (avail < doc_end) starved = true;
        return true;
    }

    void skip_ws() {
        while (!at_end(pos) && is_ws(bytes[pos])) pos++;
    }

    /// The end of the string whose opening quote is at `p` (one past its closing quote), or 0 if it never ends.
    size_t string_end(size_t p) {
        size_t i = p + 1;
        for (;;) {
            if (at_end(i)) return 0;
            const void *q = std::memchr(bytes + i, '"', lim() - i);
            if (!q) { at_end(lim()); return 0; }
            size_t at = size_t(static_cast<const uint8_t *>(q) - bytes);
            size_t slashes = 0;
            while (at - slashes > p + 1 && bytes[at - slashes - 1] == '\\') slashes++;
            if (slashes % 2 == 0) return at + 1;
            i = at + 1;
        }
    }

    /// The first byte at or after `i` (before `lim()`) that is a quote or a bracket, else `lim()`: 16 bytes a
    /// step, since most of a record is text between them (a byte at a time was a sixth of the import's serial part).
    size_t next_structural(size_t i) const {
        size_t l = lim();
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"'), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
        const __m128i lower = _mm_set1_epi8(0x20);
        while (i + 16 <= l) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes + i));
            // '[' | 0x20 == '{' and ']' | 0x20 == '}', and no other byte maps to either.
            __m128i folded = _mm_or_si128(v, lower);
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                       _mm_or_si128(_mm_cmpeq_epi8(folded, open), _mm_cmpeq_epi8(folded, close)));
            int mask = _mm_movemask_epi8(hit);
            if (mask) return i + size_t(__builtin_ctz(unsigned(mask)));
            i += 16;
        }
#endif
        while (i < l) {
            uint8_t b = bytes[i];
            if (b == '"' || b == '{' || b == '[' || b == '}' || b == ']') return i;
            i++;
        }
        return l;
    }

#ifdef __SSE2__
    /// The 64 bytes at `b` as bit masks: quotes, backslashes, opening and closing brackets ('[' | 0x20 is '{'
    /// and ']' | 0x20 is '}', and no other byte maps to either).
    struct Block { uint64_t quote = 0, backslash = 0, open = 0, close = 0; };
    static inline Block block(const uint8_t *b) {
        const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), open = _mm_set1_epi8('{'),
                      close = _mm_set1_epi8('}'), lower = _mm_set1_epi8(0x20);
        Block m;
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + 16 * k));
            __m128i f = _mm_or_si128(v, lower);
            auto bitsOf = [&](__m128i eq) { return uint64_t(uint32_t(_mm_movemask_epi8(eq))) << (16 * k); };
            m.quote |= bitsOf(_mm_cmpeq_epi8(v, quote));
            m.backslash |= bitsOf(_mm_cmpeq_epi8(v, slash));
            m.open |= bitsOf(_mm_cmpeq_epi8(f, open));
            m.close |= bitsOf(_mm_cmpeq_epi8(f, close));
        }
        return m;
    }

    /// Each bit set from a set bit up to the next one, exclusive (the bytes inside quotes, opening quote included).
    static inline uint64_t prefix_xor(uint64_t x) {
        x ^= x << 1; x ^= x << 2; x ^= x << 4; x ^= x << 8; x ^= x << 16; x ^= x << 32;
        return x;
    }

    /// The characters escaped by a backslash, given the block's backslashes and whether the block before
    /// ended in an odd run of them (simdjson's stage 1, "find_escaped": a run starting on an even bit escapes
    /// the odd bits after it and the other way round).
    static inline uint64_t escaped_bits(uint64_t backslash, uint64_t &prev_escaped) {
        backslash &= ~prev_escaped;
        uint64_t follows_escape = backslash << 1 | prev_escaped;
        const uint64_t even = 0x5555555555555555ULL;
        uint64_t odd_starts = backslash & ~even & ~follows_escape;
        uint64_t even_starts;
        prev_escaped = __builtin_add_overflow(odd_starts, backslash, &even_starts) ? 1 : 0;
        return (even ^ (even_starts << 1)) & follows_escape;
    }

    /// `value_end` for an object or array at `p`, 64 bytes a step: quotes (less escaped ones) give the bytes
    /// inside strings as one mask, and only the brackets outside them are counted. A value is most of a
    /// callRecord's bytes, and a string at a time (a `memchr` per key and value) was the serial splitter's
    /// largest cost, on the importing thread that the parsing threads wait for.
    size_t container_end(size_t p, const char *&why) {
        size_t l = lim(), i = p, depth = 0;
        uint64_t in_string = 0, prev_escaped = 0;
        alignas(16) uint8_t tail[64];
        while (i < l) {
            const uint8_t *b = bytes + i;
            if (l - i < 64) {
                // Spaces after the end: nothing that is counted, and nothing read past what may be scanned.
                std::memset(tail, ' ', sizeof tail);
                std::memcpy(tail, b, l - i);
                b = tail;
            }
            Block m = block(b);
            uint64_t quotes = m.quote & ~escaped_bits(m.backslash, prev_escaped);
            uint64_t inside = prefix_xor(quotes) ^ in_string;
            in_string = uint64_t(int64_t(inside) >> 63);
            uint64_t open = m.open & ~inside, close = m.close & ~inside;
            for (uint64_t hits = open | close; hits; hits &= hits - 1) {
                int k = __builtin_ctzll(hits);
                if (open >> k & 1) {
                    if (++depth > CSJ_MAX_DEPTH) { why = "nesting deeper than 1024 levels"; return 0; }
                } else if (--depth == 0) {
                    return i + size_t(k) + 1;
                }
            }
            i += 64;
        }
        at_end(l);
        why = in_string ? "truncated: a string has no closing quote" : "truncated: an object or array is not closed";
        return 0;
    }
#endif

    /// `container_end` a quote or bracket at a time, where there is no SSE2: the loop it replaced, against which
    /// it was checked on 900,000 generated records (a harness kept outside the repo; GraphSplitterTests hold).
    size_t container_end_bytewise(size_t p, const char *&why) {
        size_t depth = 0;
        size_t i = p;
        while (!at_end(i)) {
            i = next_structural(i);
            if (at_end(i)) break;
            uint8_t b = bytes[i];
            if (b == '"') {
                size_t e = string_end(i);
                if (!e) { why = "truncated: a string has no closing quote"; return 0; }
                i = e;
                continue;
            }
            if (b == '{' || b == '[') {
                if (++depth > CSJ_MAX_DEPTH) { why = "nesting deeper than 1024 levels"; return 0; }
            } else if (b == '}' || b == ']') {
                if (--depth == 0) return i + 1;
            }
            i++;
        }
        why = "truncated: an object or array is not closed";
        return 0;
    }

    /// The end of the JSON value starting at `p`, or 0 with `why` set.
    size_t value_end(size_t p, const char *&why) {
        uint8_t c = bytes[p];
        if (c == '"') {
            size_t e = string_end(p);
            if (!e) why = "truncated: a string has no closing quote";
            return e;
        }
        if (c == '{' || c == '[') {
#ifdef __SSE2__
            return container_end(p, why);
#else
            return container_end_bytewise(p, why);
#endif
        }
        if (c == '}' || c == ']' || c == ',' || c == ':') { why = "a value is missing"; return 0; }
        size_t i = p;
        while (!at_end(i) && !is_ws(bytes[i]) && bytes[i] != ',' && bytes[i] != '}' && bytes[i] != ']') i++;
        return i;
    }

    /// Checks a page member's value (or key) with simdjson: the page's members are not records, but a
    /// page with a broken "@odata.nextLink" is still not JSON.
    bool valid(size_t from, size_t to) {
        size_t n = to - from;
        if (n + simdjson::SIMDJSON_PADDING > scratch_capacity) {
            size_t want = n + simdjson::SIMDJSON_PADDING + 4096;
            uint8_t *b = static_cast<uint8_t *>(std::realloc(scratch, want));
            if (!b) return false;
            scratch = b;
            scratch_capacity = want;
        }
        std::memcpy(scratch, bytes + from, n);
        std::memset(scratch + n, 0, simdjson::SIMDJSON_PADDING);
        return validator.parse(scratch, n, false).error() == simdjson::SUCCESS;
    }

    int fail(csj_error *e, const char *message, bool shape = false) {
        std::snprintf(e->message, sizeof e->message, "%s", message);
        e->line = lines ? line : 0;
        e->container = container;
        e->index = (mode == Mode::InArray || mode == Mode::InPage) ? index : -1;
        e->offset = pos;
        e->shape = shape;
        if (lines) {
            pos = doc_end;
            mode = Mode::NextLine;
        } else {
            mode = Mode::Done;
        }
        return -1;
    }

    /// Decides between one document and JSON Lines: JSON Lines when the first value ends on the first line
    /// and more follows it. Decided from the bytes in memory: a first value that runs past `decide_bytes`
    /// without a line break is taken as one document (a minified page need not be in memory whole).
    static constexpr size_t decide_bytes = 16u << 20;

    int start(csj_error *e) {
        doc_end = length;
        pos = 0;
        if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) pos = 3;
        skip_ws();
        if (starved) return 0;
        if (pos == length) return fail(e, "the file holds no JSON (it is empty or blank)");
        size_t first = pos;
        // The first value can only be a line of JSON Lines if it ends before the first line break.
        const void *nl = std::memchr(bytes + first, '\n', avail - first);
        if (!nl && avail < length && avail - first < decide_bytes) { starved = true; return 0; }
        if (nl) doc_end = size_t(static_cast<const uint8_t *>(nl) - bytes);
        else if (avail < length) doc_end = avail;  // longer than decide_bytes on one line: one document
        const char *why = nullptr;
        size_t end = value_end(first, why);
        starved = false;  // a value cut off at the line break or the look-ahead is simply not a line
        doc_end = length;
        if (end) {
            size_t after = end;
            while (after < avail && is_ws(bytes[after])) after++;
            if (after == avail && avail < length) { starved = true; return 0; }
            if (after < length) {
                lines = true;
                pos = 0;
                mode = Mode::NextLine;
                return 0;
            }
        }
        doc_start = first;
        mode = Mode::DocStart;
        return 0;
    }

    /// The next non-blank line as the document, or Done.
    void next_line() {
        while (pos < length) {
            size_t start = pos;
            const void *nl = std::memchr(bytes + start, '\n', avail - start);
            if (!nl && avail < length) { starved = true; return; }
            size_t end = nl ? size_t(static_cast<const uint8_t *>(nl) - bytes) : length;
            line++;
            pos = end < length ? end + 1 : length;
            size_t i = start;
            while (i < end && is_ws(bytes[i])) i++;
            if (i == end) continue;
            doc_start = i;
            doc_end = end;
            pos = i;
            mode = Mode::DocStart;
            return;
        }
        mode = Mode::Done;
    }

    /// After the document's value: only white space may follow, up to the end of the document.
    int doc_end_check(csj_error *e) {
        skip_ws();
        if (!at_end(pos)) return fail(e, lines ? "more than one JSON value on the line" : "text after the end of the JSON document");
        if (lines) {
            pos = doc_end < length ? doc_end + 1 : length;
            mode = Mode::NextLine;
        } else {
            mode = Mode::Done;
        }
        return 0;
    }

    /// At a document's first byte: an array of records, a page, or one record.
    int doc_start_step(csj_record *out, csj_error *e) {
        pos = doc_start;
        container = CSJ_WHOLE;
        index = 0;
        uint8_t c = bytes[pos];
        if (c == '[') {
            container = CSJ_ARRAY;
            mode = Mode::InArray;
            first_element = true;
            pos++;
            return 0;
        }
        const char *why = nullptr;
        if (c != '{') {
            size_t end = value_end(pos, why);
            if (!end) return fail(e, why);
            if (!valid(pos, end)) return fail(e, "not a JSON value");
            return fail(e, "expected a callRecord, an array of them or a {\"value\": [...]} page", true);
        }
        // An object: a page if one of its members is "value" holding an array, else a record. Scan its
        // members (keys and value bounds) to find out; the values are checked by simdjson either way.
        size_t object_start = pos;
        size_t p = pos + 1;
        size_t checked[64][2];
        size_t nchecked = 0;
        for (bool first = true;; first = false) {
            pos = p;
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: an object or array is not closed");
            if (bytes[pos] == '}' && first) { p = pos + 1; break; }
            if (bytes[pos] != '"') return fail(e, "expected a member name in quotes");
            size_t key_end = string_end(pos);
            if (!key_end) return fail(e, "truncated: a string has no closing quote");
            bool is_value = key_end - pos == 7 && std::memcmp(bytes + pos, "\"value\"", 7) == 0;
            size_t key_start = pos;
            pos = key_end;
            skip_ws();
            if (at_end(pos) || bytes[pos] != ':') return fail(e, "expected ':' after a member name");
            pos++;
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: a member has no value");
            if (is_value && bytes[pos] == '[') {
                for (size_t k = 0; k < nchecked; k++) {
                    if (!valid(checked[k][0], checked[k][1])) {
                        pos = checked[k][0];
                        return fail(e, "a member of the page is not valid JSON");
                    }
                }
                if (!valid(key_start, key_end)) return fail(e, "a member name is not valid JSON");
                container = CSJ_PAGE;
                mode = Mode::InPage;
                first_element = true;
                pos++;
                return 0;
            }
            size_t end = value_end(pos, why);
            if (!end) return fail(e, why);
            if (nchecked < 64) {
                checked[nchecked][0] = key_start;
                checked[nchecked][1] = key_end;
                nchecked++;
            }
            if (nchecked < 64) {
                checked[nchecked][0] = pos;
                checked[nchecked][1] = end;
                nchecked++;
            }
            pos = end;
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: an object or array is not closed");
            if (bytes[pos] == '}') { p = pos + 1; break; }
            if (bytes[pos] != ',') return fail(e, "expected ',' or '}' after a member");
            p = pos + 1;
        }
        // One record: the whole object.
        out->start = object_start;
        out->length = p - object_start;
        out->index = 0;
        out->container = CSJ_WHOLE;
        out->line = lines ? line : 0;
        pos = p;
        mode = Mode::DocEnd;
        return 1;
    }

    /// The next element of the records array (top-level or the page's), or the array's end.
    int element_step(csj_record *out, csj_error *e) {
        skip_ws();
        if (at_end(pos)) return fail(e, "truncated: the array of records is not closed");
        if (bytes[pos] == ']' && first_element) {
            pos++;
            mode = mode == Mode::InPage ? Mode::AfterPage : Mode::DocEnd;
            return 0;
        }
        if (!first_element) {
            if (bytes[pos] == ']') {
                pos++;
                mode = mode == Mode::InPage ? Mode::AfterPage : Mode::DocEnd;
                return 0;
            }
            if (bytes[pos] != ',') return fail(e, "expected ',' or ']' after a record");
            pos++;
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: the array of records is not closed");
        }
        const char *why = nullptr;
        size_t end = value_end(pos, why);
        if (!end) return fail(e, why);
        out->start = pos;
        out->length = end - pos;
        out->index = index;
        out->container = container;
        out->line = lines ? line : 0;
        index++;
        first_element = false;
        pos = end;
        return 1;
    }

    /// The page's members after "value", up to its closing brace.
    int after_page_step(csj_error *e) {
        const char *why = nullptr;
        for (;;) {
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: the page object is not closed");
            if (bytes[pos] == '}') { pos++; mode = Mode::DocEnd; return 0; }
            if (bytes[pos] != ',') return fail(e, "expected ',' or '}' after a member");
            pos++;
            skip_ws();
            if (at_end(pos) || bytes[pos] != '"') return fail(e, "expected a member name in quotes");
            size_t key_end = string_end(pos);
            if (!key_end) return fail(e, "truncated: a string has no closing quote");
            if (!valid(pos, key_end)) return fail(e, "a member name is not valid JSON");
            pos = key_end;
            skip_ws();
            if (at_end(pos) || bytes[pos] != ':') return fail(e, "expected ':' after a member name");
            pos++;
            skip_ws();
            if (at_end(pos)) return fail(e, "truncated: a member has no value");
            size_t end = value_end(pos, why);
            if (!end) return fail(e, why);
            if (!valid(pos, end)) return fail(e, "a member of the page is not valid JSON");
            pos = end;
        }
    }

    /// What a step may change, so that a step that ran out of bytes in memory can be undone and redone.
    struct State {
        size_t pos, doc_end, doc_start;
        int64_t line, index;
        Mode mode;
        int32_t container;
        bool first_element, lines;
    };
    State save() const { return {pos, doc_end, doc_start, line, index, mode, container, first_element, lines}; }
    void restore(const State &t) {
        pos = t.pos; doc_end = t.doc_end; doc_start = t.doc_start; line = t.line; index = t.index;
        mode = t.mode; container = t.container; first_element = t.first_element; lines = t.lines;
    }

    int next(csj_record *out, csj_error *e) {
        for (;;) {
            int r = 0;
            State before = save();
            starved = false;
            switch (mode) {
            case Mode::Start: r = start(e); break;
            case Mode::NextLine: next_line(); break;
            case Mode::DocStart: r = doc_start_step(out, e); break;
            case Mode::InArray:
            case Mode::InPage: r = element_step(out, e); break;
            case Mode::AfterPage: r = after_page_step(e); break;
            case Mode::DocEnd: r = doc_end_check(e); break;
            case Mode::Done: return 0;
            }
            if (starved) {
                restore(before);
                starved = false;
                return 2;
            }
            if (r != 0) return r;
        }
    }

    /// The first byte the splitter will read again.
    size_t keep_from() const { return mode == Mode::DocStart && doc_start < pos ? doc_start : pos; }
};

extern "C" csj_splitter *csj_split_new(const uint8_t *bytes, size_t length) {
    csj_splitter *s = new (std::nothrow) csj_splitter();
    if (!s) return nullptr;
    s->bytes = bytes;
    s->length = length;
    s->avail = length;
    return s;
}

extern "C" void csj_split_free(csj_splitter *s) {
    if (!s) return;
    std::free(s->scratch);
    delete s;
}

extern "C" int csj_split_next(csj_splitter *s, csj_record *out, csj_error *error) {
    return s->next(out, error);
}

extern "C" void csj_split_feed(csj_splitter *s, size_t avail) { s->avail = avail < s->length ? avail : s->length; }

extern "C" size_t csj_split_position(const csj_splitter *s) { return s->keep_from(); }

extern "C" int csj_split_is_lines(const csj_splitter *s) { return s->lines; }
