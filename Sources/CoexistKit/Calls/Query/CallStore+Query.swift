extension CallStore {
    /// Streams matching the query.
    public func count(_ query: CallQuery = CallQuery()) throws -> Int {
        let q = try CompiledQuery(query, CallStoreSnapshot(self))
        if q.tests.isEmpty { return count }
        let parts = q.parts()
        var totals = [Int](repeating: 0, count: parts.count)
        totals.withUnsafeMutableBufferPointer { t in
            Parallel.perform(parts.count) { p in
                var n = 0
                q.scan(parts[p]) { _, k in n += k }
                t[p] = n
            }
        }
        return totals.reduce(0, +)
    }

    /// Row indices (0-based, ascending) of the matching streams.
    public func select(_ query: CallQuery = CallQuery()) throws -> [UInt32] {
        let q = try CompiledQuery(query, CallStoreSnapshot(self))
        let parts = q.parts()
        var pieces = [[UInt32]](repeating: [], count: parts.count)
        pieces.withUnsafeMutableBufferPointer { out in
            Parallel.perform(parts.count) { p in
                var mine: [UInt32] = []
                q.scan(parts[p]) { idx, n in mine.append(contentsOf: UnsafeBufferPointer(start: idx, count: n)) }
                out[p] = mine
            }
        }
        return pieces.flatMap { $0 }
    }

    /// Row views of the matching streams, in store order.
    public func rows(_ query: CallQuery = CallQuery()) throws -> [CallRow] {
        let snap = CallStoreSnapshot(self)
        return try select(query).map { CallRow(snap, Int($0)) }
    }

    /// Measures per group: one row per non-empty combination of `dimensions` (none: one row for all),
    /// sorted by the dimension values.
    public func summary(_ query: CallQuery = CallQuery(), by dimensions: [String] = [],
                        measures names: [String]? = nil) throws -> ResultSet {
        let measures = try names.map { try $0.map(CallMeasure.named) } ?? CallMeasure.defaults
        return try aggregate(query, dimensions, measures)
    }

    /// The `n` groups of `dimension` with the highest `measure` (missing values last, ties by more
    /// streams); `minStreams` drops small groups, whose rates are noise.
    public func top(_ query: CallQuery = CallQuery(), dimension: String, n: Int, measure: String = "streams",
                    minStreams: Int = 0) throws -> ResultSet {
        let m = try CallMeasure.named(measure)
        if let fast = try fastTop(query, dimension: dimension, n: n, measure: m, minStreams: minStreams) { return fast }
        var ms: [CallMeasure] = [m]
        if m != .streams { ms.append(.streams) }
        var r = try aggregate(query, [dimension], ms, sorted: false)
        let si = r.columns.count - (m == .streams ? 1 : 1)
        let streamsCol = m == .streams ? 1 : 2
        _ = si
        r.rows = r.rows.filter { row in
            if case .int(let s) = row[streamsCol] { return s >= minStreams }
            return false
        }
        r.rows.sort { a, b in
            let x = FieldValues.number(a[1]), y = FieldValues.number(b[1])
            if x != y {
                guard let x else { return false }
                guard let y else { return true }
                return x > y
            }
            return (FieldValues.number(a[streamsCol]) ?? 0) > (FieldValues.number(b[streamsCol]) ?? 0)
        }
        r.rows = Array(r.rows.prefix(max(n, 0)))
        r.title = "top \(n) \(dimension) by \(m.name)"
        return r
    }

    func aggregate(_ query: CallQuery, _ dimensions: [String], _ measures: [CallMeasure], sorted: Bool = true) throws -> ResultSet {
        let snap = CallStoreSnapshot(self)
        let q = try CompiledQuery(query, snap)
        let keys = try dimensions.map { try GroupKey.make($0, self) }
        var total = 1
        for k in keys {
            total = total.multipliedReportingOverflow(by: max(k.cardinality, 1)).partialValue
            if total > 1 << 40 { throw CallQueryError.tooManyGroups(total) }
        }
        // The device and rating counters cost a load per row, so only measures that read them turn them
        // on: the percentages and the raw counts behind them (a review adds those up across groups).
        let cols = CountColumns(self, devices: measures.contains { [.certifiedPct, .certified, .audioWithDevice].contains($0) },
                                ratings: measures.contains { [.rated, .poorRatingPct, .poorRated].contains($0) })
        // Dense counters when the key space is small (the usual case); otherwise a map from key to slot.
        let dense = total <= 1 << 16
        var groupKeys: [Int]
        var counts: [GroupCounts]
        if dense {
            let parts = q.parts()
            var partial = [[GroupCounts]](repeating: [], count: parts.count)
            partial.withUnsafeMutableBufferPointer { out in
                Parallel.perform(parts.count) { p in
                    var acc = [GroupCounts](repeating: GroupCounts(), count: total)
                    let kb = UnsafeMutablePointer<Int>.allocate(capacity: CompiledQuery.chunk)
                    defer { kb.deallocate() }
                    acc.withUnsafeMutableBufferPointer { a in
                        q.scan(parts[p]) { idx, n in
                            kb.initialize(repeating: 0, count: n)
                            for k in keys { k.mix(idx, n, kb) }
                            for j in 0..<n { cols.accumulate(&a[kb[j]], Int(idx[j])) }
                        }
                    }
                    out[p] = acc
                }
            }
            counts = [GroupCounts](repeating: GroupCounts(), count: total)
            for part in partial { for g in 0..<total { counts[g].add(part[g]) } }
            groupKeys = (0..<total).filter { counts[$0].streams > 0 }
            counts = groupKeys.map { counts[$0] }
        } else {
            var slot: [Int: Int] = [:]
            groupKeys = []
            counts = []
            let kb = UnsafeMutablePointer<Int>.allocate(capacity: CompiledQuery.chunk)
            defer { kb.deallocate() }
            q.scan(0..<count) { idx, n in
                kb.initialize(repeating: 0, count: n)
                for k in keys { k.mix(idx, n, kb) }
                for j in 0..<n {
                    let key = kb[j]
                    let s: Int
                    if let e = slot[key] { s = e } else {
                        s = counts.count
                        slot[key] = s
                        groupKeys.append(key)
                        counts.append(GroupCounts())
                    }
                    cols.accumulate(&counts[s], Int(idx[j]))
                }
            }
        }
        let extra = try secondPass(q, keys, groupKeys, measures)

        var rows: [[ResultValue]] = []
        rows.reserveCapacity(groupKeys.count)
        for (g, key) in groupKeys.enumerated() {
            var row: [ResultValue] = []
            var rest = key
            var labels: [ResultValue] = []
            for k in keys.reversed() {
                labels.append(k.labels[rest % k.cardinality])
                rest /= k.cardinality
            }
            row.append(contentsOf: labels.reversed())
            for (mi, m) in measures.enumerated() { row.append(m.value(counts[g]) ?? extra[mi]?[g] ?? .null) }
            rows.append(row)
        }
        if sorted && !keys.isEmpty {
            rows.sort { a, b in
                for d in 0..<keys.count where !FieldValues.equal(a[d], b[d]) { return ascending(a[d], b[d]) }
                return false
            }
        }
        if keys.isEmpty && rows.isEmpty {
            rows = [measures.map { $0.value(GroupCounts()) ?? ($0 == .calls || $0 == .users ? .int(0) : .null) }]
        }
        let columns = keys.map { Column($0.name, $0.type) }
            + measures.map { Column($0.name, $0.type) }
        return ResultSet(columns: columns, rows: rows,
                         title: dimensions.isEmpty ? "streams" : "streams by " + dimensions.joined(separator: ", "))
    }

    /// Measures that need the values themselves (percentiles, means, distinct counts): gather per group.
    private func secondPass(_ q: CompiledQuery, _ keys: [GroupKey], _ groupKeys: [Int],
                            _ measures: [CallMeasure]) throws -> [Int: [ResultValue]] {
        let needed = measures.enumerated().filter { $0.element.metric != nil || $0.element == .calls || $0.element == .users }
        if needed.isEmpty { return [:] }
        var slotOf: [Int: Int] = [:]
        for (i, k) in groupKeys.enumerated() { slotOf[k] = i }
        let metricKinds = Array(Set(needed.compactMap { $0.element.metric }))
        var values = [[[UInt16]]](repeating: [[UInt16]](repeating: [], count: groupKeys.count), count: metricKinds.count)
        let wantCalls = needed.contains { $0.element == .calls }
        let wantUsers = needed.contains { $0.element == .users }
        var callCodes = [[UInt32]](repeating: [], count: wantCalls ? groupKeys.count : 0)
        var userCodes = [[UInt32]](repeating: [], count: wantUsers ? groupKeys.count : 0)
        let kb = UnsafeMutablePointer<Int>.allocate(capacity: CompiledQuery.chunk)
        defer { kb.deallocate() }
        let mod = modality.pointer
        let metricCols = metricKinds.map { metrics[$0.slot].pointer }
        let callCol = call.pointer, u1 = firstUser.pointer, u2 = secondUser.pointer
        q.scan(0..<count) { idx, n in
            kb.initialize(repeating: 0, count: n)
            for k in keys { k.mix(idx, n, kb) }
            for j in 0..<n {
                guard let g = slotOf[kb[j]] else { continue }
                let i = Int(idx[j])
                let m = Modality(rawValue: mod[i]) ?? .unknown
                for (mk, kind) in metricKinds.enumerated() where kind.applies(to: m) {
                    let v = metricCols[mk][i]
                    if v != MetricKind.missing { values[mk][g].append(v) }
                }
                if wantCalls { callCodes[g].append(callCol[i]) }
                if wantUsers {
                    if u1[i] != 0 { userCodes[g].append(u1[i]) }
                    if u2[i] != 0 { userCodes[g].append(u2[i]) }
                }
            }
        }
        var out: [Int: [ResultValue]] = [:]
        for (mi, m) in needed {
            var column: [ResultValue] = []
            for g in 0..<groupKeys.count {
                switch m {
                case .calls: column.append(.int(distinct(&callCodes[g])))
                case .users: column.append(.int(distinct(&userCodes[g])))
                default:
                    let kind = m.metric!
                    let mk = metricKinds.firstIndex(of: kind)!
                    column.append(stat(m, kind, &values[mk][g]))
                }
            }
            out[mi] = column
        }
        return out
    }

    private func distinct(_ codes: inout [UInt32]) -> Int {
        if codes.isEmpty { return 0 }
        codes.sort()
        var n = 1
        for i in 1..<codes.count where codes[i] != codes[i - 1] { n += 1 }
        return n
    }

    /// Mean of stored values; percentiles by nearest rank (the smallest value with at least p % at or below).
    private func stat(_ m: CallMeasure, _ kind: MetricKind, _ v: inout [UInt16]) -> ResultValue {
        if v.isEmpty { return .null }
        switch m {
        case .mean:
            var sum = 0
            for x in v { sum += Int(x) }
            return .double(Double(sum) * kind.step / Double(v.count))
        default:
            v.sort()
            let p: Double
            switch m { case .p50: p = 0.5; case .p90: p = 0.9; default: p = 0.99 }
            let rank = max(1, Int((p * Double(v.count)).rounded(.up)))
            return kind.decode(v[rank - 1]).map { .double($0) } ?? .null
        }
    }
}

/// Ascending with missing values last; dates and numbers numerically, strings lexicographically.
func ascending(_ a: ResultValue, _ b: ResultValue) -> Bool {
    if case .null = a { return false }
    if case .null = b { return true }
    if let x = FieldValues.number(a), let y = FieldValues.number(b) { return x < y }
    switch (a, b) {
    case (.string(let x), .string(let y)): return x < y
    case (.bool(let x), .bool(let y)): return !x && y
    default: return false
    }
}
