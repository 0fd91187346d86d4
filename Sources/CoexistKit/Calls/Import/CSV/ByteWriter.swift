#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of bytes to a file descriptor, with the few formatters the CSV writer needs.
struct ByteWriter {
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let capacity = 1 << 20
    private(set) var failed: Int32 = 0

    init(fd: Int32) {
        self.fd = fd
        buffer = .allocate(capacity: capacity)
    }

    func release() { buffer.deallocate() }

    mutating func flush() {
        var off = 0
        while off < used {
            let n = write(fd, buffer + off, used - off)
            if n <= 0 { failed = errno; break }
            off += n
        }
        used = 0
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        if used == capacity { flush() }
        buffer[used] = b
        used += 1
    }

    mutating func bytes(_ p: UnsafeRawBufferPointer) {
        if used + p.count > capacity { flush() }
        if p.count > capacity {
            for b in p { byte(b) }
            return
        }
        if let b = p.baseAddress { (buffer + used).initialize(from: b.assumingMemoryBound(to: UInt8.self), count: p.count) }
        used += p.count
    }

    mutating func ascii(_ s: StaticString) {
        s.withUTF8Buffer { bytes(UnsafeRawBufferPointer($0)) }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// A CSV field: quoted (RFC 4180) only when it holds a comma, quote or line break.
    mutating func field(_ p: UnsafeRawBufferPointer) {
        var needs = false
        for b in p where b == 44 || b == 34 || b == 10 || b == 13 { needs = true; break }
        if !needs { bytes(p); return }
        byte(34)
        for b in p {
            if b == 34 { byte(34) }
            byte(b)
        }
        byte(34)
    }

    @inline(__always)
    mutating func unsigned(_ v: UInt64) {
        if used + 20 > capacity { flush() }
        if v < 10 { buffer[used] = UInt8(v) + 48; used += 1; return }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &tmp) { t in
            while x > 0 { t[n] = UInt8(x % 10) + 48; x /= 10; n += 1 }
            for k in 0..<n { buffer[used + k] = t[n - 1 - k] }
        }
        used += n
    }

    /// `value / 10^decimals` with exactly `decimals` places.
    @inline(__always)
    mutating func fixed(_ value: UInt64, decimals: Int) {
        if decimals == 0 { unsigned(value); return }
        var p: UInt64 = 1
        for _ in 0..<decimals { p *= 10 }
        unsigned(value / p)
        byte(46)
        var frac = value % p
        var div = p / 10
        while div > 0 {
            byte(UInt8(frac / div) + 48)
            frac %= div
            div /= 10
        }
    }

    @inline(__always)
    mutating func twoDigits(_ v: Int) {
        byte(UInt8(v / 10) + 48)
        byte(UInt8(v % 10) + 48)
    }

    /// ISO 8601 UTC, "2026-10-01T09:15:00Z".
    mutating func timestamp(_ epoch: Int64) {
        let (days, secs) = Civil.floorDivide(Int(epoch), 86400)
        let (y, m, d) = Civil.date(days: days)
        unsigned(UInt64(y))
        byte(45); twoDigits(m); byte(45); twoDigits(d); byte(84)
        twoDigits(secs / 3600); byte(58); twoDigits(secs / 60 % 60); byte(58); twoDigits(secs % 60); byte(90)
    }
}
