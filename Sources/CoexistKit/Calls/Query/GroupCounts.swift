/// The counters every measure is computed from, per group. One pass fills them; measures are ratios
/// of them with CQD's denominators (see `CallMeasure`).
struct GroupCounts {
    var streams: Int32 = 0
    var poor: Int32 = 0, good: Int32 = 0, unclassified: Int32 = 0
    var audio: Int32 = 0, audioPoor: Int32 = 0, audioGood: Int32 = 0, audioUnclassified: Int32 = 0
    var cdr: Int32 = 0, setupFailed: Int32 = 0, setupSucceeded: Int32 = 0, dropped: Int32 = 0
    /// Audio, video and VBSS streams: the TCP share's denominator (QER guide).
    var tcpBase: Int32 = 0, tcp: Int32 = 0, http: Int32 = 0
    var audioWithDevice: Int32 = 0, certified: Int32 = 0
    var rated: Int32 = 0, poorRated: Int32 = 0

    mutating func add(_ o: GroupCounts) {
        streams += o.streams; poor += o.poor; good += o.good; unclassified += o.unclassified
        audio += o.audio; audioPoor += o.audioPoor; audioGood += o.audioGood; audioUnclassified += o.audioUnclassified
        cdr += o.cdr; setupFailed += o.setupFailed; setupSucceeded += o.setupSucceeded; dropped += o.dropped
        tcpBase += o.tcpBase; tcp += o.tcp; http += o.http
        audioWithDevice += o.audioWithDevice; certified += o.certified; rated += o.rated; poorRated += o.poorRated
    }
}

/// Column pointers the accumulation loop reads.
struct CountColumns {
    let quality, modality, flags, network, ice, rating: UnsafePointer<UInt8>
    let device: UnsafePointer<UInt16>
    let certified: UnsafePointer<UInt8>
    let devices: Bool
    let ratings: Bool

    init(_ s: CallStore, devices: Bool, ratings: Bool) {
        quality = s.quality.pointer; modality = s.modality.pointer; flags = s.flags.pointer
        network = s.network.pointer; ice = s.ice.pointer; rating = s.rating.pointer
        device = s.device.pointer
        certified = s.deviceCertified.withUnsafeBufferPointer { $0.baseAddress! }   // kept alive by the snapshot
        self.devices = devices
        self.ratings = ratings
    }

    @inline(__always)
    func accumulate(_ c: inout GroupCounts, _ i: Int) {
        let q = quality[i] & QualityBits.classMask
        let m = modality[i]
        let f = flags[i]
        let isPoor: Int32 = q == QualityClass.poor.rawValue ? 1 : 0
        let isGood: Int32 = q == QualityClass.good.rawValue ? 1 : 0
        let isUnc: Int32 = q == QualityClass.unclassified.rawValue ? 1 : 0
        let isAudio: Int32 = m == Modality.audio.rawValue ? 1 : 0
        c.streams &+= 1
        c.poor &+= isPoor; c.good &+= isGood; c.unclassified &+= isUnc
        c.audio &+= isAudio; c.audioPoor &+= isAudio & isPoor; c.audioGood &+= isAudio & isGood
        c.audioUnclassified &+= isAudio & isUnc
        let cdr = Int32(f & FlagBits.cdrAvailable)
        let failed = Int32((f & FlagBits.setupFailed) >> 1)
        c.cdr &+= cdr
        c.setupFailed &+= failed & cdr
        c.setupSucceeded &+= cdr & (1 - failed)
        c.dropped &+= Int32((f & FlagBits.dropped) >> 2) & cdr & (1 - failed)
        let media: Int32 = (m >= Modality.audio.rawValue && m <= Modality.vbss.rawValue) ? 1 : 0
        c.tcpBase &+= media
        c.tcp &+= media & ((network[i] & NetworkBits.transportMask) == Transport.tcp.rawValue << NetworkBits.transportShift ? 1 : 0)
        c.http &+= ice[i] == IceConnectivity.http.rawValue ? 1 : 0
        if devices {
            let d = Int(device[i])
            let has: Int32 = d != 0 ? 1 : 0
            c.audioWithDevice &+= isAudio & has
            c.certified &+= isAudio & has & Int32(certified[d])
        }
        if ratings {
            let r = rating[i]
            c.rated &+= r != 0 ? 1 : 0
            c.poorRated &+= (r == 1 || r == 2) ? 1 : 0
        }
    }
}
