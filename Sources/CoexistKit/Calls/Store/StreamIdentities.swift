/// The identities of the streams in a store: 8 bytes a stream, copy-on-write (a fork copies nothing),
/// kept beside the columns, not as one, so queries never see it. Sorted and unique, except for the
/// identities of the last imports, kept as they came until a lookup needs them sorted: the first
/// import into a store (the big one) then pays no sort, as it has nothing to look up.
public struct StreamIdentities: Sendable, Equatable {
    private(set) var sorted: [UInt64] = []
    /// Added since the last lookup, unsorted, possibly repeated (equal unkeyed rows of one export).
    private var pending: [UInt64] = []

    public init() {}

    /// How many distinct identities.
    public var count: Int {
        var n = self
        n.normalize()
        return n.sorted.count
    }

    public static func == (a: StreamIdentities, b: StreamIdentities) -> Bool {
        var a = a, b = b
        a.normalize()
        b.normalize()
        return a.sorted == b.sorted
    }

    /// Folds `pending` into `sorted`; the set it holds is unchanged.
    mutating func normalize() {
        if pending.isEmpty { return }
        let new = RadixSort.sorted(pending)
        pending = []
        var unique: [UInt64] = []
        unique.reserveCapacity(new.count)
        for v in new where unique.last != v && !contains(v) { unique.append(v) }
        insert(sortedNew: unique)
    }

    func contains(_ v: UInt64) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == v
    }

    /// Adds sorted unique values none of which is already here (`pending` is empty).
    private mutating func insert(sortedNew new: [UInt64]) {
        if new.isEmpty { return }
        if sorted.isEmpty { sorted = new; return }
        var out: [UInt64] = []
        out.reserveCapacity(sorted.count + new.count)
        var i = 0, j = 0
        while i < sorted.count && j < new.count {
            if sorted[i] < new[j] { out.append(sorted[i]); i += 1 } else { out.append(new[j]); j += 1 }
        }
        out.append(contentsOf: sorted[i...])
        out.append(contentsOf: new[j...])
        sorted = out
    }

    /// The union (when stores are merged).
    mutating func formUnion(_ other: StreamIdentities) {
        if other.sorted.isEmpty && other.pending.isEmpty { return }
        if sorted.isEmpty && pending.isEmpty { self = other; return }
        pending += other.sorted
        pending += other.pending
    }

    /// What `newRows` found to add once the rows are in the store.
    enum Addition {
        case unsorted([UInt64])
        case sortedUnique([UInt64])
    }

    mutating func add(_ a: Addition) {
        switch a {
        case .unsorted(let ids): pending += ids
        case .sortedUnique(let ids):
            // `newRows` left `pending` empty and `ids` holds none of `sorted`; a merge in between
            // (nothing does one) would have put its identities in `pending`.
            if pending.isEmpty { insert(sortedNew: ids) } else { pending += ids }
        }
    }

    /// For each of `ids` (one per row, in row order): whether the row is new, i.e. its identity is
    /// not here and, for a keyed identity, not on an earlier row. nil when every row is new, the usual
    /// case, found with one sort and no per-row set (and no sort at all into an empty store when no
    /// row is keyed). Also what to `add` once the rows are in.
    ///
    /// Unkeyed rows of one import are never merged with each other: CQD writes one row per combination
    /// of a report's dimensions, so two equal rows in one export are two streams its dimensions do not
    /// tell apart (one user in a meeting from two devices, with the UPNs cleared after 30 days). Across
    /// imports they are the same rows again, and skipped.
    mutating func newRows(_ ids: [UInt64]) -> (keep: [Bool]?, addition: Addition) {
        if sorted.isEmpty && pending.isEmpty && !ids.contains(where: { $0 & StreamIdentity.keyedBit != 0 }) {
            return (nil, .unsorted(ids))
        }
        normalize()
        let ordered = RadixSort.sorted(ids)
        // The identities that are here already or repeat in the batch: usually none.
        var suspects = Set<UInt64>()
        var unique: [UInt64] = []
        unique.reserveCapacity(ordered.count)
        var k = 0
        while k < ordered.count {
            let v = ordered[k]
            var end = k + 1
            while end < ordered.count && ordered[end] == v { end += 1 }
            let here = contains(v)
            if here || (end - k > 1 && v & StreamIdentity.keyedBit != 0) { suspects.insert(v) }
            if !here { unique.append(v) }
            k = end
        }
        if suspects.isEmpty { return (nil, .sortedUnique(unique)) }
        var keep = [Bool](repeating: true, count: ids.count)
        var seen = Set<UInt64>()
        for (i, v) in ids.enumerated() where suspects.contains(v) {
            if contains(v) || (v & StreamIdentity.keyedBit != 0 && !seen.insert(v).inserted) { keep[i] = false }
        }
        return (keep, .sortedUnique(unique))
    }
}
