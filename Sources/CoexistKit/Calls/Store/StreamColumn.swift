/// The per-stream columns of `CallStore`, listed once. Reserving, measuring, merging, filtering
/// (`keeping`), the import sink, row views and query compilation walk this list (`updateColumns`,
/// `readColumns`) instead of naming the columns, so a column added here reaches all of them, and
/// `StreamColumnsTests` round-trips a store through every walker to catch one that was missed.
///
/// The CSV import's inner loop (`StreamSink.append`) keeps its straight-line writes: a walk per row
/// would cost on the importer's hot path. The sink's pointers and counts come from the walk.
public enum StreamColumn: Int, CaseIterable, Sendable {
    case call, start, duration, modality, callType, product, network, ice, rating, failureReason, quality, flags
    case clientVersion, device, firstUser, secondUser, subnet
    case metric0, metric1, metric2, metric3, metric4, metric5

    /// How a column's values are stored.
    public enum Storage: Sendable { case u8, u16, u32 }

    /// The dictionary whose codes a column holds: a merge translates them into the receiving store's.
    public enum Dictionary: Sendable { case callIds, users, subnets, devices, clientVersions, failureReasons }

    public var storage: Storage {
        switch self {
        case .call, .start, .firstUser, .secondUser, .subnet: return .u32
        case .duration, .clientVersion, .device, .metric0, .metric1, .metric2, .metric3, .metric4, .metric5: return .u16
        default: return .u8
        }
    }

    /// Bytes per stream.
    public var width: Int {
        switch storage {
        case .u8: return 1
        case .u16: return 2
        case .u32: return 4
        }
    }

    public var dictionary: Dictionary? {
        switch self {
        case .call: return .callIds
        case .firstUser, .secondUser: return .users
        case .subnet: return .subnets
        case .device: return .devices
        case .clientVersion: return .clientVersions
        case .failureReason: return .failureReasons
        default: return nil
        }
    }

    /// Computed on append from the other columns (the CQD classification), so files do not carry it.
    public var isDerived: Bool { self == .quality }

    /// The metric slot (`MetricKind.slot`) of a metric column.
    public var metricSlot: Int? { rawValue >= StreamColumn.metric0.rawValue ? rawValue - StreamColumn.metric0.rawValue : nil }

    public var name: String { metricSlot.map { "metric\($0)" } ?? "\(self)" }

    /// The column a field is read from, and the other whose byte gates it (metrics: the modality),
    /// or nil for a field no single column holds.
    public static func of(_ f: CallField) -> StreamColumn {
        switch f {
        case .callId: return .call
        case .start: return .start
        case .duration: return .duration
        case .modality: return .modality
        case .callType: return .callType
        case .product: return .product
        case .clientVersion: return .clientVersion
        case .firstUser: return .firstUser
        case .secondUser: return .secondUser
        case .direction, .cdrAvailable, .setupFailed, .dropped: return .flags
        case .subnet, .building, .city, .country, .region, .inside: return .subnet
        case .connection, .wifiBand, .vpn, .transport: return .network
        case .ice: return .ice
        case .captureDevice, .certified: return .device
        case .failureReason: return .failureReason
        case .rating: return .rating
        case .quality, .poorReason: return .quality
        default: return StreamColumn(rawValue: StreamColumn.metric0.rawValue + f.metric!.slot)!
        }
    }

    /// Bytes all the columns take per stream.
    public static let bytesPerStream = allCases.reduce(0) { $0 + $1.width }
}

/// What a walk over the store's columns does to each: called once per `StreamColumn`, in list order,
/// with the column typed as it is stored.
protocol StreamColumnUpdate {
    mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>)
}

/// A walk that only reads.
protocol StreamColumnRead {
    mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>)
}

/// A read walk run as an update walk that changes nothing.
private struct ReadingWalk<V: StreamColumnRead>: StreamColumnUpdate {
    var inner: V
    mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
        inner.visit(c, column)
    }
}

extension CallStore {
    /// The one place a `StreamColumn` is bound to its stored property.
    mutating func updateColumns<V: StreamColumnUpdate>(_ v: inout V) {
        for c in StreamColumn.allCases {
            switch c {
            case .call: v.visit(c, &call)
            case .start: v.visit(c, &start)
            case .duration: v.visit(c, &duration)
            case .modality: v.visit(c, &modality)
            case .callType: v.visit(c, &callType)
            case .product: v.visit(c, &product)
            case .network: v.visit(c, &network)
            case .ice: v.visit(c, &ice)
            case .rating: v.visit(c, &rating)
            case .failureReason: v.visit(c, &failureReason)
            case .quality: v.visit(c, &quality)
            case .flags: v.visit(c, &flags)
            case .clientVersion: v.visit(c, &clientVersion)
            case .device: v.visit(c, &device)
            case .firstUser: v.visit(c, &firstUser)
            case .secondUser: v.visit(c, &secondUser)
            case .subnet: v.visit(c, &subnet)
            case .metric0, .metric1, .metric2, .metric3, .metric4, .metric5: v.visit(c, &metrics[c.metricSlot!])
            }
        }
    }

    /// Walks the columns without changing them (through a copy of the store, which shares them).
    func readColumns<V: StreamColumnRead>(_ v: inout V) {
        var copy = self
        var r = ReadingWalk(inner: v)
        copy.updateColumns(&r)
        v = r.inner
    }

    /// A column's values as raw memory (row views and compiled queries read it by `StreamColumn.storage`).
    /// Valid while this store (or a copy) is alive and unmodified.
    public func columnPointer(_ c: StreamColumn) -> UnsafeRawPointer {
        struct Find: StreamColumnRead {
            let want: StreamColumn
            var found: UnsafeRawPointer?
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
                if c == want { found = UnsafeRawPointer(column.pointer) }
            }
        }
        var f = Find(want: c)
        readColumns(&f)
        return f.found!
    }

    /// Each column's stored values widened to UInt32, by `StreamColumn`, for comparisons across stores.
    func columnValues(_ c: StreamColumn) -> [UInt32] {
        let p = columnPointer(c)
        switch c.storage {
        case .u8: return (0..<count).map { UInt32(p.assumingMemoryBound(to: UInt8.self)[$0]) }
        case .u16: return (0..<count).map { UInt32(p.assumingMemoryBound(to: UInt16.self)[$0]) }
        case .u32: return (0..<count).map { p.assumingMemoryBound(to: UInt32.self)[$0] }
        }
    }

    /// The dictionary a column's codes index.
    func dictionary(_ d: StreamColumn.Dictionary) -> StringDictionary {
        switch d {
        case .callIds: return callIds
        case .users: return users
        case .subnets: return subnets
        case .devices: return devices
        case .clientVersions: return clientVersions
        case .failureReasons: return failureReasons
        }
    }
}
