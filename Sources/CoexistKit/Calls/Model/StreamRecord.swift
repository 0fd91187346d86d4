/// One media stream as a person (or an importer) describes it, with exact values. The store keeps it
/// in columns; this is the shape going in (`CallStore.append`) and coming out (`CallRow.record`).
public struct StreamRecord: Sendable, Equatable {
    public var callId: String
    /// Seconds since the Unix epoch, UTC.
    public var start: Int64
    public var durationSeconds: Double?
    public var modality: Modality
    public var callType: CallType
    public var product: Product
    public var clientVersion: String
    /// The user at the stream's first endpoint (CQD "First UPN"); empty when it is a server.
    public var firstUser: String
    public var secondUser: String
    public var direction: StreamDirection
    /// The first endpoint's subnet, e.g. "10.1.2.0".
    public var subnet: String
    public var connection: NetworkConnection
    public var wifiBand: WifiBand
    public var vpn: Bool
    public var transport: Transport
    public var ice: IceConnectivity
    public var captureDevice: String
    public var metrics: StreamMetrics
    /// The stream has reliability (CDR) information: the denominator of the setup failure rate.
    public var cdrAvailable: Bool
    public var setupFailed: Bool
    /// CQD "Call Setup Failure Reason"; empty when the setup did not fail.
    public var failureReason: String
    public var dropped: Bool
    /// Rate My Call: 0 not rated, 1 (bad) to 5 (excellent).
    public var rating: UInt8
    /// What names the stream in its source, for the duplicate check (`StreamIdentity`): a Graph
    /// record's session, segment, media and stream id. Empty when the source names none; not stored.
    public var sourceKey = ""

    public init(callId: String, start: Int64, durationSeconds: Double? = nil, modality: Modality,
                callType: CallType = .unknown, product: Product = .unknown, clientVersion: String = "",
                firstUser: String = "", secondUser: String = "", direction: StreamDirection = .firstToSecond,
                subnet: String = "", connection: NetworkConnection = .unknown, wifiBand: WifiBand = .unknown,
                vpn: Bool = false, transport: Transport = .unknown, ice: IceConnectivity = .unknown,
                captureDevice: String = "", metrics: StreamMetrics = StreamMetrics(), cdrAvailable: Bool = true,
                setupFailed: Bool = false, failureReason: String = "", dropped: Bool = false, rating: UInt8 = 0) {
        self.callId = callId
        self.start = start
        self.durationSeconds = durationSeconds
        self.modality = modality
        self.callType = callType
        self.product = product
        self.clientVersion = clientVersion
        self.firstUser = firstUser
        self.secondUser = secondUser
        self.direction = direction
        self.subnet = subnet
        self.connection = connection
        self.wifiBand = wifiBand
        self.vpn = vpn
        self.transport = transport
        self.ice = ice
        self.captureDevice = captureDevice
        self.metrics = metrics
        self.cdrAvailable = cdrAvailable
        self.setupFailed = setupFailed
        self.failureReason = failureReason
        self.dropped = dropped
        self.rating = rating
    }
}
