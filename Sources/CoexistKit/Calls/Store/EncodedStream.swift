/// A stream whose strings are already dictionary codes of the store it is going into, with exact
/// metrics. Importers build these on their hot paths so that no `String` is made per row.
struct EncodedStream {
    var call: UInt32 = 0
    var start: UInt32 = 0
    var duration: UInt16 = 0xFFFF
    var modality: Modality = .unknown
    var callType: CallType = .unknown
    var product: Product = .unknown
    var connection: NetworkConnection = .unknown
    var wifiBand: WifiBand = .unknown
    var vpn = false
    var transport: Transport = .unknown
    var ice: IceConnectivity = .unknown
    var rating: UInt8 = 0
    var failureReason: UInt8 = 0
    var cdrAvailable = true
    var setupFailed = false
    var dropped = false
    var direction: StreamDirection = .firstToSecond
    var clientVersion: UInt16 = 0
    var device: UInt16 = 0
    var firstUser: UInt32 = 0
    var secondUser: UInt32 = 0
    var subnet: UInt32 = 0
    var metrics = StreamMetrics()

    /// The duration column's codes end at 65534 (0xFFFF is missing); a longer stream is refused.
    static let maxDurationSeconds = 65534.5

    @inline(__always)
    static func durationCode(_ seconds: Double?) -> UInt16 {
        guard let s = seconds, s.isFinite else { return 0xFFFF }
        return UInt16(min(max(s.rounded(), 0), 65534))
    }
}
