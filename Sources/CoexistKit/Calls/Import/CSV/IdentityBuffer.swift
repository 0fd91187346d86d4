/// A growable buffer of row identities, written once per row on the import's hot path (an array's
/// append checked uniqueness each time). A struct with manual `release`, like the parser it lives in.
struct IdentityBuffer {
    private(set) var base: UnsafeMutablePointer<UInt64>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ v: UInt64) {
        if _slowPath(count == capacity) { grow() }
        base[count] = v
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    var array: [UInt64] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func release() { base.deallocate() }
}
