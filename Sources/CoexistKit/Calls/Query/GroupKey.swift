/// One grouping dimension bound to a store: how to turn a row into a small key (0..<cardinality),
/// and the label of each key. Raw column values go through a lookup table, so enums, packed bits,
/// dictionary strings and building-derived fields all share one loop.
struct GroupKey {
    enum Source {
        case u8(UnsafePointer<UInt8>, lut: [UInt32])
        case u16(UnsafePointer<UInt16>, lut: [UInt32])
        case u32(UnsafePointer<UInt32>, lut: [UInt32]?)
        /// (start / width) - origin, or through `table` for months.
        case time(UnsafePointer<UInt32>, width: UInt32, origin: UInt32, table: [UInt32]?)
    }
    let name: String
    let source: Source
    let labels: [ResultValue]
    let type: ColumnType
    var cardinality: Int { labels.count }

    /// keys[k] = keys[k] * cardinality + key(row idx[k])
    @inline(__always)
    func mix(_ idx: UnsafePointer<UInt32>, _ n: Int, _ keys: UnsafeMutablePointer<Int>) {
        let card = cardinality
        switch source {
        case .u8(let col, let lut):
            lut.withUnsafeBufferPointer { t in
                for k in 0..<n { keys[k] = keys[k] &* card &+ Int(t[Int(col[Int(idx[k])])]) }
            }
        case .u16(let col, let lut):
            lut.withUnsafeBufferPointer { t in
                for k in 0..<n { keys[k] = keys[k] &* card &+ Int(t[Int(col[Int(idx[k])])]) }
            }
        case .u32(let col, let lut):
            if let lut {
                lut.withUnsafeBufferPointer { t in
                    for k in 0..<n { keys[k] = keys[k] &* card &+ Int(t[Int(col[Int(idx[k])])]) }
                }
            } else {
                for k in 0..<n { keys[k] = keys[k] &* card &+ Int(col[Int(idx[k])]) }
            }
        case .time(let col, let width, let origin, let table):
            if let table {
                table.withUnsafeBufferPointer { t in
                    for k in 0..<n { keys[k] = keys[k] &* card &+ Int(t[Int(col[Int(idx[k])] / width - origin)]) }
                }
            } else {
                for k in 0..<n { keys[k] = keys[k] &* card &+ Int(col[Int(idx[k])] / width - origin) }
            }
        }
    }

    static func make(_ name: String, _ s: CallStore) throws -> GroupKey {
        if let bucket = TimeBucket(rawValue: name) { return time(bucket, s) }
        if CallField(rawValue: name) == nil && CallField.aliases[name] == nil, let d = s.derivedDimensions[name] {
            return derived(d, s)
        }
        if UserDimension(rawValue: name) != nil { throw CallQueryError.noUserDirectory(name) }
        let f: CallField
        do { f = try CallField.named(name) } catch CallQueryError.unknownField(let n, let suggestion) where !s.derivedDimensions.isEmpty {
            let candidates = CallField.allCases.map(\.rawValue) + Set(s.derivedDimensions.keys).union(UserDimension.names).sorted()
            throw CallQueryError.unknownField(n, suggestion: closest(to: n, in: candidates) ?? suggestion)
        }
        func byValues(_ count: Int, _ value: (Int) -> ResultValue) -> ([UInt32], [ResultValue]) {
            var labels: [ResultValue] = []
            var index: [String: UInt32] = [:]
            var lut = [UInt32](repeating: 0, count: count)
            for c in 0..<count {
                let v = value(c)
                let key = "\(v)"
                if let i = index[key] { lut[c] = i } else {
                    index[key] = UInt32(labels.count)
                    lut[c] = UInt32(labels.count)
                    labels.append(v)
                }
            }
            return (lut, labels)
        }
        func u8(_ col: PackedColumn<UInt8>, _ value: (Int) -> ResultValue) -> GroupKey {
            let (lut, labels) = byValues(256, value)
            return GroupKey(name: f.rawValue, source: .u8(col.pointer, lut: lut), labels: labels, type: f.type)
        }
        func dictionary(_ d: StringDictionary) -> [ResultValue] {
            (0..<UInt32(d.count)).map { $0 == 0 ? .null : .string(d[$0]) }
        }
        switch f {
        case .modality: return u8(s.modality) { .string((Modality(rawValue: UInt8($0)) ?? .unknown).name) }
        case .callType: return u8(s.callType) { .string((CallType(rawValue: UInt8($0)) ?? .unknown).name) }
        case .product: return u8(s.product) { .string((Product(rawValue: UInt8($0)) ?? .unknown).name) }
        case .connection, .wifiBand, .vpn, .transport: return u8(s.network) { networkValue(f, UInt8($0)) }
        case .ice: return u8(s.ice) { .string((IceConnectivity(rawValue: UInt8($0)) ?? .unknown).name) }
        case .rating: return u8(s.rating) { .int($0) }
        case .direction, .cdrAvailable, .setupFailed, .dropped: return u8(s.flags) { flagValue(f, UInt8($0)) }
        case .quality: return u8(s.quality) { .string(StreamQuality(packed: UInt8($0)).quality.name) }
        case .failureReason:
            let d = s.failureReasons
            return u8(s.failureReason) { $0 > 0 && $0 < d.count ? .string(d[UInt32($0)]) : .null }
        case .clientVersion, .captureDevice, .certified:
            let d = f == .clientVersion ? s.clientVersions : s.devices
            let (lut, labels) = byValues(d.count) { c in
                if f == .certified { return c == 0 ? .null : .bool(s.deviceCertified[c] != 0) }
                return c == 0 ? .null : .string(d[UInt32(c)])
            }
            var wide = [UInt32](repeating: 0, count: 65536)
            for c in 0..<min(lut.count, 65536) { wide[c] = lut[c] }
            return GroupKey(name: f.rawValue, source: .u16(f == .clientVersion ? s.clientVersion.pointer : s.device.pointer, lut: wide),
                            labels: labels, type: f.type)
        case .callId:
            return GroupKey(name: f.rawValue, source: .u32(s.call.pointer, lut: nil), labels: dictionary(s.callIds), type: .string)
        case .firstUser, .secondUser:
            return GroupKey(name: f.rawValue, source: .u32(f == .firstUser ? s.firstUser.pointer : s.secondUser.pointer, lut: nil),
                            labels: dictionary(s.users), type: .string)
        case .subnet:
            return GroupKey(name: f.rawValue, source: .u32(s.subnet.pointer, lut: nil), labels: dictionary(s.subnets), type: .string)
        case .building, .city, .country, .region, .inside:
            let (lut, labels) = byValues(s.subnets.count) { s.subnetValue(f, UInt32($0)) }
            return GroupKey(name: f.rawValue, source: .u32(s.subnet.pointer, lut: lut), labels: labels, type: f.type)
        case .start:
            throw CallQueryError.notGroupable(f.rawValue, reason: "group by hour, day, week or month instead")
        case .poorReason:
            throw CallQueryError.notGroupable(f.rawValue, reason: "a stream can have several; filter on it instead")
        default:
            throw CallQueryError.notGroupable(f.rawValue, reason: "it is a continuous value; filter on it, or summarize it")
        }
    }

    /// A derived dimension: the user column through the per-user label table.
    static func derived(_ d: DerivedDimension, _ s: CallStore) -> GroupKey {
        let full = d.completed(s.users)
        let labels: [ResultValue] = (0..<UInt32(full.labels.count)).map { $0 == 0 ? .null : .string(full.labels[$0]) }
        let column = d.source == .firstUser ? s.firstUser : s.secondUser
        return GroupKey(name: d.name, source: .u32(column.pointer, lut: full.codes), labels: labels, type: .string)
    }

    /// Buckets from the store's earliest to latest start (UTC).
    static func time(_ b: TimeBucket, _ s: CallStore) -> GroupKey {
        var lo = UInt32.max, hi: UInt32 = 0
        let p = s.start.pointer
        for i in 0..<s.count { lo = min(lo, p[i]); hi = max(hi, p[i]) }
        if s.count == 0 { lo = 0; hi = 0 }
        switch b {
        case .hour, .day:
            let w: UInt32 = b == .hour ? 3600 : 86400
            let labels = (lo / w...hi / w).map { ResultValue.date(Double($0) * Double(w)) }
            return GroupKey(name: b.rawValue, source: .time(p, width: w, origin: lo / w, table: nil), labels: labels, type: .date)
        case .week, .month:
            let d0 = lo / 86400, d1 = hi / 86400
            var table: [UInt32] = []
            var labels: [ResultValue] = []
            var last = Int.min
            for d in d0...d1 {
                let bucketStart: Int
                if b == .week {
                    bucketStart = Civil.monday(onOrBefore: Int(d))
                } else {
                    let (y, m, _) = Civil.date(days: Int(d))
                    bucketStart = Civil.days(year: y, month: m, day: 1)
                }
                if bucketStart != last { labels.append(.date(Double(bucketStart) * 86400)); last = bucketStart }
                table.append(UInt32(labels.count - 1))
            }
            return GroupKey(name: b.rawValue, source: .time(p, width: 86400, origin: d0, table: table), labels: labels, type: .date)
        }
    }
}
