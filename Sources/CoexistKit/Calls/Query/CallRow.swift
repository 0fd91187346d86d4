/// The store a query ran on, shared by reference so row views are cheap to make (one retain, not one
/// per column).
public final class CallStoreSnapshot: @unchecked Sendable {
    public let store: CallStore
    public init(_ store: CallStore) { self.store = store }
}

/// A view of one stream: read fields by `CallField` (fast) or by name.
public struct CallRow {
    public let snapshot: CallStoreSnapshot
    /// 0-based row in the store.
    public let index: Int

    public init(_ snapshot: CallStoreSnapshot, _ index: Int) {
        self.snapshot = snapshot
        self.index = index
    }

    /// nil for an unknown name (use `CallField.named` for the error with a suggestion).
    public subscript(name: String) -> ResultValue? {
        guard let f = try? CallField.named(name) else { return nil }
        return value(f)
    }

    public func value(_ f: CallField) -> ResultValue { snapshot.store.value(f, at: index) }

    public var modality: Modality { Modality(rawValue: snapshot.store.modality[index]) ?? .unknown }
    public var quality: StreamQuality { StreamQuality(packed: snapshot.store.quality[index]) }

    /// The stream as a record (metrics as stored, within their documented precision).
    public var record: StreamRecord { snapshot.store.record(at: index) }
}

extension CallStore {
    /// One field of one row, decoded. Missing values are `.null`.
    public func value(_ f: CallField, at i: Int) -> ResultValue {
        func str(_ d: StringDictionary, _ c: UInt32) -> ResultValue { c == 0 ? .null : .string(d[c]) }
        switch f {
        case .modality: return byteValue(f, modality[i])!
        case .callType: return byteValue(f, callType[i])!
        case .product: return byteValue(f, product[i])!
        case .connection, .wifiBand, .vpn, .transport: return byteValue(f, network[i])!
        case .direction, .cdrAvailable, .setupFailed, .dropped: return byteValue(f, flags[i])!
        case .ice: return byteValue(f, ice[i])!
        case .rating: return byteValue(f, rating[i])!
        case .quality: return byteValue(f, quality[i])!
        case .failureReason: return byteValue(f, failureReason[i])!
        case .callId: return str(callIds, call[i])
        case .start: return .date(Double(start[i]))
        case .duration: return duration[i] == 0xFFFF ? .null : .int(Int(duration[i]))
        case .clientVersion: return str(clientVersions, UInt32(clientVersion[i]))
        case .firstUser: return str(users, firstUser[i])
        case .secondUser: return str(users, secondUser[i])
        case .subnet: return str(subnets, subnet[i])
        case .building, .city, .country, .region, .inside: return subnetValue(f, subnet[i])
        case .captureDevice: return str(devices, UInt32(device[i]))
        case .certified: return device[i] == 0 ? .null : .bool(deviceCertified[Int(device[i])] != 0)
        case .poorReason:
            let names = StreamQuality(packed: quality[i]).reasons.names(for: Modality(rawValue: modality[i]) ?? .unknown)
            return names.isEmpty ? .null : .string(names.joined(separator: ","))
        default:
            let kind = f.metric!
            guard kind.applies(to: Modality(rawValue: modality[i]) ?? .unknown) else { return .null }
            return kind.decode(metrics[kind.slot][i]).map { .double($0) } ?? .null
        }
    }

    /// The value of a field held in one byte of its column (`StreamColumn.of`), from that byte: what row
    /// reads and compiled queries (a table over the 256 bytes) share. nil for the other fields.
    func byteValue(_ f: CallField, _ b: UInt8) -> ResultValue? {
        switch f {
        case .modality: return .string((Modality(rawValue: b) ?? .unknown).name)
        case .callType: return .string((CallType(rawValue: b) ?? .unknown).name)
        case .product: return .string((Product(rawValue: b) ?? .unknown).name)
        case .connection, .wifiBand, .vpn, .transport: return networkValue(f, b)
        case .direction, .cdrAvailable, .setupFailed, .dropped: return flagValue(f, b)
        case .ice: return .string((IceConnectivity(rawValue: b) ?? .unknown).name)
        case .rating: return .int(Int(b))
        case .quality: return .string(StreamQuality(packed: b).quality.name)
        case .failureReason: return b > 0 && Int(b) < failureReasons.count ? .string(failureReasons[UInt32(b)]) : .null
        default: return nil
        }
    }

    /// Building-derived fields of a subnet code.
    func subnetValue(_ f: CallField, _ code: UInt32) -> ResultValue {
        let r = subnetRange[Int(code)]
        guard r >= 0 else { return f == .inside ? .bool(false) : .null }
        return subnetValue(f, range: Int(r))
    }

    /// Building-derived fields of a range of the building file.
    func subnetValue(_ f: CallField, range r: Int) -> ResultValue {
        let range = buildingFile.ranges[r]
        let b = buildingFile.buildings[range.building]
        func s(_ x: String) -> ResultValue { x.isEmpty ? .null : .string(x) }
        switch f {
        case .building: return s(b.name)
        case .city: return s(b.city)
        case .country: return s(b.country)
        case .region: return s(b.region)
        default: return .bool(range.insideCorp)
        }
    }

    public func record(at i: Int) -> StreamRecord {
        func s(_ f: CallField) -> String { if case .string(let v) = value(f, at: i) { return v }; return "" }
        func d(_ f: CallField) -> Double? { if case .double(let v) = value(f, at: i) { return v }; return nil }
        var m = StreamMetrics()
        for kind in MetricKind.allCases {
            if let f = CallField.allCases.first(where: { $0.metric == kind }) { m[kind] = d(f) }
        }
        let net = network[i], fl = flags[i]
        return StreamRecord(
            callId: s(.callId), start: Int64(start[i]), durationSeconds: duration[i] == 0xFFFF ? nil : Double(duration[i]),
            modality: Modality(rawValue: modality[i]) ?? .unknown, callType: CallType(rawValue: callType[i]) ?? .unknown,
            product: Product(rawValue: product[i]) ?? .unknown, clientVersion: s(.clientVersion),
            firstUser: s(.firstUser), secondUser: s(.secondUser),
            direction: fl & FlagBits.secondToFirst != 0 ? .secondToFirst : .firstToSecond, subnet: s(.subnet),
            connection: NetworkConnection(rawValue: net & NetworkBits.connectionMask) ?? .unknown,
            wifiBand: WifiBand(rawValue: (net & NetworkBits.bandMask) >> NetworkBits.bandShift) ?? .unknown,
            vpn: net & NetworkBits.vpn != 0,
            transport: Transport(rawValue: (net & NetworkBits.transportMask) >> NetworkBits.transportShift) ?? .unknown,
            ice: IceConnectivity(rawValue: ice[i]) ?? .unknown, captureDevice: s(.captureDevice), metrics: m,
            cdrAvailable: fl & FlagBits.cdrAvailable != 0, setupFailed: fl & FlagBits.setupFailed != 0,
            failureReason: s(.failureReason), dropped: fl & FlagBits.dropped != 0, rating: rating[i])
    }
}
