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
