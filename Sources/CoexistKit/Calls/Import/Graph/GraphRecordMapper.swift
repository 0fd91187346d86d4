/// One Microsoft Graph callRecord (Microsoft Graph, "callRecord resource type") as stream records: one per mediaStream, with
/// its context gathered from the media, the segment, the session and the record.
///
/// One endpoint per row. A row has room for one endpoint's user, network (subnet, connection, Wi-Fi
/// band) and device, and CQD's First columns all describe the same endpoint ("First Subnet" is the
/// first endpoint's, like "First UPN"), so the endpoint a row describes is its *first* endpoint: its
/// user is `first_user`, the far end's is `second_user`, and `direction` is relative to it.
/// Which endpoint: between two clients (P2P) the stream's sender (`callerNetwork`/`callerDevice` for
/// `callerToCallee`, the callee's otherwise): that end's Wi-Fi, subnet and microphone shape what the
/// stream carries, so a P2P stream is always `first_to_second` and each side's network appears once.
/// When one end is a service (AV MCU, gateway) we always describe the client, in both directions: the
/// datacentre's subnet says nothing about a building, and a champion asks "how did people on this
/// Wi-Fi fare", which is both their streams (the client's sent stream is `first_to_second`, the one it
/// received `second_to_first`). CQD instead puts the server first; we read the client side as CQD's
/// own building reports do. Product and client version come from the described endpoint too.
///
/// Users. The directory is keyed by user principal name, so that is the only identity a row joins on.
/// Graph often gives only an Azure AD object id and a display name (Microsoft's own "Get callRecord"
/// example does); then the row carries the object id, never the display name (names are not unique
/// and never match a UPN), and the importer reports the identity (see `GraphCallRecordImporter`).
///
/// Ratings: see `GraphCallRating`.
enum GraphRecordMapper {
    typealias Row = Result<StreamRecord, GraphFieldError>

    /// Rows of `record` in document order. An error above the stream (a bad call type, a bad segment)
    /// is the error of every stream under it, so skip mode skips exactly those streams.
    static func rows<N: GraphNode>(of record: N, notices: inout [String]) -> [Row] {
        var withoutUPN: [GraphIdentity] = []
        return rows(of: record, notices: &notices, withoutUPN: &withoutUPN)
    }

    /// `withoutUPN`: the person identities of this record's rows that have no userPrincipalName, once each.
    static func rows<N: GraphNode>(of record: N, notices: inout [String], withoutUPN: inout [GraphIdentity]) -> [Row] {
        var out: [Row] = []
        let recordContext: Result<RecordContext, GraphFieldError> = Result(catching: { () throws(GraphFieldError) -> RecordContext in
            try RecordContext(record)
        })
        let sessions: [N]
        do { sessions = try record.elements("sessions") } catch { return [.failure(error)] }
        let isP2P = (try? recordContext.get().callType) == .p2p
        let callRating = isP2P ? GraphCallRating.worst(in: sessions) : .success(0)
        if sessions.isEmpty || sessions.allSatisfy({ $0["segments"].isNull }) {
            let id = record["id"].stringValue ?? record.path
            notices.append("call record \(id) has no segments; fetch it with $expand=sessions($expand=segments)")
        }
        // "If the sessions list is truncated, a sessions@odata.nextLink value will be provided" (Get callRecord):
        // the streams of the sessions not in the file are missing, which no figure would show.
        if !record["sessions@odata.nextLink"].isNull {
            let id = record["id"].stringValue ?? record.path
            notices.append("call record \(id) has more sessions than the file holds (sessions@odata.nextLink); fetch the next page, or its streams are missing")
        }
        for session in sessions {
            let segments: [N]
            do { segments = try session.elements("segments") } catch { out.append(.failure(error)); continue }
            let rating = isP2P ? callRating : GraphCallRating.worst(in: [session])
            for segment in segments {
                let segmentContext = recordContext.flatMap { rc in
                    rating.flatMap { r in
                        Result(catching: { () throws(GraphFieldError) -> SegmentContext in
                            try SegmentContext(segment, session: session, record: rc, rating: r)
                        })
                    }
                }
                if case .success(let c) = segmentContext {
                    for who in [c.caller.identity, c.callee.identity] {
                        if let who, who.upn == nil, !withoutUPN.contains(who) { withoutUPN.append(who) }
                    }
                }
                let media: [N]
                do { media = try segment.elements("media") } catch { out.append(.failure(error)); continue }
                for m in media {
                    let modality = Result(catching: { () throws(GraphFieldError) -> Modality in
                        try m["label"].member("media label", unknown: Modality.unknown, Modality.parse) ?? .unknown
                    })
                    let streams: [N]
                    do { streams = try m.elements("streams") } catch { out.append(.failure(error)); continue }
                    for stream in streams {
                        out.append(Result(catching: { () throws(GraphFieldError) -> StreamRecord in
                            try row(stream, media: m, modality: modality.get(), segment: segmentContext.get())
                        }).map { $0.keyed(sourceKey(session: session, segment: segment, media: m, stream: stream, row: $0)) })
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

        init<N: GraphNode>(_ r: N) throws(GraphFieldError) {
            guard let id = try r["id"].string(), !id.isEmpty else { throw r["id"].fail("missing call record id") }
            callId = id
            callType = try r["type"].member("call type", unknown: CallType.unknown, CallType.parse) ?? .unknown
            start = try r["startDateTime"].dateTime()
        }
    }

    struct Endpoint {
        /// The row's user: the UPN, else the object id (or a phone number); "" for a service.
        var user = ""
        /// The person behind `user`, when it is one (`identity.user`).
        var identity: GraphIdentity?
        var product: Product?
        var version = ""
        /// AV MCU, gateway, bot...: a `serviceEndpoint`, or a user agent with a service role.
        var isService = false

        init<N: GraphNode>(_ e: N) throws(GraphFieldError) {
            let identity = e["identity"]
            let type = (try e["@odata.type"].string() ?? "").lowercased()
            isService = type.hasSuffix("serviceendpoint") || !e["userAgent"]["role"].isNull
            // A person first; a phone number or guest is still someone a champion can look up.
            for kind in ["user", "guest", "phone"] {
                let who = identity[kind]
                let upn = try who["userPrincipalName"].string() ?? ""
                let id = try who["id"].string() ?? ""
                if upn.isEmpty && id.isEmpty { continue }
                user = upn.isEmpty ? id : upn
                if kind == "user" {
                    self.identity = GraphIdentity(id: id, displayName: try who["displayName"].string() ?? "",
                                                  upn: upn.isEmpty ? nil : upn)
                }
                break
            }
            let agent = e["userAgent"]
            product = try agent["productFamily"].member("product family", unknown: Product.unknown) { k in
                k == "azurecommunicationservices" ? .unknown : Product.parse(k)
            }
            version = try agent["applicationVersion"].string() ?? ""
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
        /// The call's Rate My Call rating (`GraphCallRating`), for every stream under it.
        let rating: UInt8

        init<N: GraphNode>(_ s: N, session: N, record: RecordContext, rating: UInt8) throws(GraphFieldError) {
            self.record = record
            self.rating = rating
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

    static func row<N: GraphNode>(_ s: N, media: N, modality: Modality, segment c: SegmentContext) throws(GraphFieldError) -> StreamRecord {
        let directionField = s["streamDirection"]
        guard let rawDirection = try directionField.string() else {
            throw directionField.fail("missing stream direction (want callerToCallee or calleeToCaller)")
        }
        let fromCaller: Bool
        switch enumKey(rawDirection) {
        case "callertocallee": fromCaller = true
        case "calleetocaller": fromCaller = false
        default: throw directionField.fail("unknown stream direction", value: rawDirection)
        }
        // The client when one end is a service; otherwise (two clients, or two services) the sender.
        let describeCaller = c.caller.isService != c.callee.isService ? !c.caller.isService : fromCaller
        let described = describeCaller ? c.caller : c.callee, other = describeCaller ? c.callee : c.caller
        let direction: StreamDirection = describeCaller == fromCaller ? .firstToSecond : .secondToFirst
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
        // A stream that ends before it starts is a broken record; a duration of zero would hide it.
        if let end, end < start {
            throw s[streamStart != nil ? "endDateTime" : "startDateTime"].fail("the stream ends before it starts")
        }
        let duration = end.map { Double($0 - start) }

        var m = StreamMetrics()
        m.jitterMs = try s["averageJitter"].durationMs()
        m.packetLossRate = try s["averagePacketLossRate"].number()
        m.roundTripMs = try s["averageRoundTripTime"].durationMs()
        m.concealedRatio = try s["averageRatioOfConcealedSamples"].number()
        m.audioDegradation = try s["averageAudioDegradation"].number()
        m.videoFrameLossPct = try s["averageVideoFrameLossPercentage"].number()
        m.videoFrameRate = try s["averageVideoFrameRate"].number()
        m.videoPostFECPLR = try s["postForwardErrorCorrectionPacketLossRate"].number()

        return StreamRecord(
            callId: c.record.callId, start: start, durationSeconds: duration, modality: modality,
            callType: c.record.callType, product: described.product ?? .unknown, clientVersion: described.version,
            firstUser: described.user, secondUser: other.user, direction: direction,
            subnet: try network["subnet"].string() ?? "",
            connection: try network["connectionType"].member("connection type", unknown: NetworkConnection.unknown,
                                                             NetworkConnection.parse) ?? .unknown,
            wifiBand: try network["wifiBand"].member("Wi-Fi band", unknown: WifiBand.unknown, WifiBand.parse) ?? .unknown,
            transport: try network["networkTransportProtocol"].member("transport", unknown: Transport.unknown,
                                                                      Transport.parse) ?? .unknown,
            captureDevice: try device["captureDeviceName"].string() ?? "", metrics: m, cdrAvailable: true,
            setupFailed: c.setupFailed, failureReason: c.failureReason, dropped: c.dropped, rating: c.rating)
    }
}
