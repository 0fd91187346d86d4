/// Appends encoded streams to a store's columns through raw pointers: the importers' hot path.
///
/// `PackedColumn.append` checks uniqueness and capacity per value, 24 times a row; a sink checks
/// capacity once per row and writes plain memory. Open it with `CallStore.openSink`, append, and
/// `close` it into the same store before anything else touches the store's columns (its
/// dictionaries may change meanwhile: they are not columns).
struct StreamSink {
    private(set) var count: Int
    private(set) var capacity: Int
    private let call, start, firstUser, secondUser, subnet: UnsafeMutablePointer<UInt32>
    private let duration, clientVersion, device: UnsafeMutablePointer<UInt16>
    private let modality, callType, product, network, ice, rating, failureReason, quality, flags: UnsafeMutablePointer<UInt8>
    private let m0, m1, m2, m3, m4, m5: UnsafeMutablePointer<UInt16>

    fileprivate init(_ s: inout CallStore, capacity: Int) {
        count = s.count
        self.capacity = capacity
        call = s.call.mutableBase(reserving: capacity)
        start = s.start.mutableBase(reserving: capacity)
        firstUser = s.firstUser.mutableBase(reserving: capacity)
        secondUser = s.secondUser.mutableBase(reserving: capacity)
        subnet = s.subnet.mutableBase(reserving: capacity)
        duration = s.duration.mutableBase(reserving: capacity)
        clientVersion = s.clientVersion.mutableBase(reserving: capacity)
        device = s.device.mutableBase(reserving: capacity)
        modality = s.modality.mutableBase(reserving: capacity)
        callType = s.callType.mutableBase(reserving: capacity)
        product = s.product.mutableBase(reserving: capacity)
        network = s.network.mutableBase(reserving: capacity)
        ice = s.ice.mutableBase(reserving: capacity)
        rating = s.rating.mutableBase(reserving: capacity)
        failureReason = s.failureReason.mutableBase(reserving: capacity)
        quality = s.quality.mutableBase(reserving: capacity)
        flags = s.flags.mutableBase(reserving: capacity)
        m0 = s.metrics[0].mutableBase(reserving: capacity)
        m1 = s.metrics[1].mutableBase(reserving: capacity)
        m2 = s.metrics[2].mutableBase(reserving: capacity)
        m3 = s.metrics[3].mutableBase(reserving: capacity)
        m4 = s.metrics[4].mutableBase(reserving: capacity)
        m5 = s.metrics[5].mutableBase(reserving: capacity)
    }

    var isFull: Bool { count == capacity }

    /// Classifies the stream from its exact values and writes it. The caller checks `isFull` first.
    /// `inout` only so that the 200-byte stream is passed by address, not copied for every row.
    @inline(__always)
    mutating func append(_ e: inout EncodedStream) {
        precondition(count < capacity, "stream sink is full")
        let i = count
        let m = e.metrics, mod = e.modality
        call[i] = e.call
        start[i] = e.start
        duration[i] = e.duration
        modality[i] = mod.rawValue
        callType[i] = e.callType.rawValue
        product[i] = e.product.rawValue
        network[i] = NetworkBits.pack(e.connection, e.wifiBand, e.transport, e.vpn)
        ice[i] = e.ice.rawValue
        rating[i] = e.rating
        failureReason[i] = e.failureReason
        quality[i] = CQDClassifier.classify(modality: mod, ice: e.ice, metrics: m).packed
        flags[i] = FlagBits.pack(cdr: e.cdrAvailable, setupFailed: e.setupFailed, dropped: e.dropped,
                                 direction: e.direction)
        clientVersion[i] = e.clientVersion
        device[i] = e.device
        firstUser[i] = e.firstUser
        secondUser[i] = e.secondUser
        subnet[i] = e.subnet
        m0[i] = MetricKind.jitter.encode(m.jitterMs, modality: mod)
        m1[i] = MetricKind.packetLoss.encode(m.packetLossRate, modality: mod)
        m2[i] = MetricKind.roundTrip.encode(m.roundTripMs, modality: mod)
        switch mod {
        case .audio:
            m3[i] = MetricKind.concealedRatio.encode(m.concealedRatio, modality: mod)
            m4[i] = MetricKind.degradation.encode(m.audioDegradation, modality: mod)
            m5[i] = MetricKind.missing
        case .video, .vbss:
            m3[i] = MetricKind.frameLoss.encode(m.videoFrameLossPct, modality: mod)
            m4[i] = MetricKind.frameRate.encode(m.videoFrameRate, modality: mod)
            m5[i] = MetricKind.postFECLoss.encode(m.videoPostFECPLR, modality: mod)
        case .appsharing:
            m3[i] = MetricKind.spoiledTiles.encode(m.spoiledTilePct, modality: mod)
            m4[i] = MetricKind.tileLatency.encode(m.tileLatencyMs, modality: mod)
            m5[i] = MetricKind.relativeOneWay.encode(m.relativeOneWaySeconds, modality: mod)
        case .unknown:
            m3[i] = MetricKind.missing
            m4[i] = MetricKind.missing
            m5[i] = MetricKind.missing
        }
        count = i + 1
    }

    /// Hands the appended streams to the store the sink was opened on.
    func close(into s: inout CallStore) {
        s.call.setCount(count); s.start.setCount(count); s.firstUser.setCount(count)
        s.secondUser.setCount(count); s.subnet.setCount(count); s.duration.setCount(count)
        s.clientVersion.setCount(count); s.device.setCount(count); s.modality.setCount(count)
        s.callType.setCount(count); s.product.setCount(count); s.network.setCount(count)
        s.ice.setCount(count); s.rating.setCount(count); s.failureReason.setCount(count)
        s.quality.setCount(count); s.flags.setCount(count)
        for k in 0..<6 { s.metrics[k].setCount(count) }
    }
}

extension CallStore {
    /// A sink with room for at least `minimumCapacity` streams in all (not just new ones).
    mutating func openSink(minimumCapacity: Int) -> StreamSink {
        StreamSink(&self, capacity: Swift.max(minimumCapacity, count))
    }

    /// Appends one stream, classifying it from its exact values (one at a time: importers use a sink).
    mutating func appendEncoded(_ e: EncodedStream) {
        var e = e
        var sink = openSink(minimumCapacity: count < call.capacity ? call.capacity : Swift.max(16, count * 2))
        sink.append(&e)
        sink.close(into: &self)
    }
}
