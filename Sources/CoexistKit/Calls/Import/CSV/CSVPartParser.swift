#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the rows of one part of a CSV file, straight from its bytes, into a staging store.
///
/// The hot loop makes no `String` and no array per row: fields are (pointer, length) pairs into the
/// file, numbers and dates are parsed in place, enum values go through a tiny per-column cache of
/// raw-byte hashes, and dictionary strings are interned from their bytes (with a last-value cache,
/// since consecutive rows often share a call, a subnet or a device).
struct CSVPartParser {
    let base: UnsafePointer<UInt8>
    /// Per header position: the `CSVColumn` raw value, or -1 for an ignored column.
    let layout: [Int]
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

    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 4096
    private var enumKeys: UnsafeMutablePointer<UInt64>
    private var enumValues: UnsafeMutablePointer<UInt8>
    private var enumCounts: [Int]
    private var lastPointer: [UnsafePointer<UInt8>?]
    private var lastLength: [Int]
    private var lastCode: [UInt32]
    static let cacheWays = 16
    /// End of the bytes being parsed: a word load for a short field must not read past it.
    private var fileEnd: UnsafePointer<UInt8>

    init(base: UnsafePointer<UInt8>, layout: [Int], headerNames: [String], file: String, policy: ImportErrorPolicy) {
        self.base = base
        self.layout = layout
        self.headerNames = headerNames
        self.file = file
        self.policy = policy
        scratch = .allocate(capacity: scratchCapacity)
        fileEnd = base
        let n = CSVColumn.allCases.count
        enumKeys = .allocate(capacity: n * Self.cacheWays)
        enumValues = .allocate(capacity: n * Self.cacheWays)
        enumCounts = Array(repeating: 0, count: n)
        lastPointer = Array(repeating: nil, count: n)
        lastLength = Array(repeating: -1, count: n)
        lastCode = Array(repeating: 0, count: n)
    }

    /// Frees the scratch buffers; the parser is a struct (so its store moves out cheaply), hence no deinit.
    func release() {
        scratch.deallocate()
        enumKeys.deallocate()
        enumValues.deallocate()
    }

    /// Rows between progress callbacks: about 3 ms of parsing, so reports can come 10 times a second
    /// while the check costs one decrement per row.
    static let progressRows = 16384

    /// Parses records that start before `stopAt`; a record may run on to `end`. `progress` gets the
    /// position and the rows imported so far, every `progressRows` rows.
    mutating func run(from: Int, stopAt: Int, end: Int, lineOffset: Int, progress: ((Int, Int) -> Void)? = nil) {
        var pos = from
        var untilProgress = Self.progressRows
        let fieldCount = layout.count
        fileEnd = base + end
        store.reserve(min((stopAt - from) / 120 + 16, 50_000_000))
        while pos < stopAt {
            let rowLine = lineOffset + lines + 1
            let rowStart = pos
            var e = EncodedStream()
            var errorColumn = -1
            var errorMessage: StaticString = ""
            var errorStart = 0, errorLength = 0
            var errorQuoted = false
            var sawCall = false, sawStart = false, sawModality = false
            var field = 0
            var atEnd = false
            // Blank line (or the trailing newline): skip.
            if base[pos] == 10 || base[pos] == 13 {
                if base[pos] == 13 && pos + 1 < end && base[pos + 1] == 10 { pos += 1 }
                pos += 1
                lines += 1
                endPosition = pos
                continue
            }
            while !atEnd {
                var fs = pos
                var fn = 0
                var fp = base + pos
                var quoted = false
                if pos < end && base[pos] == 34 {
                    quoted = true
                    var w = 0
                    var i = pos + 1
                    var closed = false
                    while i < end {
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
                    fp = UnsafePointer(scratch)
                    fn = w
                    fs = pos
                    pos = i
                    if (!closed || (pos < end && base[pos] != 44 && base[pos] != 10 && base[pos] != 13)) && errorColumn < 0 {
                        errorColumn = field < fieldCount ? field : fieldCount - 1
                        errorMessage = closed ? "text after a closing quote" : "unterminated quoted field"
                        errorStart = fs; errorLength = min(i - fs, 80); errorQuoted = false
                        while pos < end && base[pos] != 10 && base[pos] != 44 { pos += 1 }
                    }
                } else {
                    let i = Self.fieldEnd(base, pos, end)
                    fn = i - pos
                    fp = base + pos
                    pos = i
                }
                if field < fieldCount && errorColumn < 0 {
                    let col = layout[field]
                    if col >= 0 {
                        let column = CSVColumn(rawValue: col)!
                        if fn > 0 {
                            switch column {
                            case .callId: sawCall = true
                            case .start: sawStart = true
                            case .modality: sawModality = true
                            default: break
                            }
                        }
                        if let message = apply(column, fp, fn, &e, cacheable: !quoted) {
                            errorColumn = field
                            errorMessage = message
                            errorStart = quoted ? 0 : fs
                            errorLength = fn
                            errorQuoted = quoted
                        }
                    }
                }
                field += 1
                if pos >= end { atEnd = true }
                else if base[pos] == 44 { pos += 1 }
                else {
                    if base[pos] == 13 && pos + 1 < end && base[pos + 1] == 10 { pos += 1 }
                    pos += 1
                    lines += 1
                    atEnd = true
                }
            }
            endPosition = pos
            var failure: CallImportError?
            if errorColumn >= 0 {
                let value = errorQuoted
                    ? String(decoding: UnsafeBufferPointer(start: scratch, count: errorLength), as: UTF8.self)
                    : String(decoding: UnsafeBufferPointer(start: base + errorStart, count: errorLength), as: UTF8.self)
                failure = CallImportError(file: file, line: rowLine, field: "column \(headerNames[errorColumn])",
                                          value: value, message: "\(errorMessage)")
            } else if field != fieldCount {
                failure = CallImportError(file: file, line: rowLine,
                                          message: "expected \(fieldCount) fields as in the header, found \(field)")
            } else if !sawCall || !sawStart || !sawModality {
                let which = !sawCall ? CSVColumn.callId : !sawStart ? .start : .modality
                let name = layout.firstIndex(of: which.rawValue).map { headerNames[$0] } ?? which.name
                failure = CallImportError(file: file, line: rowLine, field: "column \(name)", message: "is empty")
            }
            if let failure {
                _ = rowStart
                report.skipped += 1
                if report.skipReasons.count < ImportReport.maxReasons { report.skipReasons.append(failure) }
                if policy == .strict {
                    firstError = failure
                    return
                }
                continue
            }
            store.appendEncoded(e)
            report.imported += 1
            untilProgress &-= 1
            if untilProgress == 0 {
                untilProgress = Self.progressRows
                progress?(pos, report.imported)
            }
        }
    }

    /// The first ',', '\n' or '\r' at or after `from` (or `end`), eight bytes at a time: fields are
    /// short, so one word usually holds the whole field and its delimiter, where a byte loop would
    /// branch on every byte. Standard SWAR zero-byte test; a false positive can only sit above a true
    /// match in the word, so the lowest flagged byte is exact.
    @inline(__always)
    static func fieldEnd(_ base: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = from
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let comma = w ^ (ones &* 44), lf = w ^ (ones &* 10), cr = w ^ (ones &* 13)
            let hit = ((comma &- ones) & ~comma | (lf &- ones) & ~lf | (cr &- ones) & ~cr) & highs
            if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end {
            let c = base[i]
            if c == 44 || c == 10 || c == 13 { return i }
            i += 1
        }
        return end
    }

    private mutating func ensureScratch(_ n: Int) {
        if n <= scratchCapacity { return }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity * 2)
        bigger.initialize(from: scratch, count: scratchCapacity)
        scratch.deallocate()
        scratch = bigger
        scratchCapacity *= 2
    }

    /// Parses one field into the stream; returns a message when the value is bad.
    @inline(__always)
    private mutating func apply(_ column: CSVColumn, _ p: UnsafePointer<UInt8>, _ n: Int,
                                _ e: inout EncodedStream, cacheable: Bool) -> StaticString? {
        switch column {
        case .callId:
            e.call = interned(column, p, n, cacheable) { s, b in s.callIds.intern(b) }
        case .firstUser:
            e.firstUser = interned(column, p, n, cacheable) { s, b in s.users.intern(b) }
        case .secondUser:
            e.secondUser = interned(column, p, n, cacheable) { s, b in s.users.intern(b) }
        case .subnet:
            e.subnet = interned(column, p, n, cacheable) { s, b in s.internSubnet(b) }
        case .clientVersion:
            let c = interned(column, p, n, cacheable) { s, b in s.clientVersions.intern(b) }
            guard c <= UInt32(UInt16.max) else { return "too many distinct client versions (the limit is 65,536)" }
            e.clientVersion = UInt16(c)
        case .captureDevice:
            let c = interned(column, p, n, cacheable) { s, b in UInt32(s.internDevice(b) ?? UInt16.max) }
            guard c < UInt32(UInt16.max) else { return "too many distinct capture devices (the limit is 65,535)" }
            e.device = UInt16(c)
        case .failureReason:
            let c = interned(column, p, n, cacheable) { s, b in s.failureReasons.intern(b) }
            guard c <= 255 else { return "too many distinct failure reasons (the limit is 256)" }
            e.failureReason = UInt8(c)
        case .start:
            guard let t = ByteParsers.timestamp(p, n) else { return "bad date-time (want ISO 8601 or epoch seconds)" }
            guard t >= 0 && t <= Int64(UInt32.max) else { return "date-time outside 1970-2106" }
            e.start = UInt32(t)
        case .duration:
            if n == 0 || ByteParsers.isNull(p, n) { e.duration = 0xFFFF; return nil }
            guard let d = ByteParsers.decimal(p, n), d >= 0 else { return "bad duration (want seconds, 0 or more)" }
            e.duration = EncodedStream.durationCode(d)
        case .modality:
            guard let v = enumValue(column, p, n, { Modality.parse($0)?.rawValue }) else {
                return "bad modality (want audio, video, vbss or appsharing)"
            }
            e.modality = Modality(rawValue: v)!
        case .callType:
            guard let v = enumValue(column, p, n, { CallType.parse($0)?.rawValue }) else {
                return "bad call type (want p2p, conference or pstn)"
            }
            e.callType = CallType(rawValue: v)!
        case .product:
            guard let v = enumValue(column, p, n, { Product.parse($0)?.rawValue }) else {
                return "bad product (want teams or sfb)"
            }
            e.product = Product(rawValue: v)!
        case .direction:
            guard let v = enumValue(column, p, n, { StreamDirection.parse($0)?.rawValue }) else {
                return "bad direction (want first_to_second or second_to_first)"
            }
            e.direction = StreamDirection(rawValue: v)!
        case .connection:
            guard let v = enumValue(column, p, n, { NetworkConnection.parse($0)?.rawValue }) else {
                return "bad network connection (want wired, wifi, mobile, tunnel or other)"
            }
            e.connection = NetworkConnection(rawValue: v)!
        case .wifiBand:
            guard let v = enumValue(column, p, n, { WifiBand.parse($0)?.rawValue }) else {
                return "bad Wi-Fi band (want 2.4ghz, 5ghz or 60ghz)"
            }
            e.wifiBand = WifiBand(rawValue: v)!
        case .transport:
            guard let v = enumValue(column, p, n, { Transport.parse($0)?.rawValue }) else {
                return "bad transport (want udp or tcp)"
            }
            e.transport = Transport(rawValue: v)!
        case .ice:
            guard let v = enumValue(column, p, n, { IceConnectivity.parse($0)?.rawValue }) else {
                return "bad ICE connectivity (want direct, relay, http or failed)"
            }
            e.ice = IceConnectivity(rawValue: v)!
        case .vpn, .cdrAvailable, .setupFailed, .dropped:
            guard let b = ByteParsers.bool(p, n) else { return "bad Boolean (want 1/0 or true/false)" }
            switch column {
            case .vpn: e.vpn = b ?? false
            case .cdrAvailable: e.cdrAvailable = b ?? true
            case .setupFailed: e.setupFailed = e.setupFailed || (b ?? false)
            default: e.dropped = e.dropped || (b ?? false)
            }
        case .mediaFailureType:
            guard let v = enumValue(column, p, n, { k in
                switch k {
                case "callsetup": return 1
                case "midcall": return 2
                case "notmediafailure", "", "none": return 0
                default: return nil
                }
            }) else { return "bad media failure type (want CallSetup, Midcall or NotMediaFailure)" }
            if v == 1 { e.setupFailed = true } else if v == 2 { e.dropped = true }
        case .rating:
            guard let v = enumValue(column, p, n, { k in
                switch k {
                case "", "0", "notrated": return 0
                case "1", "bad": return 1
                case "2", "poor": return 2
                case "3", "fair": return 3
                case "4", "good": return 4
                case "5", "excellent": return 5
                default: return nil
                }
            }) else { return "bad rating (want 1 to 5, or empty)" }
            e.rating = v
        case .streamId:
            break
        default:
            let kind = column.metric!
            if n == 0 || ByteParsers.isNull(p, n) { e.metrics[kind] = nil; return nil }
            guard let v = ByteParsers.decimal(p, n), v.isFinite else { return "bad number" }
            guard v >= 0 else { return "negative value; metrics are 0 or more" }
            e.metrics[kind] = v
        }
        return nil
    }

    @inline(__always)
    private mutating func interned(_ column: CSVColumn, _ p: UnsafePointer<UInt8>, _ n: Int, _ cacheable: Bool,
                                   _ intern: (inout CallStore, UnsafeRawBufferPointer) -> UInt32) -> UInt32 {
        let c = column.rawValue
        if cacheable, lastLength[c] == n, let lp = lastPointer[c], n == 0 || memcmp(lp, p, n) == 0 {
            return lastCode[c]
        }
        let code = intern(&store, UnsafeRawBufferPointer(start: p, count: n))
        if cacheable {
            lastPointer[c] = p
            lastLength[c] = n
            lastCode[c] = code
        } else {
            lastLength[c] = -1
        }
        return code
    }

    @inline(__always)
    private mutating func enumValue(_ column: CSVColumn, _ p: UnsafePointer<UInt8>, _ n: Int,
                                    _ parse: (String) -> UInt8?) -> UInt8? {
        // Enum values are short: up to 8 bytes, the masked word times an odd constant (a bijection)
        // is the key, with no byte loop. Quoted fields sit at the start of `scratch` (4 KB or more).
        let h: UInt64
        if n <= 8 && (p == UnsafePointer(scratch) || p + 8 <= fileEnd) {
            let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            let mask: UInt64 = n == 8 ? ~0 : (1 << UInt64(n * 8)) &- 1
            h = ((w & mask) &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)
        } else {
            h = byteHash(p, n)
        }
        let c = column.rawValue
        let keys = enumKeys + c * Self.cacheWays, values = enumValues + c * Self.cacheWays
        let count = enumCounts[c]
        for k in 0..<count where keys[k] == h { return values[k] }
        guard let v = parse(ByteParsers.key(p, n)) else { return nil }
        if count < Self.cacheWays {
            keys[count] = h
            values[count] = v
            enumCounts[c] = count + 1
        }
        return v
    }
}
