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
        let net = network[i], fl = flags[i]
        switch f {
        case .callId: return str(callIds, call[i])
        case .start: return .date(Double(start[i]))
        case .duration: return duration[i] == 0xFFFF ? .null : .int(Int(duration[i]))
        case .modality: return .string((Modality(rawValue: modality[i]) ?? .unknown).name)
        case .callType: return .string((CallType(rawValue: callType[i]) ?? .unknown).name)
        case .product: return .string((Product(rawValue: product[i]) ?? .unknown).name)
        case .clientVersion: return str(clientVersions, UInt32(clientVersion[i]))
        case .firstUser: return str(users, firstUser[i])
        case .secondUser: return str(users, secondUser[i])
        case .direction: return .string(fl & FlagBits.secondToFirst != 0 ? "second_to_first" : "first_to_second")
        case .subnet: return str(subnets, subnet[i])
        case .building, .city, .country, .region, .inside: return subnetValue(f, subnet[i])
        case .connection: return .string((NetworkConnection(rawValue: net & NetworkBits.connectionMask) ?? .unknown).name)
        case .wifiBand: return .string((WifiBand(rawValue: (net & NetworkBits.bandMask) >> NetworkBits.bandShift) ?? .unknown).name)
        case .vpn: return .bool(net & NetworkBits.vpn != 0)
        case .transport: return .string((Transport(rawValue: (net & NetworkBits.transportMask) >> NetworkBits.transportShift) ?? .unknown).name)
        case .ice: return .string((IceConnectivity(rawValue: ice[i]) ?? .unknown).name)
        case .captureDevice: return str(devices, UInt32(device[i]))
        case .certified: return device[i] == 0 ? .null : .bool(deviceCertified[Int(device[i])] != 0)
        case .cdrAvailable: return .bool(fl & FlagBits.cdrAvailable != 0)
        case .setupFailed: return .bool(fl & FlagBits.setupFailed != 0)
        case .dropped: return .bool(fl & FlagBits.dropped != 0)
        case .failureReason: return str(failureReasons, UInt32(failureReason[i]))
        case .rating: return .int(Int(rating[i]))
        case .quality: return .string(StreamQuality(packed: quality[i]).quality.name)
        case .poorReason:
            let names = StreamQuality(packed: quality[i]).reasons.names(for: Modality(rawValue: modality[i]) ?? .unknown)
            return names.isEmpty ? .null : .string(names.joined(separator: ","))
        default:
            let kind = f.metric!
            guard kind.applies(to: Modality(rawValue: modality[i]) ?? .unknown) else { return .null }
            return kind.decode(metrics[kind.slot][i]).map { .double($0) } ?? .null
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
