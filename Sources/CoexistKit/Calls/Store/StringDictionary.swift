import CHotPaths

/// A code per distinct string. Codes are dense (0, 1, 2, ...) and stable: appending never renumbers, so
/// columns can hold codes. Code 0 is always the empty string, which the store uses for "missing".
///
/// The strings live in one byte arena with an open-addressing table over it, so an importer can look
/// up (or add) the bytes of a field straight from the file without allocating a `String`.
///
/// A lookup touches two cache lines, the table slot and the string's entry in the arena (its code,
/// its length and its bytes together), and an importer can start loading both ahead of the lookup
/// (`prefetch`, `prefetchEntry`): with tens of thousands of users, each line is a miss.
public struct StringDictionary: Sendable, Equatable {
    /// Per string: its code and its length (UInt32 each), then its bytes.
    private var arena: [UInt8] = []
    /// Per code: where its entry starts in `arena`.
    private var offsets: [Int] = []
    private var hashes: [UInt32] = []
    /// Per slot: the string's 32-bit hash (high half) and its entry's offset + 1 (low half); 0 is
    /// empty. The hash sits in the slot so that a probe rejects other strings without touching the
    /// arena. Size is a power of two, at most half full.
    private var table: [UInt64] = Array(repeating: 0, count: 16)
    private static let headerSize = 8

    public init() { _ = intern("") }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { _ = intern(s) }
    }

    public var count: Int { offsets.count }

    public subscript(code: UInt32) -> String {
        withBytes(code) { String(decoding: $0, as: UTF8.self) }
    }

    /// The raw UTF-8 of a code, without making a `String`.
    public func withBytes<R>(_ code: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let at = offsets[Int(code)]
        return arena.withUnsafeBytes { a in
            let n = Int(UInt32(littleEndian: a.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)))
            return body(UnsafeRawBufferPointer(rebasing: a[(at + Self.headerSize)..<(at + Self.headerSize + n)]))
        }
    }

    public var strings: [String] { (0..<UInt32(count)).map { self[$0] } }

    public func code(of s: String) -> UInt32? {
        var s = s
        return s.withUTF8 { code(of: UnsafeRawBufferPointer($0)) }
    }

    public mutating func intern(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    public func code(of bytes: UnsafeRawBufferPointer) -> UInt32? {
        let h = byteHash(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count)
        let slot = find(bytes, hash: h)
        let e = UInt32(truncatingIfNeeded: table[slot])
        return e == 0 ? nil : codeAt(Int(e - 1))
    }

    @inline(__always)
    private func codeAt(_ entry: Int) -> UInt32 {
        arena.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: entry, as: UInt32.self)) }
    }

    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        intern(bytes, hash: byteHash(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count))
    }

    /// Starts loading the table slot of a string with hash `h` (its `byteHash`), so that an `intern`
    /// of it some work later finds the slot in the cache.
    @inline(__always)
    func prefetch(hash h: UInt64) {
        table.withUnsafeBufferPointer { t in coexist_prefetch(t.baseAddress! + (Int(truncatingIfNeeded: h) & (t.count - 1))) }
    }

    /// The second step after `prefetch`, once the slot has arrived: starts loading the arena entry
    /// the slot points to, if its hash matches.
    @inline(__always)
    func prefetchEntry(hash h: UInt64) {
        table.withUnsafeBufferPointer { t in
            let e = t[Int(truncatingIfNeeded: h) & (t.count - 1)]
            guard e != 0 && UInt32(truncatingIfNeeded: e >> 32) == UInt32(truncatingIfNeeded: h) else { return }
            arena.withUnsafeBytes { a in coexist_prefetch(a.baseAddress! + Int(UInt32(truncatingIfNeeded: e) - 1)) }
        }
    }

    /// `intern` with the bytes' `byteHash` already computed.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32 {
        let slot = find(bytes, hash: h)
        let e = UInt32(truncatingIfNeeded: table[slot])
        if e != 0 { return codeAt(Int(e - 1)) }
        let code = UInt32(count)
        let at = arena.count
        precondition(at + Self.headerSize + bytes.count < Int(UInt32.max), "a string dictionary is limited to 4 GB of text")
        withUnsafeBytes(of: code.littleEndian) { arena.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { arena.append(contentsOf: $0) }
        arena.append(contentsOf: bytes)
        offsets.append(at)
        hashes.append(UInt32(truncatingIfNeeded: h))
        table[slot] = Self.entry(UInt32(truncatingIfNeeded: h), at)
        if count * 2 > table.count { grow() }
        return code
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> Int {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let h32 = UInt32(truncatingIfNeeded: h)
        return table.withUnsafeBufferPointer { t in
            arena.withUnsafeBytes { a in
                while true {
                    let e = t[slot]
                    if e == 0 { return slot }
                    if UInt32(truncatingIfNeeded: e >> 32) == h32 {
                        let at = Int(UInt32(truncatingIfNeeded: e) - 1)
                        let n = Int(UInt32(littleEndian: a.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)))
                        if n == bytes.count
                            && (n == 0 || sameBytes(a.baseAddress! + at + Self.headerSize, bytes.baseAddress!, n)) {
                            return slot
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private static func entry(_ hash32: UInt32, _ offset: Int) -> UInt64 { UInt64(hash32) << 32 | UInt64(offset + 1) }

    private mutating func grow() {
        let size = table.count * 2
        var t = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for code in 0..<count {
            var h = UInt64(hashes[code])
            // The table index needs the full 64-bit hash's low bits; the stored 32 bits are those bits.
            h = h & 0xFFFF_FFFF
            var slot = Int(h) & mask
            while t[slot] != 0 { slot = (slot + 1) & mask }
            t[slot] = Self.entry(hashes[code], offsets[code])
        }
        table = t
    }

    public static func == (a: StringDictionary, b: StringDictionary) -> Bool {
        a.arena == b.arena && a.offsets == b.offsets
    }

    /// Whether this dictionary is `earlier` with strings added after its last code (what an import does):
    /// the first `earlier.count` codes are the same strings. The arena is append-only, so that is a
    /// compare of `earlier`'s arena with the start of this one.
    func extends(_ earlier: StringDictionary) -> Bool {
        guard earlier.count <= count else { return false }
        // Where this arena's entry for code `earlier.count` starts: the end of what `earlier` holds.
        let end = earlier.count < count ? offsets[earlier.count] : arena.count
        guard end == earlier.arena.count else { return false }
        return arena.withUnsafeBytes { a in
            earlier.arena.withUnsafeBytes { e in e.count == 0 || memcmp(a.baseAddress!, e.baseAddress!, e.count) == 0 }
        }
    }
}

/// Byte equality for the short strings of a call record (ids, UPNs, subnets), inline: importers
/// confirm a dictionary hit on most rows, and a call into libc's memcmp cost more than the compare.
/// Whole words, then the last eight bytes again (overlapping), so nothing past `n` is read.
@inline(__always)
func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    if n < 8 {
        for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    return i == n || a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
