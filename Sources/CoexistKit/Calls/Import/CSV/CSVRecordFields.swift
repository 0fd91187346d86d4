import CHotPaths

/// The fields of one CSV record, split before any is decoded, so that the decoder can go straight to
/// the columns it knows (see `CSVPartParser.decodeKnown`) instead of dispatching on every field.
///
/// Splitting walks a delimiter index that C fills a block at a time (`coexist_csv_delimiters`), so
/// finding a field's end is one load, not a scan.
///
/// A field is a (pointer, length) into the file, or into `scratch` when it was quoted (RFC 4180: the
/// quotes removed, doubled quotes made single). Scratch offsets are turned into pointers only once the
/// record is split, since the scratch buffer may grow while a later field is copied into it.
struct CSVRecordFields {
    /// Fields the header names; any beyond are counted but not kept.
    let capacity: Int
    private(set) var count = 0
    private let starts: UnsafeMutablePointer<Int>
    private let lengths: UnsafeMutablePointer<Int>
    private let quotedFlags: UnsafeMutablePointer<Bool>
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 4096
    private var scratchUsed = 0
    private let base: UnsafePointer<UInt8>
    private var cursor: DelimiterCursor

    /// A quoted field that was not closed, or had text after its closing quote: the first one wins.
    private(set) var quoteError: (field: Int, message: StaticString, start: Int, length: Int)?

    init(base: UnsafePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
        starts = .allocate(capacity: max(capacity, 1))
        lengths = .allocate(capacity: max(capacity, 1))
        quotedFlags = .allocate(capacity: max(capacity, 1))
        scratch = .allocate(capacity: scratchCapacity)
        cursor = DelimiterCursor(base: base)
    }

    func release() {
        starts.deallocate()
        lengths.deallocate()
        quotedFlags.deallocate()
        scratch.deallocate()
        cursor.release()
    }

    /// Forgets what was found from `p` on, to split the record at `p` again once more bytes are read.
    mutating func rewind(to p: Int) { cursor.rewind(to: p) }

    /// Field `i` (below `count` and `capacity`). Valid until the next `split`.
    @inline(__always)
    func field(_ i: Int, fileEnd: UnsafePointer<UInt8>) -> CSVField {
        if quotedFlags[i] {
            let p = UnsafePointer(scratch + starts[i])
            return CSVField(p: p, n: lengths[i], quoted: true, wordSafe: p + 8 <= UnsafePointer(scratch + scratchCapacity))
        }
        let p = base + starts[i]
        return CSVField(p: p, n: lengths[i], quoted: false, wordSafe: p + 8 <= fileEnd)
    }

    /// Splits the record at `from`; returns where the next one starts. `lines` counts the newlines
    /// consumed (inside quotes, and the record's own line end).
    @inline(__always)
    mutating func split(from: Int, end: Int, lines: inout Int) -> Int {
        // The cursor and the buffers in locals: as properties of `self` every field's loads and
        // stores went through memory, a chain of store-to-load forwarding per delimiter.
        var cursor = self.cursor
        let base = self.base, starts = self.starts, lengths = self.lengths, flags = quotedFlags, capacity = self.capacity
        var newlines = 0
        var pos = from
        var field = 0
        scratchUsed = 0
        quoteError = nil
        while true {
            if pos < end && base[pos] == 34 {
                pos = quoted(at: pos, end: end, field: field, lines: &newlines)
            } else {
                // A quote inside an unquoted field is an ordinary character.
                var i = cursor.delimiter(atOrAfter: pos, end: end)
                while i < end && base[i] == 34 { i = cursor.delimiter(atOrAfter: i + 1, end: end) }
                if field < capacity {
                    starts[field] = pos
                    lengths[field] = i - pos
                    flags[field] = false
                }
                pos = i
            }
            field += 1
            if pos >= end { break }
            if base[pos] == 44 { pos += 1; continue }
            if base[pos] == 13 && pos + 1 < end && base[pos + 1] == 10 { pos += 1 }
            pos += 1
            newlines += 1
            break
        }
        self.cursor = cursor
        lines += newlines
        count = field
        return pos
    }

    private mutating func quoted(at pos: Int, end: Int, field: Int, lines: inout Int) -> Int {
        let offset = scratchUsed
        var w = offset
        var i = pos + 1
        var closed = false
        // A lost closing quote would otherwise copy the rest of the file into `scratch`.
        let limit = min(end, pos + RegularFile.maxLineBytes + 1)
        while i < limit {
            let c = base[i]
            if c == 34 {
                if i + 1 < end && base[i + 1] == 34 { ensureScratch(w + 1); scratch[w] = 34; w += 1; i += 2; continue }
                closed = true
                i += 1
                break
            }
            if c == 10 { lines += 1 }
            ensureScratch(w + 1)
            scratch[w] = c
            w += 1
            i += 1
        }
        scratchUsed = w
        if field < capacity {
            starts[field] = offset
            lengths[field] = w - offset
            quotedFlags[field] = true
        }
        var next = i
        if !closed || (next < end && base[next] != 44 && base[next] != 10 && base[next] != 13) {
            if quoteError == nil {
                quoteError = (min(field, capacity - 1),
                              closed ? "text after a closing quote" : i == limit && limit < end ? "quoted field longer than 1 MiB, the longest record an import reads (is a closing quote missing?)" : "unterminated quoted field",
                              pos, min(i - pos, 80))
            }
            while next < end && base[next] != 10 && base[next] != 44 { next += 1 }
        }
        return next
    }

    private mutating func ensureScratch(_ n: Int) {
        if n <= scratchCapacity { return }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity * 2)
        bigger.initialize(from: scratch, count: scratchCapacity)
        scratch.deallocate()
        scratch = bigger
        scratchCapacity *= 2
    }

}

/// Walks the delimiter index of a part, filling it a block at a time from C (`coexist_csv_delimiters`).
struct DelimiterCursor {
    static let blockSize = 16384
    let base: UnsafePointer<UInt8>
    /// Offsets from `blockStart` of the delimiters in [blockStart, scanned).
    let index: UnsafeMutablePointer<UInt32>
    var next = 0
    var count = 0
    var blockStart = 0
    var scanned = 0

    init(base: UnsafePointer<UInt8>) {
        self.base = base
        index = .allocate(capacity: Self.blockSize)
    }

    func release() { index.deallocate() }

    /// The index from `p` on is built again at the next call: it was built against fewer bytes.
    mutating func rewind(to p: Int) {
        next = 0
        count = 0
        blockStart = p
        scanned = p
    }

    /// The first ',', '\n', '\r' or '"' at or after `p`, or `end`. Positions are asked in increasing
    /// order within a part, so each entry of the index is passed once.
    @inline(__always)
    mutating func delimiter(atOrAfter p: Int, end: Int) -> Int {
        while true {
            while next < count {
                let d = blockStart + Int(index[next])
                next += 1
                if d >= p { return d }
            }
            // No delimiter in [p, scanned): scan on.
            if scanned >= end { return end }
            scan(from: max(p, scanned), end: end)
        }
    }

    private mutating func scan(from: Int, end: Int) {
        blockStart = from
        let n = min(Self.blockSize, end - from)
        count = n > 0 ? coexist_csv_delimiters(base + from, n, index) : 0
        next = 0
        scanned = from + n
    }
}

/// One field's bytes. `wordSafe`: eight bytes can be loaded at `p` without reading past the file or the
/// scratch buffer, so a short value can be hashed as one masked word.
struct CSVField {
    let p: UnsafePointer<UInt8>
    let n: Int
    let quoted: Bool
    let wordSafe: Bool
}
