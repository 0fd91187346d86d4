// One simdjson DOM per record, with buffers reused from record to record (see CSimdjson.h).
#include "CSimdjson.h"

#include <simdjson.h>
#include <cstring>
#include <new>

struct csj_parser {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    // Our own padded copy: simdjson reads up to SIMDJSON_PADDING bytes past the end, which a mapping's last
    // page (or the fuzzer's exact-size buffer) does not have.
    uint8_t *buffer = nullptr;
    size_t capacity = 0;
};

extern "C" csj_parser *csj_parser_new(void) {
    return new (std::nothrow) csj_parser();
}

extern "C" void csj_parser_free(csj_parser *p) {
    if (!p) return;
    std::free(p->buffer);
    delete p;
}

extern "C" int csj_parse(csj_parser *p, const uint8_t *bytes, size_t length, csj_tape *out) {
    if (length + simdjson::SIMDJSON_PADDING > p->capacity) {
        size_t want = length + simdjson::SIMDJSON_PADDING;
        if (want < 64 * 1024) want = 64 * 1024;
        uint8_t *b = static_cast<uint8_t *>(std::realloc(p->buffer, want));
        if (!b) return simdjson::MEMALLOC;
        p->buffer = b;
        p->capacity = want;
    }
    if (length) std::memcpy(p->buffer, bytes, length);
    std::memset(p->buffer + length, 0, simdjson::SIMDJSON_PADDING);
    auto result = p->parser.parse(p->buffer, length, false);
    simdjson::error_code e = result.error();
    if (e) return int(e);
    result.get(p->root);
    // The parser's document holds the tape; tape[0] is the root word, tape[1] the record.
    out->tape = p->parser.doc.tape.get();
    out->strings = p->parser.doc.string_buf.get();
    return 0;
}

extern "C" const char *csj_error_message(int code) {
    return simdjson::error_message(simdjson::error_code(code));
}
