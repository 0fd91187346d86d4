/// One compiled condition: a column and a lookup table from stored value to match (0 or 1), so every
/// kind of comparison, on every field, becomes the same branch-free loop.
enum RowTest {
    case u8(UnsafePointer<UInt8>, lut: UnsafePointer<UInt8>)
    /// Two byte columns; the table is indexed by `a << 3 | b` (b < 8), for poor reasons, whose meaning
    /// depends on the modality.
    case u8Pair(UnsafePointer<UInt8>, UnsafePointer<UInt8>, lut: UnsafePointer<UInt8>)
    case u16(UnsafePointer<UInt16>, lut: UnsafePointer<UInt8>)
    /// Either table holds: a metric that is missing, or does not apply to the row's modality (`is null`).
    case u16OrU8(UnsafePointer<UInt16>, lut: UnsafePointer<UInt8>, UnsafePointer<UInt8>, or: UnsafePointer<UInt8>)
    /// Codes at or beyond `count` (added after compiling) do not match.
    case u32(UnsafePointer<UInt32>, lut: UnsafePointer<UInt8>, count: Int)
    /// lo <= value <= hi
    case range(UnsafePointer<UInt32>, lo: UInt32, hi: UInt32)
    /// A `RowSelection`'s bitmap: row i is bit i % 64 of word i / 64; rows at or beyond `count` are out.
    case bits(UnsafePointer<UInt64>, count: Int)
    case predicate((CallRow) -> Bool, CallStoreSnapshot)
    case never

    var isPredicate: Bool { if case .predicate = self { return true }; return false }

    /// Writes the rows of lo..<hi that pass into `idx`; returns how many.
    @inline(__always)
    func first(_ lo: Int, _ hi: Int, _ idx: UnsafeMutablePointer<UInt32>) -> Int {
        var n = 0
        switch self {
        case .u8(let col, let lut):
            for i in lo..<hi { idx[n] = UInt32(truncatingIfNeeded: i); n &+= Int(lut[Int(col[i])]) }
        case .u8Pair(let a, let b, let lut):
            for i in lo..<hi { idx[n] = UInt32(truncatingIfNeeded: i); n &+= Int(lut[Int(a[i]) << 3 | Int(b[i] & 7)]) }
        case .u16(let col, let lut):
            for i in lo..<hi { idx[n] = UInt32(truncatingIfNeeded: i); n &+= Int(lut[Int(col[i])]) }
        case .u16OrU8(let col, let lut, let col8, let lut8):
            for i in lo..<hi { idx[n] = UInt32(truncatingIfNeeded: i); n &+= Int(lut[Int(col[i])] | lut8[Int(col8[i])]) }
        case .u32(let col, let lut, let count):
            for i in lo..<hi {
                let c = Int(col[i])
                idx[n] = UInt32(truncatingIfNeeded: i)
                n &+= c < count ? Int(lut[c]) : 0
            }
        case .range(let col, let a, let b):
            for i in lo..<hi {
                let v = col[i]
                idx[n] = UInt32(truncatingIfNeeded: i)
                n &+= (v >= a && v <= b) ? 1 : 0
            }
        case .bits(let w, let count):
            for i in lo..<Swift.max(lo, Swift.min(hi, count)) {
                idx[n] = UInt32(truncatingIfNeeded: i)
                n &+= Int(truncatingIfNeeded: (w[i &>> 6] &>> UInt64(i & 63)) & 1)
            }
        case .predicate(let p, let snap):
            for i in lo..<hi where p(CallRow(snap, i)) { idx[n] = UInt32(truncatingIfNeeded: i); n += 1 }
        case .never:
            break
        }
        return n
    }

    /// Keeps the rows of `idx[0..<n]` that pass; returns how many.
    @inline(__always)
    func refine(_ idx: UnsafeMutablePointer<UInt32>, _ n: Int) -> Int {
        var m = 0
        switch self {
        case .u8(let col, let lut):
            for k in 0..<n { let i = idx[k]; idx[m] = i; m &+= Int(lut[Int(col[Int(i)])]) }
        case .u8Pair(let a, let b, let lut):
            for k in 0..<n { let i = Int(idx[k]); idx[m] = UInt32(i); m &+= Int(lut[Int(a[i]) << 3 | Int(b[i] & 7)]) }
        case .u16(let col, let lut):
            for k in 0..<n { let i = idx[k]; idx[m] = i; m &+= Int(lut[Int(col[Int(i)])]) }
        case .u16OrU8(let col, let lut, let col8, let lut8):
            for k in 0..<n { let i = Int(idx[k]); idx[m] = UInt32(i); m &+= Int(lut[Int(col[i])] | lut8[Int(col8[i])]) }
        case .u32(let col, let lut, let count):
            for k in 0..<n {
                let i = idx[k]
                let c = Int(col[Int(i)])
                idx[m] = i
                m &+= c < count ? Int(lut[c]) : 0
            }
        case .range(let col, let a, let b):
            for k in 0..<n {
                let i = idx[k]
                let v = col[Int(i)]
                idx[m] = i
                m &+= (v >= a && v <= b) ? 1 : 0
            }
        case .bits(let w, let count):
            for k in 0..<n {
                let i = Int(idx[k])
                idx[m] = UInt32(truncatingIfNeeded: i)
                m &+= i < count ? Int(truncatingIfNeeded: (w[i &>> 6] &>> UInt64(i & 63)) & 1) : 0
            }
        case .predicate(let p, let snap):
            for k in 0..<n where p(CallRow(snap, Int(idx[k]))) { idx[m] = idx[k]; m += 1 }
        case .never:
            break
        }
        return m
    }

    /// Clears `ok[i - lo]` for the rows of lo..<hi that fail: a whole chunk at a time, no index list,
    /// for scans that want a mask rather than row numbers (the top-N fast path). Not for predicates.
    @inline(__always)
    func mask(_ lo: Int, _ hi: Int, _ ok: UnsafeMutablePointer<UInt8>) {
        switch self {
        case .u8(let col, let lut):
            for i in lo..<hi { ok[i &- lo] &= lut[Int(col[i])] }
        case .u8Pair(let a, let b, let lut):
            for i in lo..<hi { ok[i &- lo] &= lut[Int(a[i]) << 3 | Int(b[i] & 7)] }
        case .u16(let col, let lut):
            for i in lo..<hi { ok[i &- lo] &= lut[Int(col[i])] }
        case .u16OrU8(let col, let lut, let col8, let lut8):
            for i in lo..<hi { ok[i &- lo] &= lut[Int(col[i])] | lut8[Int(col8[i])] }
        case .u32(let col, let lut, let count):
            for i in lo..<hi { let c = Int(col[i]); ok[i &- lo] &= c < count ? lut[c] : 0 }
        case .range(let col, let a, let b):
            for i in lo..<hi { let v = col[i]; ok[i &- lo] &= (v >= a && v <= b) ? 1 : 0 }
        case .bits(let w, let count):
            for i in lo..<hi {
                ok[i &- lo] &= i < count ? UInt8(truncatingIfNeeded: (w[i &>> 6] &>> UInt64(i & 63)) & 1) : 0
            }
        case .predicate, .never:
            for i in lo..<hi { ok[i &- lo] = 0 }
        }
    }
}
