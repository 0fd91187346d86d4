/// One column of the store: a growable buffer of plain values with copy-on-write.
///
/// Why not `[T]`: queries need raw pointers to a dozen columns at once, across threads, without
/// nesting a dozen `withUnsafeBufferPointer` closures. The storage here is a class whose pointer is
/// stable while any copy of the column is alive, and a mutation copies it first unless unique, so a
/// forked store (what-if work) never sees the other's changes.
public struct PackedColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    final class Storage: @unchecked Sendable {
        var base: UnsafeMutablePointer<Element>
        var count: Int
        var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
            count = 0
        }

        deinit { base.deallocate() }

        func copy(capacity: Int) -> Storage {
            let s = Storage(capacity: Swift.max(capacity, count))
            s.base.initialize(from: base, count: count)
            s.count = count
            return s
        }
    }

    var storage: Storage

    public init(capacity: Int = 0) { storage = Storage(capacity: capacity) }

    public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    public var count: Int { storage.count }

    var capacity: Int { storage.capacity }

    @inline(__always)
    public subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < storage.count, "column index out of range")
            return storage.base[i]
        }
        set {
            precondition(i >= 0 && i < storage.count, "column index out of range")
            makeUnique(capacity: storage.capacity)
            storage.base[i] = newValue
        }
    }

    /// Valid for as long as this column (or a copy of it) is alive and unmodified.
    public var pointer: UnsafePointer<Element> { UnsafePointer(storage.base) }

    @inline(__always)
    public mutating func append(_ value: Element) {
        if _slowPath(!isKnownUniquelyReferenced(&storage) || storage.count == storage.capacity) {
            makeUnique(capacity: storage.count == storage.capacity ? storage.capacity * 2 : storage.capacity)
        }
        storage.base[storage.count] = value
        storage.count += 1
    }

    public mutating func append(contentsOf other: PackedColumn<Element>) {
        reserve(count + other.count)
        (storage.base + storage.count).initialize(from: other.storage.base, count: other.count)
        storage.count += other.count
    }

    /// Appends `other` with each value passed through `map` (used to remap dictionary codes on merge).
    mutating func append(contentsOf other: PackedColumn<Element>, map: (Element) -> Element) {
        reserve(count + other.count)
        let dst = storage.base + storage.count
        let src = other.storage.base
        for i in 0..<other.count { dst[i] = map(src[i]) }
        storage.count += other.count
    }

    public mutating func reserve(_ capacity: Int) {
        if !isKnownUniquelyReferenced(&storage) || capacity > storage.capacity {
            makeUnique(capacity: Swift.max(capacity, storage.capacity))
        }
    }

    /// For `StreamSink`: a unique buffer with room for `capacity` values; valid until the next mutation.
    mutating func mutableBase(reserving capacity: Int) -> UnsafeMutablePointer<Element> {
        reserve(capacity)
        return storage.base
    }

    /// For `StreamSink`: the values it wrote through `mutableBase` up to `n` are now the column's.
    mutating func setCount(_ n: Int) {
        precondition(isKnownUniquelyReferenced(&storage) && n <= storage.capacity, "column sink out of step")
        storage.count = n
    }

    mutating func removeLast(_ n: Int) {
        makeUnique(capacity: storage.capacity)
        storage.count -= n
    }

    private mutating func makeUnique(capacity: Int) {
        if isKnownUniquelyReferenced(&storage) && capacity <= storage.capacity { return }
        if isKnownUniquelyReferenced(&storage) {
            let s = storage.copy(capacity: capacity)
            storage = s
        } else {
            storage = storage.copy(capacity: capacity)
        }
    }

    public var byteCount: Int { count * MemoryLayout<Element>.stride }

    public var array: [Element] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
}

extension PackedColumn: Equatable where Element: Equatable {
    public static func == (a: PackedColumn, b: PackedColumn) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a.storage.base[i] != b.storage.base[i] { return false }
        return true
    }
}
