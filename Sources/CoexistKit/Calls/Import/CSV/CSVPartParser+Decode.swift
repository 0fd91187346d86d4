import CHotPaths

/// Field decoders: one per column, shared by the two ways a record is decoded.
///
/// `decodeKnown` is the hot path: straight-line code over the columns in a fixed order, each a
/// predictable branch on whether the header has it, with no per-field dispatch. It only says whether
/// the record is good; when it is not, `apply` decodes the record again field by field in header
/// order, so the error named is the first one a reader of the line would find.
extension CSVPartParser {
    /// Decodes every known column of a record whose field count matches the header. False at the
    /// first bad value (the caller then runs the header-order path to name it).
    ///
    /// In four groups, each its own function: the optimizer stops inlining into a function past a
    /// size, and as one function the field decoders became calls (each value's conversion too).
    @inline(__always)
    mutating func decodeKnown(_ e: inout EncodedStream) -> Bool {
        // The side table first: a conference row (First Is Server) reads the client's Second columns.
        var crossed = false
        let serverField = sides.firstIsServerField
        if serverField >= 0 {
            guard let v = enumValue(.firstIsServer, record.field(serverField, fileEnd: fileEnd), CSVSides.serverValue) else { return false }
            crossed = v == 1
        }
        columnField = crossed ? sides.second : sides.first
        // The call and the users are looked up in big dictionaries, whose lines miss the cache: their
        // loads start here and the lookups finish after the other fields are decoded.
        guard let callField = known(.callId), callField.n > 0 else { return false }
        let callHash = pendingHash(.callId, callField)
        if let h = callHash { store.callIds.prefetch(hash: h) }
        let firstField = known(.firstUser), secondField = known(.secondUser)
        let firstHash = firstField.flatMap { pendingHash(.firstUser, $0) }
        if let h = firstHash { store.users.prefetch(hash: h) }
        let secondHash = secondField.flatMap { pendingHash(.secondUser, $0) }
        if let h = secondHash { store.users.prefetch(hash: h) }
        guard decodeEnumerations(&e), decodeSmallDictionaries(&e) else { return false }
        // Halfway: the slots have arrived; start loading the strings they point to.
        if let h = callHash { store.callIds.prefetchEntry(hash: h) }
        if let h = firstHash { store.users.prefetchEntry(hash: h) }
        if let h = secondHash { store.users.prefetchEntry(hash: h) }
        guard decodeNumbers(&e) else { return false }
        e.call = finishLookup(.callId, callField, callHash) { s, b, h in s.callIds.intern(b, hash: h) }
        if let f = firstField { e.firstUser = finishLookup(.firstUser, f, firstHash) { s, b, h in s.users.intern(b, hash: h) } }
        if let f = secondField { e.secondUser = finishLookup(.secondUser, f, secondHash) { s, b, h in s.users.intern(b, hash: h) } }
        // Crossed, the stream's direction is said from the client's side too.
        if crossed && columnField[CSVColumn.direction.rawValue] >= 0 {
            e.direction = e.direction == .firstToSecond ? .secondToFirst : .firstToSecond
        }
        rowIdentity = identity(e, hasFirst: firstField != nil, hasSecond: secondField != nil)
        return true
    }

    /// The row's identity (see `StreamIdentity`) from the hashes the lookups already made.
    @inline(__always)
    func identity(_ e: EncodedStream, hasFirst: Bool, hasSecond: Bool) -> UInt64 {
        let call = lastHash[CSVColumn.callId.rawValue]
        let first = hasFirst ? lastHash[CSVColumn.firstUser.rawValue] : StreamIdentity.emptyHash
        let second = hasSecond ? lastHash[CSVColumn.secondUser.rawValue] : StreamIdentity.emptyHash
        if let f = known(.streamId), f.n > 0 {
            return StreamIdentity.keyed(call: call, key: byteHash(f.p, f.n), firstUser: first, secondUser: second, direction: e.direction)
        }
        return StreamIdentity.unkeyed(call: call, firstUser: first, secondUser: second,
                                      start: e.start, duration: e.duration, modality: e.modality, direction: e.direction,
                                      network: NetworkBits.pack(e.connection, e.wifiBand, e.transport, e.vpn), ice: e.ice)
    }

    @inline(__always)
    func known(_ c: CSVColumn) -> CSVField? {
        let i = columnField[c.rawValue]
        return i < 0 ? nil : record.field(i, fileEnd: fileEnd)
    }

    @inline(never)
    mutating func decodeEnumerations(_ e: inout EncodedStream) -> Bool {
        if let f = known(.modality) { guard modality(f, &e) == nil else { return false } } else { return false }
        if let f = known(.callType) { guard callType(f, &e) == nil else { return false } }
        if let f = known(.product) { guard product(f, &e) == nil else { return false } }
        if let f = known(.direction) { guard direction(f, &e) == nil else { return false } }
        if let f = known(.connection) { guard connection(f, &e) == nil else { return false } }
        if let f = known(.wifiBand) { guard wifiBand(f, &e) == nil else { return false } }
        if let f = known(.transport) { guard transport(f, &e) == nil else { return false } }
        if let f = known(.ice) { guard ice(f, &e) == nil else { return false } }
        if let f = known(.secondIce) { guard otherIce(f, &e) == nil else { return false } }
        if let f = known(.vpn) { guard Self.flag(.vpn, f, &e) == nil else { return false } }
        if let f = known(.cdrAvailable) { guard Self.flag(.cdrAvailable, f, &e) == nil else { return false } }
        if let f = known(.setupFailed) { guard Self.flag(.setupFailed, f, &e) == nil else { return false } }
        if let f = known(.dropped) { guard Self.flag(.dropped, f, &e) == nil else { return false } }
        if let f = known(.rating) { guard rating(f, &e) == nil else { return false } }
        if let f = known(.mediaFailureType) { guard mediaFailureType(f, &e) == nil else { return false } }
        return true
    }

    @inline(never)
    mutating func decodeSmallDictionaries(_ e: inout EncodedStream) -> Bool {
        if let f = known(.clientVersion) { guard clientVersion(f, &e) == nil else { return false } }
        if let f = known(.subnet) { e.subnet = subnet(f) }
        if let f = known(.captureDevice) { guard captureDevice(f, &e) == nil else { return false } }
        if let f = known(.failureReason) { guard failureReason(f, &e) == nil else { return false } }
        return true
    }

    /// An empty metric is skipped without a call: the stream's metrics start missing, and most rows
    /// leave half of them empty.
    @inline(never)
    func decodeNumbers(_ e: inout EncodedStream) -> Bool {
        if let f = known(.start) { guard Self.start(f, &e) == nil else { return false } } else { return false }
        if let f = known(.duration) { guard Self.duration(f, &e) == nil else { return false } }
        if let f = known(.jitter), f.n > 0 { guard Self.metric(.jitter, f, &e.metrics.jitterMs) == nil else { return false } }
        if let f = known(.packetLoss), f.n > 0 { guard Self.metric(.packetLoss, f, &e.metrics.packetLossRate) == nil else { return false } }
        if let f = known(.roundTrip), f.n > 0 { guard Self.metric(.roundTrip, f, &e.metrics.roundTripMs) == nil else { return false } }
        if let f = known(.concealedRatio), f.n > 0 { guard Self.metric(.concealedRatio, f, &e.metrics.concealedRatio) == nil else { return false } }
        if let f = known(.degradation), f.n > 0 { guard Self.metric(.degradation, f, &e.metrics.audioDegradation) == nil else { return false } }
        if let f = known(.frameLoss), f.n > 0 { guard Self.metric(.frameLoss, f, &e.metrics.videoFrameLossPct) == nil else { return false } }
        if let f = known(.frameRate), f.n > 0 { guard Self.metric(.frameRate, f, &e.metrics.videoFrameRate) == nil else { return false } }
        if let f = known(.postFECLoss), f.n > 0 { guard Self.metric(.postFECLoss, f, &e.metrics.videoPostFECPLR) == nil else { return false } }
        if let f = known(.spoiledTiles), f.n > 0 { guard Self.metric(.spoiledTiles, f, &e.metrics.spoiledTilePct) == nil else { return false } }
        if let f = known(.tileLatency), f.n > 0 { guard Self.metric(.tileLatency, f, &e.metrics.tileLatencyMs) == nil else { return false } }
        if let f = known(.relativeOneWay), f.n > 0 { guard Self.metric(.relativeOneWay, f, &e.metrics.relativeOneWaySeconds) == nil else { return false } }
        return true
    }

    /// Decodes one field into the stream; returns a message when the value is bad.
    mutating func apply(_ column: CSVColumn, _ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        switch column {
        case .callId: e.call = finishLookup(.callId, f, pendingHash(.callId, f)) { s, b, h in s.callIds.intern(b, hash: h) }
        case .firstUser: e.firstUser = finishLookup(.firstUser, f, pendingHash(.firstUser, f)) { s, b, h in s.users.intern(b, hash: h) }
        case .secondUser: e.secondUser = finishLookup(.secondUser, f, pendingHash(.secondUser, f)) { s, b, h in s.users.intern(b, hash: h) }
        case .firstIsServer:
            if enumValue(.firstIsServer, f, CSVSides.serverValue) == nil { return "bad First Is Server (want Server or Client)" }
        case .secondIce: return otherIce(f, &e)
        case .secondSubnet, .secondConnection, .secondWifiBand, .secondVpn, .secondTransport, .secondCaptureDevice,
             .secondClientVersion, .secondProduct, .secondRating:
            break
        case .subnet: e.subnet = subnet(f)
        case .clientVersion: return clientVersion(f, &e)
        case .captureDevice: return captureDevice(f, &e)
        case .failureReason: return failureReason(f, &e)
        case .start: return Self.start(f, &e)
        case .duration: return Self.duration(f, &e)
        case .modality: return modality(f, &e)
        case .callType: return callType(f, &e)
        case .product: return product(f, &e)
        case .direction: return direction(f, &e)
        case .connection: return connection(f, &e)
        case .wifiBand: return wifiBand(f, &e)
        case .transport: return transport(f, &e)
        case .ice: return ice(f, &e)
        case .vpn, .cdrAvailable, .setupFailed, .dropped: return Self.flag(column, f, &e)
        case .mediaFailureType: return mediaFailureType(f, &e)
        case .rating: return rating(f, &e)
        case .streamId: break
        case .jitter: return Self.metric(.jitter, f, &e.metrics.jitterMs)
        case .packetLoss: return Self.metric(.packetLoss, f, &e.metrics.packetLossRate)
        case .roundTrip: return Self.metric(.roundTrip, f, &e.metrics.roundTripMs)
        case .concealedRatio: return Self.metric(.concealedRatio, f, &e.metrics.concealedRatio)
        case .degradation: return Self.metric(.degradation, f, &e.metrics.audioDegradation)
        case .frameLoss: return Self.metric(.frameLoss, f, &e.metrics.videoFrameLossPct)
        case .frameRate: return Self.metric(.frameRate, f, &e.metrics.videoFrameRate)
        case .postFECLoss: return Self.metric(.postFECLoss, f, &e.metrics.videoPostFECPLR)
        case .spoiledTiles: return Self.metric(.spoiledTiles, f, &e.metrics.spoiledTilePct)
        case .tileLatency: return Self.metric(.tileLatency, f, &e.metrics.tileLatencyMs)
        case .relativeOneWay: return Self.metric(.relativeOneWay, f, &e.metrics.relativeOneWaySeconds)
        }
        return nil
    }

    // MARK: dictionary columns

    @inline(__always)
    mutating func subnet(_ f: CSVField) -> UInt32 {
        interned(.subnet, f) { s, b in s.internSubnet(b) }
    }

    @inline(__always)
    mutating func clientVersion(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        let c = interned(.clientVersion, f) { s, b in s.clientVersions.intern(b) }
        guard c <= UInt32(UInt16.max) else { return "too many distinct client versions (the limit is 65,536)" }
        e.clientVersion = UInt16(c)
        return nil
    }

    @inline(__always)
    mutating func captureDevice(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        let c = interned(.captureDevice, f) { s, b in UInt32(s.internDevice(b) ?? UInt16.max) }
        guard c < UInt32(UInt16.max) else { return "too many distinct capture devices (the limit is 65,535)" }
        e.device = UInt16(c)
        return nil
    }

    @inline(__always)
    mutating func failureReason(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        let c = interned(.failureReason, f) { s, b in s.failureReasons.intern(b) }
        guard c <= 255 else { return "too many distinct failure reasons (the limit is 256)" }
        e.failureReason = UInt8(c)
        return nil
    }

    // MARK: numbers, dates and flags

    @inline(__always)
    static func start(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        guard let t = ByteParsers.timestamp(f.p, f.n) else { return ByteParsers.timestampProblem(f.p, f.n) }
        guard t >= 0 && t <= Int64(UInt32.max) else { return "date-time outside 1970-2106" }
        e.start = UInt32(t)
        return nil
    }

    @inline(__always)
    static func duration(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        if f.n == 0 || ByteParsers.isNull(f.p, f.n) { e.duration = 0xFFFF; return nil }
        guard let d = ByteParsers.decimal(f.p, f.n), d >= 0 else { return "bad duration (want seconds, 0 or more)" }
        guard d < EncodedStream.maxDurationSeconds else { return "out of range: the longest stream kept is 65534 s (18.2 hours)" }
        e.duration = EncodedStream.durationCode(d)
        return nil
    }

    /// A metric: empty or "null" stays missing (never zero); otherwise a finite number from 0 to the
    /// metric's `maximum`. Beyond it the value is refused, not clamped: a ratio of 1.5 or a frame loss
    /// of 140 % is a broken export, and a clamped value would still be counted.
    @inline(__always)
    static func metric(_ kind: MetricKind, _ f: CSVField, _ slot: inout Double?) -> StaticString? {
        if f.n == 0 || ByteParsers.isNull(f.p, f.n) { slot = nil; return nil }
        guard let v = ByteParsers.decimal(f.p, f.n), v.isFinite else { return "bad number" }
        guard v >= 0 else { return "negative value; metrics are 0 or more" }
        guard v <= kind.maximum else { return kind.rangeMessage }
        slot = v
        return nil
    }

    @_transparent
    static func flag(_ column: CSVColumn, _ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        guard let b = ByteParsers.bool(f.p, f.n) else { return "bad Boolean (want 1/0 or true/false)" }
        switch column {
        case .vpn: e.vpn = b ?? false
        case .cdrAvailable: e.cdrAvailable = b ?? true
        case .setupFailed: e.setupFailed = e.setupFailed || (b ?? false)
        default: e.dropped = e.dropped || (b ?? false)
        }
        return nil
    }

    // MARK: enumerations

    // Transparent, as is `enumValue`: `@inline(__always)` left each of these a call per field, with
    // the value's conversion another.

    /// A stream enumeration's field: its spelling through the column's cache, its case into `slot`.
    @_transparent
    mutating func enumeration<E: RawRepresentable>(_ column: CSVColumn, _ f: CSVField, _ parse: (String) -> E?,
                                                  _ slot: inout E, _ message: StaticString) -> StaticString?
    where E.RawValue == UInt8 {
        guard let v = enumValue(column, f, { parse($0)?.rawValue }), let value = E(rawValue: v) else { return message }
        slot = value
        return nil
    }

    @_transparent
    mutating func modality(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.modality, f, Modality.parse, &e.modality, "bad modality (want audio, video, vbss or appsharing)")
    }

    @_transparent
    mutating func callType(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.callType, f, CallType.parse, &e.callType, "bad call type (want p2p, conference or pstn)")
    }

    @_transparent
    mutating func product(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.product, f, Product.parse, &e.product, "bad product (want teams or sfb)")
    }

    @_transparent
    mutating func direction(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.direction, f, StreamDirection.parse, &e.direction, "bad direction (want first_to_second or second_to_first)")
    }

    @_transparent
    mutating func connection(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.connection, f, NetworkConnection.parse, &e.connection, "bad network connection (want wired, wifi, mobile, tunnel or other)")
    }

    @_transparent
    mutating func wifiBand(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.wifiBand, f, WifiBand.parse, &e.wifiBand, "bad Wi-Fi band (want 2.4ghz, 5ghz or 60ghz)")
    }

    @_transparent
    mutating func transport(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.transport, f, Transport.parse, &e.transport, "bad transport (want udp or tcp)")
    }

    @_transparent
    mutating func ice(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        enumeration(.ice, f, IceConnectivity.parse, &e.ice, "bad ICE connectivity (want direct, relay, http or failed)")
    }

    /// The other endpoint's ICE: only a failure counts (it makes the stream Unclassified whichever
    /// side failed, "Stream classification in Call Quality Dashboard").
    @_transparent
    mutating func otherIce(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        var other = IceConnectivity.unknown
        if let m = enumeration(.secondIce, f, IceConnectivity.parse, &other, "bad ICE connectivity (want direct, relay, http or failed)") {
            return m
        }
        if other == .failed { e.ice = .failed }
        return nil
    }

    @_transparent
    mutating func mediaFailureType(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        guard let v = enumValue(.mediaFailureType, f, { k in
            switch k {
            case "callsetup": return 1
            case "midcall": return 2
            case "notmediafailure", "", "none": return 0
            default: return nil
            }
        }) else { return "bad media failure type (want CallSetup, Midcall or NotMediaFailure)" }
        if v == 1 { e.setupFailed = true } else if v == 2 { e.dropped = true }
        return nil
    }

    @_transparent
    mutating func rating(_ f: CSVField, _ e: inout EncodedStream) -> StaticString? {
        guard let v = enumValue(.rating, f, { k in
            switch k {
            case "", "0", "notrated": return 0
            case "1", "bad": return 1
            case "2", "poor": return 2
            case "3", "fair": return 3
            case "4", "good": return 4
            case "5", "excellent": return 5
            default: return nil
            }
        }) else { return "bad rating (want 1 to 5, or empty)" }
        e.rating = v
        return nil
    }

    // MARK: per-column caches

    /// A dictionary code, through a last-value cache: consecutive rows often share a call, a user or a
    /// device. A quoted field lives in scratch, which the next record overwrites, so it is not cached.
    @inline(__always)
    mutating func interned(_ column: CSVColumn, _ f: CSVField,
                           _ intern: (inout CallStore, UnsafeRawBufferPointer) -> UInt32) -> UInt32 {
        let c = column.rawValue
        if isLastValue(c, f) { return lastCode[c] }
        let code = intern(&store, UnsafeRawBufferPointer(start: f.p, count: f.n))
        remember(c, f, code)
        return code
    }

    /// The first half of `interned`, for a lookup finished later by `finishLookup`: nil when the
    /// last-value cache answers, else the bytes' hash.
    @inline(__always)
    func pendingHash(_ column: CSVColumn, _ f: CSVField) -> UInt64? {
        isLastValue(column.rawValue, f) ? nil : byteHash(f.p, f.n)
    }

    /// Whether column `c`'s last-value cache holds `f`'s bytes.
    @inline(__always)
    func isLastValue(_ c: Int, _ f: CSVField) -> Bool {
        guard !f.quoted, lastLength[c] == f.n, let lp = lastPointer[c] else { return false }
        return f.n == 0 || sameBytes(lp, f.p, f.n)
    }

    @inline(__always)
    mutating func finishLookup(_ column: CSVColumn, _ f: CSVField, _ hash: UInt64?,
                               _ intern: (inout CallStore, UnsafeRawBufferPointer, UInt64) -> UInt32) -> UInt32 {
        let c = column.rawValue
        guard let h = hash else { return lastCode[c] }
        let code = intern(&store, UnsafeRawBufferPointer(start: f.p, count: f.n), h)
        remember(c, f, code)
        lastHash[c] = h
        return code
    }

    @inline(__always)
    func remember(_ c: Int, _ f: CSVField, _ code: UInt32) {
        if !f.quoted {
            lastPointer[c] = f.p
            lastLength[c] = f.n
            lastCode[c] = code
        } else {
            lastLength[c] = -1
        }
    }

    /// An enumeration's raw value through a tiny per-column cache of the spellings seen.
    @_transparent
    mutating func enumValue(_ column: CSVColumn, _ f: CSVField, _ parse: (String) -> UInt8?) -> UInt8? {
        // Enum values are short: up to 8 bytes, the masked word times an odd constant (a bijection)
        // is the key, with no byte loop.
        let h: UInt64
        let n = f.n
        if n <= 8 && f.wordSafe {
            let w = UInt64(littleEndian: coexist_load64(f.p))
            let mask: UInt64 = n == 8 ? ~0 : (1 << UInt64(n * 8)) &- 1
            h = ((w & mask) &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)
        } else {
            h = byteHash(f.p, n)
        }
        let c = column.rawValue
        // First a direct-mapped slot by the hash's top bits: one predictable branch, where a scan
        // of the spellings seen mispredicted whenever the value changed (direction alternates).
        let direct = c * Self.cacheWays + Int(truncatingIfNeeded: h >> 60)
        if directValues[direct] != Self.noValue && directKeys[direct] == h { return directValues[direct] }
        let keys = enumKeys + c * Self.cacheWays, values = enumValues + c * Self.cacheWays
        let count = enumCounts[c]
        for k in 0..<count where keys[k] == h { return values[k] }
        guard let v = parse(ByteParsers.key(f.p, n)) else { return nil }
        if count < Self.cacheWays {
            keys[count] = h
            values[count] = v
            enumCounts[c] = count + 1
            if directValues[direct] == Self.noValue {
                directKeys[direct] = h
                directValues[direct] = v
            }
        }
        return v
    }
}
