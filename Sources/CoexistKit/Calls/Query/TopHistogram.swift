/// The top-N fast path: one pass that counts each group's streams by (CQD class, modality).
///
/// `top` asks for one dimension and one measure, and the common measures (streams, poor counts, poor
/// rates, audio poor rate) are all sums over those 15 cells. So instead of gathering row indices and
/// filling 20 counters per row, each row adds 1 to one cell of its group: filters become a byte mask
/// per chunk, filtered-out rows go to a spare group, and labels are made only for the n winners
/// (a subnet dimension has tens of thousands of them).
struct TopHistogram {
    static let stride = 16
    /// 64 bytes of cells per group and per thread: beyond this (call ids), the general path's sparse
    /// map uses less memory than the histogram would.
    static let maxGroups = 1 << 18

    /// Measures that are functions of the class x modality cells.
    static func supports(_ m: CallMeasure) -> Bool {
        switch m {
        case .streams, .poor, .good, .unclassified, .poorPct, .audioStreams, .audioPoor, .audioGood,
             .audioUnclassified, .audioPoorPct: return true
        default: return false
        }
    }

    /// The key column and how to label a key, without building every label up front.
    struct Key {
        let source: GroupKey.Source
        let cardinality: Int
        let name: String
        let type: ColumnType
        let label: (Int) -> ResultValue
    }

    static func key(_ name: String, _ s: CallStore) throws -> Key? {
        func dictionary(_ col: PackedColumn<UInt32>, _ d: StringDictionary, _ f: CallField) -> Key {
            Key(source: .u32(col.pointer, lut: nil), cardinality: d.count, name: f.rawValue, type: .string) { c in
                c == 0 ? .null : .string(d[UInt32(c)])
            }
        }
        switch CallField(rawValue: name) ?? CallField.aliases[name] {
        case .subnet?: return dictionary(s.subnet, s.subnets, .subnet)
        case .firstUser?: return dictionary(s.firstUser, s.users, .firstUser)
        case .secondUser?: return dictionary(s.secondUser, s.users, .secondUser)
        case .callId?: return dictionary(s.call, s.callIds, .callId)
        default:
            let k = try GroupKey.make(name, s)
            if case .time = k.source { return nil }
            return Key(source: k.source, cardinality: k.cardinality, name: k.name, type: k.type) { k.labels[$0] }
        }
    }

    /// Cell counts per group, `stride` per group, for groups 0..<cardinality (plus a spare one).
    static func count(_ q: CompiledQuery, _ key: Key) -> [Int32] {
        let s = q.store
        let card = key.cardinality
        let size = (card + 1) * stride
        // Cell = class * 5 + modality, through tables so that no stored byte can index out of the group.
        var classCell = [Int32](repeating: 0, count: 256)
        var modalityCell = [Int32](repeating: 0, count: 256)
        for b in 0..<256 {
            classCell[b] = Int32(min(b & Int(QualityBits.classMask), 2) * 5)
            modalityCell[b] = Int32(min(b, 4))
        }
        let parts = q.parts()
        var partial = [[Int32]](repeating: [], count: parts.count)
        let quality = s.quality.pointer, modality = s.modality.pointer
        partial.withUnsafeMutableBufferPointer { out in
            Parallel.perform(parts.count) { p in
                var h = [Int32](repeating: 0, count: size)
                let ok = UnsafeMutablePointer<UInt8>.allocate(capacity: CompiledQuery.chunk)
                defer { ok.deallocate() }
                h.withUnsafeMutableBufferPointer { hb in
                    classCell.withUnsafeBufferPointer { cc in
                        modalityCell.withUnsafeBufferPointer { mc in
                            let h = hb.baseAddress!
                            var lo = parts[p].lowerBound
                            while lo < parts[p].upperBound {
                                let hi = min(lo + CompiledQuery.chunk, parts[p].upperBound)
                                ok.initialize(repeating: 1, count: hi - lo)
                                for t in q.tests { t.mask(lo, hi, ok) }
                                @inline(__always) func add(_ i: Int, _ group: Int) {
                                    let g = ok[i &- lo] != 0 ? group : card
                                    h[g &* stride &+ Int(cc[Int(quality[i])] &+ mc[Int(modality[i])])] &+= 1
                                }
                                switch key.source {
                                case .u32(let col, nil):
                                    for i in lo..<hi { add(i, Int(col[i])) }
                                case .u32(let col, let lut?):
                                    lut.withUnsafeBufferPointer { t in for i in lo..<hi { add(i, Int(t[Int(col[i])])) } }
                                case .u16(let col, let lut):
                                    lut.withUnsafeBufferPointer { t in for i in lo..<hi { add(i, Int(t[Int(col[i])])) } }
                                case .u8(let col, let lut):
                                    lut.withUnsafeBufferPointer { t in for i in lo..<hi { add(i, Int(t[Int(col[i])])) } }
                                case .time:
                                    break
                                }
                                lo = hi
                            }
                        }
                    }
                }
                out[p] = h
            }
        }
        guard var total = partial.first else { return [Int32](repeating: 0, count: size) }
        for part in partial.dropFirst() { for j in 0..<size { total[j] &+= part[j] } }
        return total
    }

    /// One group's cells as the counters the measures read (only the class and modality ones).
    static func counts(_ h: UnsafeBufferPointer<Int32>, group g: Int) -> GroupCounts {
        var c = GroupCounts()
        let base = g * stride
        for cls in 0..<3 {
            for mod in 0..<5 {
                let n = h[base + cls * 5 + mod]
                c.streams += n
                switch cls {
                case 2: c.poor += n
                case 1: c.good += n
                default: c.unclassified += n
                }
                if mod == Int(Modality.audio.rawValue) {
                    switch cls {
                    case 2: c.audioPoor += n
                    case 1: c.audioGood += n
                    default: c.audioUnclassified += n
                    }
                    c.audio += n
                }
            }
        }
        return c
    }
}

extension CallStore {
    /// `top` through `TopHistogram`, or nil when the query or measure needs the general path.
    func fastTop(_ query: CallQuery, dimension: String, n: Int, measure m: CallMeasure, minStreams: Int) throws -> ResultSet? {
        guard TopHistogram.supports(m) else { return nil }
        let q = try CompiledQuery(query, CallStoreSnapshot(self))
        guard !q.sequentialOnly, let key = try TopHistogram.key(dimension, self),
              key.cardinality <= TopHistogram.maxGroups else { return nil }
        let h = TopHistogram.count(q, key)
        var ranked: [(group: Int, value: Double?, streams: Int32)] = []
        h.withUnsafeBufferPointer { hb in
            for g in 0..<key.cardinality {
                let c = TopHistogram.counts(hb, group: g)
                guard c.streams > 0 && Int(c.streams) >= minStreams else { continue }
                ranked.append((g, FieldValues.number(m.value(c) ?? .null), c.streams))
            }
        }
        // The general path's order: measure descending with missing last, then more streams; then the
        // key, so that ties come out the same every time.
        ranked.sort { a, b in
            if a.value != b.value {
                guard let x = a.value else { return false }
                guard let y = b.value else { return true }
                return x > y
            }
            if a.streams != b.streams { return a.streams > b.streams }
            return a.group < b.group
        }
        var rows: [[ResultValue]] = []
        h.withUnsafeBufferPointer { hb in
            for r in ranked.prefix(max(n, 0)) {
                let c = TopHistogram.counts(hb, group: r.group)
                var row: [ResultValue] = [key.label(r.group), m.value(c) ?? .null]
                if m != .streams { row.append(.int(Int(c.streams))) }
                rows.append(row)
            }
        }
        var columns = [Column(key.name, key.type), Column(m.name, m.type)]
        if m != .streams { columns.append(Column(CallMeasure.streams.name, CallMeasure.streams.type)) }
        return ResultSet(columns: columns, rows: rows, title: "top \(n) \(dimension) by \(m.name)")
    }
}
