/// A stream's identity: 64 bits that two exports of the same stream share, so importing a file twice,
/// or two exports that overlap, counts each stream once.
///
/// With a key for the stream (Graph: session, segment, media label and stream id; a CSV `stream_id`)
/// the identity is call + key + first and second user + direction. A CQD export has no such key, so a CSV row without one is
/// call + first and second user + direction + start + modality: within one call, one direction of one
/// modality between one pair of endpoints starting in the same second is one stream. To that are
/// added the duration and the client's network (connection, Wi-Fi band, transport, VPN, ICE), because
/// exports older than 30 days have the users' UPNs cleared (CQD keeps end-user identifiable data 30
/// days) and then many participants of one meeting share the rest; these are the same in every export
/// of a stream, where metrics would not be (our own CSV stores them quantised). The values are taken
/// as stored (after the client side is chosen), so a CQD export and our own CSV of it agree.
///
/// A hash, not the values: 8 bytes per stream. Two different streams collide with probability about
/// n^2 / 2^65 (3e-6 for 10 million streams).
enum StreamIdentity {
    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    /// The top bit tells the two kinds apart: see `StreamIdentities.newRows`.
    static let keyedBit: UInt64 = 1 << 63

    /// The users are in it too: a row's direction is said from its first user's side, so the two
    /// directions of a stream pair can share one value and differ only in whose side they describe.
    @inline(__always)
    static func keyed(call: UInt64, key: UInt64, firstUser: UInt64, secondUser: UInt64, direction: StreamDirection) -> UInt64 {
        var h = mix(mix(0x6B65_7965_6400_0001, call), key)
        h = mix(mix(h, firstUser), secondUser)
        return mix(h, UInt64(direction.rawValue)) | keyedBit
    }

    @inline(__always)
    static func unkeyed(call: UInt64, firstUser: UInt64, secondUser: UInt64, start: UInt32, duration: UInt16,
                        modality: Modality, direction: StreamDirection, network: UInt8, ice: IceConnectivity) -> UInt64 {
        var h = mix(0x756E_6B65_7965_6400, call)
        h = mix(h, firstUser)
        h = mix(h, secondUser)
        h = mix(h, UInt64(network) << 16 | UInt64(ice.rawValue) << 8 | UInt64(direction.rawValue))
        return mix(h, UInt64(start) << 32 | UInt64(duration) << 16 | UInt64(modality.rawValue)) & ~keyedBit
    }

    /// An empty value's hash: what a missing user column counts as, so a CSV without the column and
    /// one with it empty agree.
    static let emptyHash = hash("")

    /// The hash the CSV importer uses for a value's bytes, for identities made from strings.
    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { byteHash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }
}

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
