/// One Microsoft Graph callRecord (reference 6.1-6.4) as stream records: one per mediaStream, with
/// its context gathered from the media, the segment, the session and the record.
///
/// Sides. The store keeps CQD's First/Second users; CQD puts the server (and otherwise the caller) on
/// the First side, and Graph's caller of a group-call segment is usually the service, so caller ->
/// first user and callee -> second user (a service endpoint has no user: empty), and
/// `callerToCallee` -> `first_to_second`.
/// A row has room for one endpoint's network and device. Between two clients (P2P) we take the
/// stream's *sender's* (`callerNetwork`/`callerDevice` for `callerToCallee`, the callee's otherwise):
/// that end's Wi-Fi, subnet and microphone shape what the stream carries. When one end is a service
/// (AV MCU, gateway) we always take the client's, in both directions: the datacentre's subnet says
/// nothing about a building, and a champion asks "how did people on this Wi-Fi fare", which is
/// both their streams. So a row's network is not always the first user's; filter on `direction`
/// (and first/second user) to reproduce CQD's strict "First Subnet".
/// Product and client version come from the same end, or the other when it names no product family.
/// The rating is the receiver's: the person who heard the stream is the one who rated it.
enum GraphRecordMapper {
    typealias Row = Result<StreamRecord, GraphFieldError>

    /// Rows of `record` in document order. An error above the stream (a bad call type, a bad segment)
    /// is the error of every stream under it, so skip mode skips exactly those streams.
    static func rows(of record: GraphJSON, notices: inout [String]) -> [Row] {
        var out: [Row] = []
        let recordContext: Result<RecordContext, GraphFieldError> = Result(catching: { () throws(GraphFieldError) -> RecordContext in
            try RecordContext(record)
        })
        let sessions: [GraphJSON]
        do { sessions = try record.elements("sessions") } catch { return [.failure(error)] }
        if sessions.isEmpty || sessions.allSatisfy({ $0["segments"].isNull }) {
            let id = (record["id"].value as? String) ?? record.path
            notices.append("call record \(id) has no segments; fetch it with $expand=sessions($expand=segments)")
        }
        for session in sessions {
            let segments: [GraphJSON]
            do { segments = try session.elements("segments") } catch { out.append(.failure(error)); continue }
            for segment in segments {
                let segmentContext = recordContext.flatMap { rc in
                    Result(catching: { () throws(GraphFieldError) -> SegmentContext in
                        try SegmentContext(segment, session: session, record: rc)
                    })
                }
                let media: [GraphJSON]
                do { media = try segment.elements("media") } catch { out.append(.failure(error)); continue }
                for m in media {
                    let modality = Result(catching: { () throws(GraphFieldError) -> Modality in
                        try m["label"].member("media label", unknown: Modality.unknown, Modality.parse) ?? .unknown
                    })
                    let streams: [GraphJSON]
                    do { streams = try m.elements("streams") } catch { out.append(.failure(error)); continue }
                    for stream in streams {
                        out.append(Result(catching: { () throws(GraphFieldError) -> StreamRecord in
                            try row(stream, media: m, modality: modality.get(), segment: segmentContext.get())
                        }).map { $0.keyed(sourceKey(session: session, segment: segment, media: m, stream: stream)) })
                    }
                }
            }
        }
        return out
    }

    struct RecordContext {
        let callId: String
        let callType: CallType
        let start: Int64?

        init(_ r: GraphJSON) throws(GraphFieldError) {
            guard let id = try r["id"].string(), !id.isEmpty else { throw r["id"].fail("missing call record id") }
            callId = id
            callType = try r["type"].member("call type", unknown: CallType.unknown, CallType.parse) ?? .unknown
            start = try r["startDateTime"].dateTime()
        }
    }

    struct Endpoint {
        var user = ""
        var product: Product?
        var version = ""
        var rating: UInt8 = 0
        /// AV MCU, gateway, bot...: a `serviceEndpoint`, or a user agent with a service role.
        var isService = false

        init(_ e: GraphJSON) throws(GraphFieldError) {
            let identity = e["identity"]
            let type = (try e["@odata.type"].string() ?? "").lowercased()
            isService = type.hasSuffix("serviceendpoint") || !e["userAgent"]["role"].isNull
            // A person first; a phone number or guest is still someone a champion can look up.
            for kind in ["user", "guest", "phone"] {
                let who = identity[kind]
                // `??` takes an untyped-throwing autoclosure, hence the explicit steps.
                var name = try who["userPrincipalName"].string() ?? ""
                if name.isEmpty { name = try who["displayName"].string() ?? "" }
                if name.isEmpty { name = try who["id"].string() ?? "" }
                if !name.isEmpty { user = name; break }
            }
            let agent = e["userAgent"]
            product = try agent["productFamily"].member("product family", unknown: Product.unknown) { k in
                k == "azurecommunicationservices" ? .unknown : Product.parse(k)
            }
            version = try agent["applicationVersion"].string() ?? ""
            rating = try e["feedback"]["rating"].member("feedback rating", unknown: UInt8(0)) { k in
                ["notrated": 0, "bad": 1, "poor": 2, "fair": 3, "good": 4, "excellent": 5][k]
            } ?? 0
        }
    }

    struct SegmentContext {
        let record: RecordContext
        let caller: Endpoint
        let callee: Endpoint
        let start: Int64?
        let end: Int64?
        let setupFailed: Bool
        let dropped: Bool
        let failureReason: String

        init(_ s: GraphJSON, session: GraphJSON, record: RecordContext) throws(GraphFieldError) {
            self.record = record
            caller = try Endpoint(s["caller"])
            callee = try Endpoint(s["callee"])
            let sessionStart = try session["startDateTime"].dateTime(), sessionEnd = try session["endDateTime"].dateTime()
            start = try s["startDateTime"].dateTime() ?? sessionStart
            end = try s["endDateTime"].dateTime() ?? sessionEnd
            // The segment's own failure is the precise one; the session's covers its only segment.
            let failure = s["failureInfo"].isNull ? session["failureInfo"] : s["failureInfo"]
            _ = try failure.requireObject()
            let stage = try failure["stage"].member("failure stage", unknown: 0) { k in
                ["unknown": 0, "callsetup": 1, "midcall": 2][k]
            } ?? 0
            setupFailed = stage == 1
            dropped = stage == 2
            failureReason = setupFailed ? (try failure["reason"].string() ?? "") : ""
        }
    }

    static func row(_ s: GraphJSON, media: GraphJSON, modality: Modality, segment c: SegmentContext) throws(GraphFieldError) -> StreamRecord {
        let directionField = s["streamDirection"]
        guard let rawDirection = try directionField.string() else {
            throw directionField.fail("missing stream direction (want callerToCallee or calleeToCaller)")
        }
        let direction: StreamDirection
        switch enumKey(rawDirection) {
        case "callertocallee": direction = .firstToSecond
        case "calleetocaller": direction = .secondToFirst
        default: throw directionField.fail("unknown stream direction", value: rawDirection)
        }
        let fromCaller = direction == .firstToSecond
        let receiver = fromCaller ? c.callee : c.caller
        let describeCaller = (fromCaller && !c.caller.isService) || (!fromCaller && c.callee.isService && !c.caller.isService)
        let described = describeCaller ? c.caller : c.callee, other = describeCaller ? c.callee : c.caller
        let network = media[describeCaller ? "callerNetwork" : "calleeNetwork"]
        let device = media[describeCaller ? "callerDevice" : "calleeDevice"]
        _ = try network.requireObject()
        _ = try device.requireObject()

        let streamStart = try s["startDateTime"].dateTime()
        let streamEnd = try s["endDateTime"].dateTime()
        guard let start = streamStart ?? c.start ?? c.record.start else {
            throw s["startDateTime"].fail("no startDateTime on the stream, its segment or its call record")
        }
        let end = streamStart != nil ? streamEnd : c.end
        let duration = end.map { Double(max($0 - start, 0)) }

        var m = StreamMetrics()
        m.jitterMs = try s["averageJitter"].durationMs()
        m.packetLossRate = try s["averagePacketLossRate"].number()
        m.roundTripMs = try s["averageRoundTripTime"].durationMs()
        m.concealedRatio = try s["averageRatioOfConcealedSamples"].number()
        m.audioDegradation = try s["averageAudioDegradation"].number()
        m.videoFrameLossPct = try s["averageVideoFrameLossPercentage"].number()
        m.videoFrameRate = try s["averageVideoFrameRate"].number()
        m.videoPostFECPLR = try s["postForwardErrorCorrectionPacketLossRate"].number()

        let client = described.product != nil ? described : other
        return StreamRecord(
            callId: c.record.callId, start: start, durationSeconds: duration, modality: modality,
            callType: c.record.callType, product: client.product ?? .unknown, clientVersion: client.version,
            firstUser: c.caller.user, secondUser: c.callee.user, direction: direction,
            subnet: try network["subnet"].string() ?? "",
            connection: try network["connectionType"].member("connection type", unknown: NetworkConnection.unknown,
                                                             NetworkConnection.parse) ?? .unknown,
            wifiBand: try network["wifiBand"].member("Wi-Fi band", unknown: WifiBand.unknown, WifiBand.parse) ?? .unknown,
            transport: try network["networkTransportProtocol"].member("transport", unknown: Transport.unknown,
                                                                      Transport.parse) ?? .unknown,
            captureDevice: try device["captureDeviceName"].string() ?? "", metrics: m, cdrAvailable: true,
            setupFailed: c.setupFailed, failureReason: c.failureReason, dropped: c.dropped, rating: receiver.rating)
    }
}
