/// A fast hash over raw bytes: importers look strings up by their bytes in the file, without making a
/// `String`, so the dictionary needs a hash it can compute from a pointer.
@inline(__always)
func byteHash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: n)
    var i = 0
    while i + 8 <= n {
        h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        i += 8
    }
    if i < n {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
    }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
}
