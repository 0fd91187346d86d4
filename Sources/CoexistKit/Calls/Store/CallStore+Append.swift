/// Why an append was refused: a dictionary outgrew its column's code width, or a value is out of range.
public struct CallStoreLimitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension CallStore {
    /// Appends one stream, classifying it from its exact values. A value outside its field's range
    /// (a rating above 5, a ratio above 1, a negative jitter, a stream longer than the duration column
    /// keeps) is refused, not clamped, and the store is unchanged.
    public mutating func append(_ r: StreamRecord) throws {
        appendEncoded(try encoded(r))
    }

    /// `r` checked and coded against this store's dictionaries (interning its strings), ready for a
    /// `StreamSink` opened on this store: what `append` does, without opening a sink per row.
    mutating func encoded(_ r: StreamRecord) throws -> EncodedStream {
        try Self.checkRanges(r)
        var e = EncodedStream()
        e.call = callIds.intern(r.callId)
        guard r.start >= 0 && r.start <= Int64(UInt32.max) else {
            throw CallStoreLimitError(message: "start \(r.start) is outside 1970-2106")
        }
        e.start = UInt32(r.start)
        e.duration = EncodedStream.durationCode(r.durationSeconds)
        e.modality = r.modality
        e.callType = r.callType
        e.product = r.product
        e.connection = r.connection
        e.wifiBand = r.wifiBand
        e.vpn = r.vpn
        e.transport = r.transport
        e.ice = r.ice
        e.rating = r.rating
        e.cdrAvailable = r.cdrAvailable
        e.setupFailed = r.setupFailed
        e.dropped = r.dropped
        e.direction = r.direction
        e.firstUser = users.intern(r.firstUser)
        e.secondUser = users.intern(r.secondUser)
        e.subnet = internSubnet(r.subnet)
        e.clientVersion = try Self.code16(&clientVersions, r.clientVersion, "client versions")
        e.device = try internDevice(r.captureDevice)
        e.failureReason = try Self.code8(&failureReasons, r.failureReason, "failure reasons")
        e.metrics = r.metrics
        return e
    }

    static func checkRanges(_ r: StreamRecord) throws {
        func refuse(_ field: String, _ value: String, _ why: String) -> CallStoreLimitError {
            CallStoreLimitError(message: "\(field) = \(value): \(why)")
        }
        if r.rating > 5 { throw refuse("rating", "\(r.rating)", "out of range: 0 (not rated) or 1 to 5") }
        if let d = r.durationSeconds {
            guard d.isFinite, d >= 0 else { throw refuse("duration_s", "\(d)", "out of range: a duration is 0 or more seconds") }
            guard d < EncodedStream.maxDurationSeconds else {
                throw refuse("duration_s", "\(d)", "out of range: the longest stream kept is 65534 s (18.2 hours)")
            }
        }
        for kind in MetricKind.allCases {
            guard let v = r.metrics[kind] else { continue }
            guard v.isFinite, v >= 0 else { throw refuse(kind.fieldName, "\(v)", "out of range: metrics are 0 or more") }
            guard v <= kind.maximum else { throw refuse(kind.fieldName, "\(v)", "\(kind.rangeMessage)") }
        }
    }

    // MARK: dictionary codes that keep the derived per-code tables in step

    mutating func internSubnet(_ s: String) -> UInt32 {
        let c = subnets.intern(s)
        if Int(c) >= subnetRange.count { extendSubnetBuildings() }
        return c
    }

    mutating func internSubnet(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let c = subnets.intern(bytes)
        if Int(c) >= subnetRange.count { extendSubnetBuildings() }
        return c
    }

    mutating func internDevice(_ s: String) throws -> UInt16 {
        let c = try Self.code16(&devices, s, "capture devices")
        if Int(c) >= deviceCertified.count { extendDeviceCertification() }
        return c
    }

    mutating func internDevice(_ bytes: UnsafeRawBufferPointer) -> UInt16? {
        let c = devices.intern(bytes)
        guard c <= UInt32(UInt16.max) else { return nil }
        if Int(c) >= deviceCertified.count { extendDeviceCertification() }
        return UInt16(c)
    }

    static func code16(_ d: inout StringDictionary, _ s: String, _ what: String) throws -> UInt16 {
        let c = d.intern(s)
        guard c <= UInt32(UInt16.max) else {
            throw CallStoreLimitError(message: "more than 65,536 distinct \(what)")
        }
        return UInt16(c)
    }

    static func code8(_ d: inout StringDictionary, _ s: String, _ what: String) throws -> UInt8 {
        let c = d.intern(s)
        guard c <= 255 else { throw CallStoreLimitError(message: "more than 256 distinct \(what)") }
        return UInt8(c)
    }
}
