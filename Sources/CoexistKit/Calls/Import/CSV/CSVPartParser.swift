/// Parses the rows of one part of a CSV file, straight from its bytes, into a staging store.
///
/// The hot loop makes no `String` and no array per row: a record is split into (pointer, length)
/// fields (`CSVRecordFields`), numbers and dates are parsed in place, enum values go through a tiny
/// per-column cache of raw-byte hashes, dictionary strings are interned from their bytes (with a
/// last-value cache, since consecutive rows often share a call, a subnet or a device), and the stream
/// goes into the store's columns through a `StreamSink`.
struct CSVPartParser {
    let base: UnsafePointer<UInt8>
    /// Per header position: the `CSVColumn` raw value, or -1 for an ignored column.
    let layout: [Int]
    /// Per `CSVColumn` raw value: the field the current row reads for it, or -1. One of the two side
    /// tables (`CSVSides`), chosen per row from `First Is Server`, so the decoders never dispatch on it.
    var columnField: UnsafeMutablePointer<Int>
    let sides: CSVSides
    /// Per row: the stream's identity (`StreamIdentity`), in row order, for the duplicate check.
    var identities = IdentityBuffer()
    /// The identity of the row `decodeKnown` just decoded.
    var rowIdentity: UInt64 = 0
    private(set) var record: CSVRecordFields
    let headerNames: [String]
    let file: String
    let policy: ImportErrorPolicy

    var store = CallStore()
    var report = ImportReport()
    var firstError: CallImportError?
    /// Newlines consumed, so an error's line is `lineOffset + this`.
    var lines = 0
    /// Where the last parsed record ended.
    var endPosition = 0

    // Per-column caches as raw buffers: as arrays in a mutating method each write paid a uniqueness check.
    let enumKeys: UnsafeMutablePointer<UInt64>
    let enumValues: UnsafeMutablePointer<UInt8>
    let enumCounts: UnsafeMutablePointer<Int>
    let directKeys: UnsafeMutablePointer<UInt64>
    let directValues: UnsafeMutablePointer<UInt8>
    /// An empty slot of `directValues` (enum raw values are small).
    static let noValue: UInt8 = 0xFF
    let lastPointer: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    let lastLength: UnsafeMutablePointer<Int>
    let lastCode: UnsafeMutablePointer<UInt32>
    /// The byte hash of the last value, for the columns looked up through `finishLookup` (the call and
    /// the users), which the identity reuses.
    let lastHash: UnsafeMutablePointer<UInt64>
    static let cacheWays = 16
    /// End of the bytes being parsed: a word load for a short field must not read past it.
    private(set) var fileEnd: UnsafePointer<UInt8>

    init(base: UnsafePointer<UInt8>, layout: [Int], headerNames: [String], file: String, policy: ImportErrorPolicy) {
        self.base = base
        self.layout = layout
        self.headerNames = headerNames
        self.file = file
        self.policy = policy
        fileEnd = base
        let n = CSVColumn.allCases.count
        enumKeys = .allocate(capacity: n * Self.cacheWays)
        enumValues = .allocate(capacity: n * Self.cacheWays)
        enumCounts = .allocate(capacity: n)
        enumCounts.initialize(repeating: 0, count: n)
        directKeys = .allocate(capacity: n * Self.cacheWays)
        directKeys.initialize(repeating: 0, count: n * Self.cacheWays)
        directValues = .allocate(capacity: n * Self.cacheWays)
        directValues.initialize(repeating: Self.noValue, count: n * Self.cacheWays)
        lastPointer = .allocate(capacity: n)
        lastPointer.initialize(repeating: nil, count: n)
        lastLength = .allocate(capacity: n)
        lastLength.initialize(repeating: -1, count: n)
        lastCode = .allocate(capacity: n)
        lastCode.initialize(repeating: 0, count: n)
        lastHash = .allocate(capacity: n)
        lastHash.initialize(repeating: 0, count: n)
        sides = CSVSides(layout: layout, headerNames: headerNames)
        columnField = sides.first
        record = CSVRecordFields(base: base, capacity: layout.count)
    }

    /// Frees the scratch buffers; the parser is a struct (so its store moves out cheaply), hence no deinit.
    func release() {
        record.release()
        sides.release()
        identities.release()
        enumKeys.deallocate()
        enumValues.deallocate()
        enumCounts.deallocate()
        directKeys.deallocate()
        directValues.deallocate()
        lastPointer.deallocate()
        lastLength.deallocate()
        lastCode.deallocate()
        lastHash.deallocate()
    }

    /// Rows between progress callbacks: about 3 ms of parsing, so reports can come 10 times a second
    /// while the check costs one decrement per row.
    static let progressRows = 16384

    /// Parses records that start before `stopAt`; a record may run on to `end`. `progress` gets the
    /// position and the rows imported so far, every `progressRows` rows.
    ///
    /// `more`: bytes past `end` are still being read (`CSVPipelinedImport`). A record that reaches `end` is
    /// then left unparsed, `endPosition` at its start, to be parsed by the next call with a later `end`:
    /// a record split short of `end` read no byte at or past it, so each row comes out as it would from
    /// the whole file. `expectedEnd` sizes the columns once for the whole part instead of once per call.
    mutating func run(from: Int, stopAt: Int, end: Int, lineOffset: Int, more: Bool = false, expectedEnd: Int? = nil,
                      progress: ((Int, Int) -> Void)? = nil) {
        var pos = from
        var untilProgress = Self.progressRows
        let fieldCount = layout.count
        fileEnd = base + end
        let reserve = max(expectedEnd ?? stopAt, stopAt) - from
        var sink = store.openSink(minimumCapacity: store.count + min(reserve / 120 + 16, 50_000_000))
        defer { sink.close(into: &store) }
        while pos < stopAt {
            // Blank line (or the trailing newline): skip.
            if base[pos] == 10 || base[pos] == 13 {
                // A CR last of the bytes read: whether an LF follows decides how many lines it ends.
                if more && base[pos] == 13 && pos + 1 >= end { endPosition = pos; return }
                if base[pos] == 13 && pos + 1 < end && base[pos + 1] == 10 { pos += 1 }
                pos += 1
                lines += 1
                endPosition = pos
                continue
            }
            let rowLine = lineOffset + lines + 1
            let rowStart = pos
            let linesBefore = lines
            pos = record.split(from: pos, end: end, lines: &lines)
            if more && pos >= end {
                lines = linesBefore
                record.rewind(to: rowStart)
                endPosition = rowStart
                return
            }
            endPosition = pos
            var e = EncodedStream()
            if record.count != fieldCount || record.quoteError != nil || pos &- rowStart > RegularFile.maxLineBytes || !decodeKnown(&e) {
                let failure = rowError(line: rowLine, length: pos - rowStart)
                report.recordSkip(failure)
                if policy == .strict {
                    firstError = failure
                    return
                }
                continue
            }
            if sink.isFull {
                sink.close(into: &store)
                sink = store.openSink(minimumCapacity: sink.capacity * 2)
            }
            sink.append(&e)
            identities.append(rowIdentity)
            report.imported += 1
            untilProgress &-= 1
            if untilProgress == 0 {
                untilProgress = Self.progressRows
                progress?(pos, report.imported)
            }
        }
    }

    /// Why the record just split is bad, as a reader of the line would find it: the first bad field in
    /// header order, else a field count that differs from the header's, else an empty required field.
    private mutating func rowError(line: Int, length: Int) -> CallImportError {
        let fieldCount = layout.count
        if length > RegularFile.maxLineBytes {
            return CallImportError(file: file, line: line,
                                   message: "the record is \(length) bytes, past the longest an import reads (\(RegularFile.maxLineBytes) bytes, 1 MiB); is a closing quote missing?")
        }
        let seen = min(record.count, fieldCount)
        var e = EncodedStream()
        // The side table the fast path used: a bad `First Is Server` is named below, in header order.
        var table = sides.first
        if sides.firstIsServerField >= 0 && sides.firstIsServerField < seen && record.quoteError == nil {
            let f = record.field(sides.firstIsServerField, fileEnd: fileEnd)
            if enumValue(.firstIsServer, f, CSVSides.serverValue) == 1 { table = sides.second }
        }
        for i in 0..<seen {
            if let q = record.quoteError, q.field == i {
                let value = String(decoding: UnsafeBufferPointer(start: base + q.start, count: q.length), as: UTF8.self)
                return CallImportError(file: file, line: line, field: headerNames[i], value: value,
                                       message: "\(q.message)")
            }
            let f = record.field(i, fileEnd: fileEnd)
            for column in CSVColumn.allCases where table[column.rawValue] == i && sides.isDecoded(column) {
                if let message = apply(column, f, &e) {
                    let value = String(decoding: UnsafeBufferPointer(start: f.p, count: f.n), as: UTF8.self)
                    return CallImportError.field(file: file, line: line, column: headerNames[i], value: value,
                                                 message: "\(message)")
                }
            }
        }
        if record.count != fieldCount {
            return CallImportError(file: file, line: line,
                                   message: "expected \(fieldCount) fields as in the header, found \(record.count)")
        }
        let columnField = sides.first
        for which in CSVColumn.required where columnField[which.rawValue] < 0 || record.field(columnField[which.rawValue], fileEnd: fileEnd).n == 0 {
            let name = layout.firstIndex(of: which.rawValue).map { headerNames[$0] } ?? which.name
            return CallImportError(file: file, line: line, field: name, message: "is empty")
        }
        // Not reached: the fast path refuses only what one of the checks above names.
        return CallImportError(file: file, line: line, message: "could not be decoded")
    }
}
