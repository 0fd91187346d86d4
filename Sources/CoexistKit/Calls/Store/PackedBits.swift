/// How the store packs several small fields into one byte column (see `CallStore`).
enum NetworkBits {
    static let connectionMask: UInt8 = 0b0000_0111
    static let bandShift: UInt8 = 3
    static let bandMask: UInt8 = 0b0001_1000
    static let transportShift: UInt8 = 5
    static let transportMask: UInt8 = 0b0110_0000
    static let vpn: UInt8 = 0b1000_0000

    @inline(__always)
    static func pack(_ c: NetworkConnection, _ b: WifiBand, _ t: Transport, _ vpn: Bool) -> UInt8 {
        c.rawValue | (b.rawValue << bandShift) | (t.rawValue << transportShift) | (vpn ? Self.vpn : 0)
    }
}

enum FlagBits {
    static let cdrAvailable: UInt8 = 1 << 0
    static let setupFailed: UInt8 = 1 << 1
    static let dropped: UInt8 = 1 << 2
    static let secondToFirst: UInt8 = 1 << 3

    @inline(__always)
    static func pack(cdr: Bool, setupFailed: Bool, dropped: Bool, direction: StreamDirection) -> UInt8 {
        (cdr ? cdrAvailable : 0) | (setupFailed ? Self.setupFailed : 0) | (dropped ? Self.dropped : 0)
            | (direction == .secondToFirst ? secondToFirst : 0)
    }
}

enum QualityBits {
    static let classMask: UInt8 = 0b11
    static let reasonShift: UInt8 = 2
}
