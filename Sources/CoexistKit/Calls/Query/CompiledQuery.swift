/// A query bound to one store: its conditions turned into `RowTest`s over that store's columns and
/// dictionaries. Owns the lookup tables; keep it alive while scanning.
final class CompiledQuery {
    let snapshot: CallStoreSnapshot
    private(set) var tests: [RowTest] = []
    private var tables: [UnsafeMutablePointer<UInt8>] = []
    static let chunk = 4096

    var store: CallStore { snapshot.store }

    init(_ query: CallQuery, _ snapshot: CallStoreSnapshot) throws {
        self.snapshot = snapshot
        var predicates: [RowTest] = []
        for c in query.conditions {
            switch c {
            case .predicate(let p): predicates.append(.predicate(p, snapshot))
            case .between(let from, let to):
                let lo = from.map { UInt32(clamping: Int64($0.rounded(.up))) } ?? 0
                let toInclusive = to.map { Int64($0.rounded(.up)) - 1 }
                if let t = toInclusive, t < Int64(lo) { tests.append(.never); continue }
                tests.append(.range(store.start.pointer, lo: lo, hi: toInclusive.map { UInt32(clamping: $0) } ?? UInt32.max))
            case .compare(let f, let op, let values):
                try compile(f, op, values)
            case .derived(let name, let op, let labels):
                try compileDerived(name, op, labels)
            }
        }
        // Predicates last: they are the slow ones, so they should see as few rows as possible.
        tests += predicates
        if tests.contains(where: { if case .never = $0 { return true }; return false }) { tests = [.never] }
    }

    deinit { for t in tables { t.deallocate() } }

    /// Predicates call back into non-thread-safe code (Lua), so a query with one runs on one thread.
    var sequentialOnly: Bool { tests.contains { $0.isPredicate } }

    func parts() -> [Range<Int>] {
        sequentialOnly ? (store.count == 0 ? [] : [0..<store.count]) : Parallel.ranges(store.count)
    }

    /// Calls `body` with batches of matching row indices, in row order, for rows in `range`.
    func scan(_ range: Range<Int>, _ body: (UnsafePointer<UInt32>, Int) -> Void) {
        let idx = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.chunk)
        defer { idx.deallocate() }
        var lo = range.lowerBound
        while lo < range.upperBound {
            let hi = min(lo + Self.chunk, range.upperBound)
            var n: Int
            if tests.isEmpty {
                for i in lo..<hi { idx[i - lo] = UInt32(truncatingIfNeeded: i) }
                n = hi - lo
            } else {
                n = tests[0].first(lo, hi, idx)
                var t = 1
                while t < tests.count && n > 0 { n = tests[t].refine(idx, n); t += 1 }
            }
            if n > 0 { body(UnsafePointer(idx), n) }
            lo = hi
        }
    }

    private func table(_ size: Int, _ fill: UInt8 = 0) -> UnsafeMutablePointer<UInt8> {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: max(size, 1))
        t.initialize(repeating: fill, count: max(size, 1))
        tables.append(t)
        return t
    }

    private func compile(_ f: CallField, _ op: FilterOp, _ values: [ResultValue]) throws {
        let s = store
        func byteTable(_ value: (Int) -> ResultValue) -> UnsafeMutablePointer<UInt8> {
            let t = table(256)
            for b in 0..<256 { t[b] = FieldValues.matches(value(b), op, values) ? 1 : 0 }
            return t
        }
        func dictionaryTable(_ d: StringDictionary) -> UnsafeMutablePointer<UInt8> {
            let positive = op == .eq || op == .in
            let t = table(d.count, positive ? 0 : 1)
            t[0] = 0   // missing matches nothing
            for v in values {
                if case .string(let str) = v, let c = d.code(of: str), c != 0 { t[Int(c)] = positive ? 1 : 0 }
            }
            return t
        }
        switch f {
        case .modality:
            tests.append(.u8(s.modality.pointer, lut: byteTable { .string((Modality(rawValue: UInt8($0)) ?? .unknown).name) }))
        case .callType:
            tests.append(.u8(s.callType.pointer, lut: byteTable { .string((CallType(rawValue: UInt8($0)) ?? .unknown).name) }))
        case .product:
            tests.append(.u8(s.product.pointer, lut: byteTable { .string((Product(rawValue: UInt8($0)) ?? .unknown).name) }))
        case .connection, .wifiBand, .vpn, .transport:
            tests.append(.u8(s.network.pointer, lut: byteTable { b in networkValue(f, UInt8(b)) }))
        case .ice:
            tests.append(.u8(s.ice.pointer, lut: byteTable { .string((IceConnectivity(rawValue: UInt8($0)) ?? .unknown).name) }))
        case .rating:
            tests.append(.u8(s.rating.pointer, lut: byteTable { .int($0) }))
        case .direction, .cdrAvailable, .setupFailed, .dropped:
            tests.append(.u8(s.flags.pointer, lut: byteTable { b in flagValue(f, UInt8(b)) }))
        case .quality:
            tests.append(.u8(s.quality.pointer, lut: byteTable { .string(StreamQuality(packed: UInt8($0)).quality.name) }))
        case .poorReason:
            let t = table(256 * 8)
            for q in 0..<256 {
                for m in 0..<8 {
                    let names = StreamQuality(packed: UInt8(q)).reasons.names(for: Modality(rawValue: UInt8(m)) ?? .unknown)
                    let hit = names.contains { FieldValues.matches(.string($0), .eq, [values[0]]) || (op == .in && values.contains(.string($0))) }
                    t[q << 3 | m] = (op == .ne || op == .notIn) ? (names.isEmpty || hit ? 0 : 1) : (hit ? 1 : 0)
                }
            }
            tests.append(.u8Pair(s.quality.pointer, s.modality.pointer, lut: t))
        case .failureReason:
            let d = s.failureReasons
            tests.append(.u8(s.failureReason.pointer, lut: byteTable { $0 < d.count && $0 > 0 ? .string(d[UInt32($0)]) : .null }))
        case .clientVersion:
            let t = dictionaryTable(s.clientVersions)
            tests.append(.u16(s.clientVersion.pointer, lut: wide(t, s.clientVersions.count)))
        case .captureDevice:
            let t = dictionaryTable(s.devices)
            tests.append(.u16(s.device.pointer, lut: wide(t, s.devices.count)))
        case .certified:
            let t = table(65536)
            for c in 1..<min(s.devices.count, 65536) {
                t[c] = FieldValues.matches(.bool(s.deviceCertified[c] != 0), op, values) ? 1 : 0
            }
            tests.append(.u16(s.device.pointer, lut: t))
        case .callId:
            tests.append(.u32(s.call.pointer, lut: dictionaryTable(s.callIds), count: s.callIds.count))
        case .firstUser:
            tests.append(.u32(s.firstUser.pointer, lut: dictionaryTable(s.users), count: s.users.count))
        case .secondUser:
            tests.append(.u32(s.secondUser.pointer, lut: dictionaryTable(s.users), count: s.users.count))
        case .subnet:
            tests.append(.u32(s.subnet.pointer, lut: dictionaryTable(s.subnets), count: s.subnets.count))
        case .building, .city, .country, .region, .inside:
            let n = s.subnets.count
            let t = table(n)
            for c in 0..<n { t[c] = FieldValues.matches(s.subnetValue(f, UInt32(c)), op, values) ? 1 : 0 }
            tests.append(.u32(s.subnet.pointer, lut: t, count: n))
        case .duration:
            let t = table(65536)
            for c in 0..<65535 { t[c] = FieldValues.matches(.int(c), op, values) ? 1 : 0 }
            tests.append(.u16(s.duration.pointer, lut: t))
        case .start:
            guard let x = values.first.flatMap(FieldValues.number) else { tests.append(.never); return }
            let lo: Double, hi: Double
            switch op {
            case .eq: (lo, hi) = (x, x)
            case .gt: (lo, hi) = (x.rounded(.down) + 1, Double(UInt32.max))
            case .ge: (lo, hi) = (x.rounded(.up), Double(UInt32.max))
            case .lt: (lo, hi) = (0, x.rounded(.up) - 1)
            case .le: (lo, hi) = (0, x.rounded(.down))
            default:
                throw CallQueryError.badOperator(field: f.rawValue, op: op.rawValue, reason: "use between(from, to) or <, >")
            }
            if lo > hi || hi < 0 || lo > Double(UInt32.max) || (op == .eq && x != x.rounded()) { tests.append(.never); return }
            tests.append(.range(s.start.pointer, lo: UInt32(max(lo, 0)), hi: UInt32(min(hi, Double(UInt32.max)))))
        default:
            let kind = f.metric!
            // A stored code means a value only for the modalities the metric applies to.
            let gate = table(256)
            var gated = false
            for m in Modality.allCases {
                if kind.applies(to: m) { gate[Int(m.rawValue)] = 1 } else { gated = true }
            }
            if gated { tests.append(.u8(s.modality.pointer, lut: gate)) }
            let t = table(65536)
            for c in 0..<Int(MetricKind.missing) {
                t[c] = FieldValues.matches(.double(kind.decode(UInt16(c))!), op, values) ? 1 : 0
            }
            tests.append(.u16(s.metrics[kind.slot].pointer, lut: t))
        }
    }

    /// A per-user-code table: does the user's label match? Labels are names, matched case-insensitively.
    private func compileDerived(_ name: String, _ op: FilterOp, _ wanted: [String]) throws {
        let s = store
        guard let d = s.derivedDimensions[name] else {
            if UserDimension(rawValue: name) != nil { throw CallQueryError.noUserDirectory(name) }
            throw CallQueryError.unknownField(name, suggestion: closest(to: name, in: Array(s.derivedDimensions.keys) + CallField.allCases.map(\.rawValue)))
        }
        let full = d.completed(s.users)
        let positive = op == .eq || op == .in
        let keys = Set(wanted.map { $0.lowercased() })
        var labelMatches = [UInt8](repeating: 0, count: full.labels.count)
        for c in 1..<max(full.labels.count, 1) {
            labelMatches[c] = keys.contains(full.labels[UInt32(c)].lowercased()) == positive ? 1 : 0
        }
        let n = s.users.count
        let t = table(n)
        for c in 0..<n { t[c] = labelMatches[Int(full.labelCode(ofUser: UInt32(c)))] }
        let column = d.source == .firstUser ? s.firstUser : s.secondUser
        tests.append(.u32(column.pointer, lut: t, count: n))
    }

    /// A dictionary table padded to the full 16-bit range, so u16 codes need no bounds check.
    private func wide(_ t: UnsafeMutablePointer<UInt8>, _ count: Int) -> UnsafeMutablePointer<UInt8> {
        let w = table(65536)
        w.update(from: t, count: min(count, 65536))
        return w
    }
}

func networkValue(_ f: CallField, _ b: UInt8) -> ResultValue {
    switch f {
    case .connection: return .string((NetworkConnection(rawValue: b & NetworkBits.connectionMask) ?? .unknown).name)
    case .wifiBand: return .string((WifiBand(rawValue: (b & NetworkBits.bandMask) >> NetworkBits.bandShift) ?? .unknown).name)
    case .vpn: return .bool(b & NetworkBits.vpn != 0)
    default: return .string((Transport(rawValue: (b & NetworkBits.transportMask) >> NetworkBits.transportShift) ?? .unknown).name)
    }
}

func flagValue(_ f: CallField, _ b: UInt8) -> ResultValue {
    switch f {
    case .direction: return .string(b & FlagBits.secondToFirst != 0 ? "second_to_first" : "first_to_second")
    case .cdrAvailable: return .bool(b & FlagBits.cdrAvailable != 0)
    case .setupFailed: return .bool(b & FlagBits.setupFailed != 0)
    default: return .bool(b & FlagBits.dropped != 0)
    }
}
