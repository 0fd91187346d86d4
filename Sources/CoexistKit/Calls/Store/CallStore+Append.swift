/// Why an append was refused: a dictionary outgrew its column's code width, or a value is out of range.
public struct CallStoreLimitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension CallStore {
    /// Appends one stream, classifying it from its exact values.
    public mutating func append(_ r: StreamRecord) throws {
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
        e.rating = min(r.rating, 5)
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
        appendEncoded(e)
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
