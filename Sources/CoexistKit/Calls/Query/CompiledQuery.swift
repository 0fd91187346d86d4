/// A query bound to one store: its conditions turned into `RowTest`s over that store's columns and
/// dictionaries. Owns the lookup tables; keep it alive while scanning.
final class CompiledQuery {
    let snapshot: CallStoreSnapshot
    private(set) var tests: [RowTest] = []
    private var tables: [UnsafeMutablePointer<UInt8>] = []
    /// Kept so the bitmaps the tests point into stay alive.
    private var selections: [RowSelection] = []
    static let chunk = 4096

    var store: CallStore { snapshot.store }

    init(_ query: CallQuery, _ snapshot: CallStoreSnapshot) throws {
        self.snapshot = snapshot
        var predicates: [RowTest] = []
        for c in query.conditions {
            switch c {
            case .predicate(let p): predicates.append(.predicate(p, snapshot))
            case .between(let from, let to):
                if let from, let to, to < from { throw CallQueryError.reversedRange(from: from, to: to) }
                let lo = from.map { UInt32(clamping: Int64($0.rounded(.up))) } ?? 0
                let toInclusive = to.map { Int64($0.rounded(.up)) - 1 }
                if let t = toInclusive, t < Int64(lo) { tests.append(.never); continue }
                tests.append(.range(store.start.pointer, lo: lo, hi: toInclusive.map { UInt32(clamping: $0) } ?? UInt32.max))
            case .compare(let f, let op, let values):
                try compile(f, op, values)
            case .derived(let name, let op, let labels):
                try compileDerived(name, op, labels)
            case .rows(let selection):
                guard selection.rowCount <= store.count else {
                    throw CallQueryError.badSelection("it was made on a store of \(selection.rowCount) rows, and this one has \(store.count)")
                }
                selections.append(selection)
                tests.append(.bits(selection.words.pointer, count: selection.rowCount))
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
        let test = FieldValues.test(f, op, values)
        func byteTable(_ value: (Int) -> ResultValue) -> UnsafeMutablePointer<UInt8> {
            let t = table(256)
            for b in 0..<256 { t[b] = test(value(b)) ? 1 : 0 }
            return t
        }
        func dictionaryTable(_ d: StringDictionary) -> UnsafeMutablePointer<UInt8> {
            let exact = !test.foldCase && [.eq, .in, .ne, .notIn].contains(op)
                && !(f == .subnet && values.contains { if case .string(let v) = $0 { return v.contains("/") }; return false })
            let t = table(d.count)
            if exact {
                // Equality: look the operands up rather than compare every code with them.
                let positive = op == .eq || op == .in
                if !positive { t.update(repeating: 1, count: d.count) }
                for v in values {
                    if case .string(let str) = v, let c = d.code(of: str), c != 0 { t[Int(c)] = positive ? 1 : 0 }
                }
                t[0] = 0   // missing matches nothing
            } else {
                t[0] = test(.null) ? 1 : 0
                for c in 1..<max(d.count, 1) { t[c] = test(.string(d[UInt32(c)])) ? 1 : 0 }
            }
            return t
        }
        // The column each field is read from (`StreamColumn.of`), typed as it is stored.
        let column = s.columnPointer(StreamColumn.of(f))
        let u16 = column.assumingMemoryBound(to: UInt16.self), u32 = column.assumingMemoryBound(to: UInt32.self)
        if let _ = s.byteValue(f, 0) {
            // A field held in one byte: its value is a function of that byte, tested once per byte value.
            tests.append(.u8(column.assumingMemoryBound(to: UInt8.self), lut: byteTable { s.byteValue(f, UInt8($0)) ?? .null }))
            return
        }
        switch f {
        case .poorReason:
            // A stream has a list of reasons: a positive test holds when one of them matches, a negative
            // one when none does (and there is a list: a stream with no reason is missing, as in SQL).
            let negative = op == .ne || op == .notIn || op == .notLike
            let positive = negative ? ValueTest(op == .ne ? .eq : op == .notIn ? .in : .like, values, foldCase: false) : test
            let t = table(256 * 8)
            for q in 0..<256 {
                for m in 0..<8 {
                    let names = StreamQuality(packed: UInt8(q)).reasons.names(for: Modality(rawValue: UInt8(m)) ?? .unknown)
                    let hit: Bool
                    switch op {
                    case .isNull: hit = names.isEmpty
                    case .notNull: hit = !names.isEmpty
                    default:
                        let any = names.contains { positive(.string($0)) }
                        hit = negative ? !names.isEmpty && !any : any
                    }
                    t[q << 3 | m] = hit ? 1 : 0
                }
            }
            tests.append(.u8Pair(s.quality.pointer, s.modality.pointer, lut: t))
        case .clientVersion:
            let t = dictionaryTable(s.clientVersions)
            tests.append(.u16(u16, lut: wide(t, s.clientVersions.count)))
        case .captureDevice:
            let t = dictionaryTable(s.devices)
            tests.append(.u16(u16, lut: wide(t, s.devices.count)))
        case .certified:
            let t = table(65536)
            t[0] = test(.null) ? 1 : 0
            for c in 1..<min(s.devices.count, 65536) {
                t[c] = test(.bool(s.deviceCertified[c] != 0)) ? 1 : 0
            }
            tests.append(.u16(u16, lut: t))
        case .callId:
            tests.append(.u32(u32, lut: dictionaryTable(s.callIds), count: s.callIds.count))
        case .firstUser:
            tests.append(.u32(u32, lut: dictionaryTable(s.users), count: s.users.count))
        case .secondUser:
            tests.append(.u32(u32, lut: dictionaryTable(s.users), count: s.users.count))
        case .subnet:
            tests.append(.u32(u32, lut: dictionaryTable(s.subnets), count: s.subnets.count))
        case .building, .city, .country, .region, .inside:
            // Tested once per range of the building file, then looked up per subnet code.
            let ranges = s.buildingFile.ranges
            var perRange = [UInt8](repeating: 0, count: ranges.count)
            var perBuilding: [Int: UInt8] = [:]
            for (r, range) in ranges.enumerated() {
                if f == .inside { perRange[r] = test(.bool(range.insideCorp)) ? 1 : 0; continue }
                if let hit = perBuilding[range.building] { perRange[r] = hit; continue }
                let hit: UInt8 = test(s.subnetValue(f, range: r)) ? 1 : 0
                perBuilding[range.building] = hit
                perRange[r] = hit
            }
            let outside: UInt8 = test(f == .inside ? .bool(false) : .null) ? 1 : 0
            let n = s.subnets.count
            let t = table(n)
            for c in 0..<n {
                let r = Int(s.subnetRange[c])
                t[c] = r >= 0 ? perRange[r] : outside
            }
            tests.append(.u32(u32, lut: t, count: n))
        case .duration:
            let t = table(65536)
            for c in 0..<65535 { t[c] = test(.int(c)) ? 1 : 0 }
            t[65535] = test(.null) ? 1 : 0
            tests.append(.u16(u16, lut: t))
        case .start:
            switch op {
            case .isNull: tests.append(.never); return
            case .notNull: return
            default: break
            }
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
            tests.append(.range(u32, lo: UInt32(max(lo, 0)), hi: UInt32(min(hi, Double(UInt32.max)))))
        default:
            let kind = f.metric!
            let t = table(65536)
            for c in 0..<Int(MetricKind.missing) {
                t[c] = test(.double(kind.decode(UInt16(c))!)) ? 1 : 0
            }
            t[Int(MetricKind.missing)] = test(.null) ? 1 : 0
            // A stored code means a value only for the modalities the metric applies to; for the others
            // the metric is missing, which only `is null` matches.
            let gate = table(256)
            var gated = false
            for m in 0..<256 {
                if kind.applies(to: Modality(rawValue: UInt8(m)) ?? .unknown) { gate[m] = 1 } else { gated = true }
            }
            if op == .isNull {
                if gated { for m in 0..<256 { gate[m] ^= 1 } }
                tests.append(.u16OrU8(u16, lut: t, s.modality.pointer, or: gated ? gate : table(256)))
            } else {
                if gated { tests.append(.u8(s.modality.pointer, lut: gate)) }
                tests.append(.u16(u16, lut: t))
            }
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
        let test = ValueTest(op, wanted.map { .string($0) }, foldCase: true)
        var labelMatches = [UInt8](repeating: test(.null) ? 1 : 0, count: max(full.labels.count, 1))
        for c in 1..<max(full.labels.count, 1) { labelMatches[c] = test(.string(full.labels[UInt32(c)])) ? 1 : 0 }
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
