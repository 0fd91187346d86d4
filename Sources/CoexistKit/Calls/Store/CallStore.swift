/// Every stream of every call, one column per field (reference: DESIGN.md, "The store").
///
/// A struct of copy-on-write columns, so `var scenario = store` is a cheap fork. Per stream the columns
/// hold 47 bytes (`bytesPerStream`): small enums and flags packed into bytes, strings as dictionary
/// codes (code 0 = missing), metrics quantised into UInt16 (`MetricKind`, 0xFFFF = missing), the call
/// as an index into the per-call table (`callIds`). Classification is done once, on append, from the
/// exact values.
public struct CallStore: Sendable {
    // Per-stream columns.
    public internal(set) var call = PackedColumn<UInt32>()
    /// Seconds since the Unix epoch, UTC.
    public internal(set) var start = PackedColumn<UInt32>()
    /// Whole seconds, saturating at 65534 (18.2 hours); 0xFFFF = missing.
    public internal(set) var duration = PackedColumn<UInt16>()
    public internal(set) var modality = PackedColumn<UInt8>()
    public internal(set) var callType = PackedColumn<UInt8>()
    public internal(set) var product = PackedColumn<UInt8>()
    /// Connection (bits 0-2), Wi-Fi band (3-4), transport (5-6), VPN (7): see `NetworkBits`.
    public internal(set) var network = PackedColumn<UInt8>()
    public internal(set) var ice = PackedColumn<UInt8>()
    public internal(set) var rating = PackedColumn<UInt8>()
    /// Code in `failureReasons`, 0 = none.
    public internal(set) var failureReason = PackedColumn<UInt8>()
    /// Class (bits 0-1) and poor reasons (2-6): see `StreamQuality`.
    public internal(set) var quality = PackedColumn<UInt8>()
    /// CDR available, setup failed, dropped, direction: see `FlagBits`.
    public internal(set) var flags = PackedColumn<UInt8>()
    public internal(set) var clientVersion = PackedColumn<UInt16>()
    public internal(set) var device = PackedColumn<UInt16>()
    public internal(set) var firstUser = PackedColumn<UInt32>()
    public internal(set) var secondUser = PackedColumn<UInt32>()
    public internal(set) var subnet = PackedColumn<UInt32>()
    /// Six metric slots (see `MetricKind.slot`).
    public internal(set) var metrics: [PackedColumn<UInt16>] = Array(repeating: PackedColumn<UInt16>(), count: 6)

    // Dictionaries; `callIds` is also the per-call table (a stream's `call` is a code in it).
    public internal(set) var callIds = StringDictionary()
    public internal(set) var users = StringDictionary()
    public internal(set) var subnets = StringDictionary()
    public internal(set) var devices = StringDictionary()
    public internal(set) var clientVersions = StringDictionary()
    public internal(set) var failureReasons = StringDictionary()

    // Reference data and what is derived from it, per dictionary code, so queries never parse or match.
    public internal(set) var buildingFile = BuildingFile()
    /// Per subnet code: index into `buildingFile.ranges` of the longest prefix holding it, or -1.
    public internal(set) var subnetRange: [Int32] = [-1]
    public internal(set) var deviceCatalogue = DeviceCatalogue.default
    /// Per device code: 1 when the capture device is certified.
    public internal(set) var deviceCertified: [UInt8] = [0]
    /// Labels derived from users (cohort, department, the user's city), by name: see `DerivedDimension`.
    public internal(set) var derivedDimensions: [String: DerivedDimension] = [:]
    /// The identities of the imported streams, so a second import of them is skipped (`StreamIdentity`).
    public internal(set) var identities = StreamIdentities()

    public init() {}

    public var count: Int { call.count }

    /// Bytes the per-stream columns take per stream (dictionaries and reference data excluded).
    public static let bytesPerStream = StreamColumn.bytesPerStream

    /// Measured: column bytes over stream count.
    public var columnBytes: Int {
        struct Sum: StreamColumnRead {
            var bytes = 0
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
                bytes += column.byteCount
            }
        }
        var sum = Sum()
        readColumns(&sum)
        return sum.bytes
    }

    public var bytesPerStream: Double { count == 0 ? Double(Self.bytesPerStream) : Double(columnBytes) / Double(count) }

    public mutating func reserve(_ n: Int) {
        struct Reserve: StreamColumnUpdate {
            let n: Int
            func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                column.reserve(n)
            }
        }
        var r = Reserve(n: n)
        updateColumns(&r)
    }
}
