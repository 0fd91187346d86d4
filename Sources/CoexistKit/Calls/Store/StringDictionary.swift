/// A code per distinct string. Codes are dense (0, 1, 2, ...) and stable: appending never renumbers, so
/// columns can hold codes. Code 0 is always the empty string, which the store uses for "missing".
///
/// The strings live in one byte arena with an open-addressing table over it, so an importer can look
/// up (or add) the bytes of a field straight from the file without allocating a `String`.
public struct StringDictionary: Sendable, Equatable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt32] = []
    /// code + 1 per slot; 0 is empty. Size is a power of two, at most half full.
    private var table: [UInt32] = Array(repeating: 0, count: 16)

    public init() { _ = intern("") }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { _ = intern(s) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(code: UInt32) -> String {
        let lo = offsets[Int(code)], hi = offsets[Int(code) + 1]
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }

    /// The raw UTF-8 of a code, without making a `String`.
    public func withBytes<R>(_ code: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let lo = offsets[Int(code)], hi = offsets[Int(code) + 1]
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[lo..<hi])) }
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
        let c = table[slot]
        return c == 0 ? nil : c - 1
    }

    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = byteHash(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count)
        let slot = find(bytes, hash: h)
        let c = table[slot]
        if c != 0 { return c - 1 }
        let code = UInt32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(UInt32(truncatingIfNeeded: h))
        table[slot] = code + 1
        if count * 2 > table.count { grow() }
        return code
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> Int {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let h32 = UInt32(truncatingIfNeeded: h)
        return table.withUnsafeBufferPointer { t in
            hashes.withUnsafeBufferPointer { hs in
                offsets.withUnsafeBufferPointer { off in
                    arena.withUnsafeBytes { a in
                        while true {
                            let c = t[slot]
                            if c == 0 { return slot }
                            let code = Int(c - 1)
                            if hs[code] == h32 {
                                let lo = off[code], n = off[code + 1] - lo
                                if n == bytes.count && (n == 0 || memcmp(a.baseAddress! + lo, bytes.baseAddress!, n) == 0) {
                                    return slot
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    private mutating func grow() {
        let size = table.count * 2
        var t = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for code in 0..<count {
            var h = UInt64(hashes[code])
            // The table index needs the full 64-bit hash's low bits; the stored 32 bits are those bits.
            h = h & 0xFFFF_FFFF
            var slot = Int(h) & mask
            while t[slot] != 0 { slot = (slot + 1) & mask }
            t[slot] = UInt32(code + 1)
        }
        table = t
    }

    public static func == (a: StringDictionary, b: StringDictionary) -> Bool {
        a.arena == b.arena && a.offsets == b.offsets
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
