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
        // The pointers come from the column walk; `append` writes through them by name, straight-line,
        // because a walk per row would cost on the importer's hot path.
        struct Bases: StreamColumnUpdate {
            let capacity: Int
            var bases: [UnsafeMutableRawPointer] = []
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                bases.append(UnsafeMutableRawPointer(column.mutableBase(reserving: capacity)))
            }
        }
        var walk = Bases(capacity: capacity)
        walk.bases.reserveCapacity(StreamColumn.allCases.count)
        s.updateColumns(&walk)
        let bases = walk.bases
        func base<T>(_ c: StreamColumn, _: T.Type) -> UnsafeMutablePointer<T> { bases[c.rawValue].assumingMemoryBound(to: T.self) }
        count = s.count
        self.capacity = capacity
        call = base(.call, UInt32.self)
        start = base(.start, UInt32.self)
        firstUser = base(.firstUser, UInt32.self)
        secondUser = base(.secondUser, UInt32.self)
        subnet = base(.subnet, UInt32.self)
        duration = base(.duration, UInt16.self)
        clientVersion = base(.clientVersion, UInt16.self)
        device = base(.device, UInt16.self)
        modality = base(.modality, UInt8.self)
        callType = base(.callType, UInt8.self)
        product = base(.product, UInt8.self)
        network = base(.network, UInt8.self)
        ice = base(.ice, UInt8.self)
        rating = base(.rating, UInt8.self)
        failureReason = base(.failureReason, UInt8.self)
        quality = base(.quality, UInt8.self)
        flags = base(.flags, UInt8.self)
        m0 = base(.metric0, UInt16.self)
        m1 = base(.metric1, UInt16.self)
        m2 = base(.metric2, UInt16.self)
        m3 = base(.metric3, UInt16.self)
        m4 = base(.metric4, UInt16.self)
        m5 = base(.metric5, UInt16.self)
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
        struct SetCount: StreamColumnUpdate {
            let n: Int
            func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                column.setCount(n)
            }
        }
        var set = SetCount(n: count)
        s.updateColumns(&set)
    }
}

extension CallStore {
    /// A sink with room for at least `minimumCapacity` streams in all (not just new ones).
    mutating func openSink(minimumCapacity: Int) -> StreamSink {
        StreamSink(&self, capacity: Swift.max(minimumCapacity, count))
    }

    /// A sink with room for `n` more streams; the columns grow by doubling, so a sink opened per batch
    /// does not copy the store once a batch.
    mutating func openSink(adding n: Int) -> StreamSink {
        let need = count + n
        return openSink(minimumCapacity: need <= call.capacity ? call.capacity : Swift.max(need, count * 2))
    }

    /// Appends one stream, classifying it from its exact values (one at a time: importers use a sink).
    mutating func appendEncoded(_ e: EncodedStream) {
        var e = e
        var sink = openSink(minimumCapacity: count < call.capacity ? call.capacity : Swift.max(16, count * 2))
        sink.append(&e)
        sink.close(into: &self)
    }
}
