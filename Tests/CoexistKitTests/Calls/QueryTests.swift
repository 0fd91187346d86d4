import Testing
@testable import CoexistKit

/// Every query shape against a naive row-by-row computation over the decoded records.
@Suite("call queries")
struct QueryTests {
    /// Random streams with every field varied, missing metrics included.
    static func randomStore(_ n: Int, seed: UInt64) -> CallStore {
        var rng = SplitMix64(seed: seed)
        var s = CallStore()
        s.setBuildingFile(DemoBuildingFile.file())
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func maybe(_ v: Double) -> Double? { rng.unit() < 0.15 ? nil : v }
        for i in 0..<n {
            let mod = pick(Modality.allCases)
            let m = StreamMetrics(jitterMs: maybe(rng.unit() * 60), packetLossRate: maybe(rng.unit() * 0.2),
                                  roundTripMs: maybe(rng.unit() * 900), concealedRatio: maybe(rng.unit() * 0.12),
                                  audioDegradation: maybe(rng.unit() * 2), videoFrameLossPct: maybe(rng.unit() * 80),
                                  videoFrameRate: maybe(rng.unit() * 30), videoPostFECPLR: maybe(rng.unit() * 0.3),
                                  spoiledTilePct: maybe(rng.unit() * 60), tileLatencyMs: maybe(rng.unit() * 600),
                                  relativeOneWaySeconds: maybe(rng.unit() * 3))
            let failed = rng.unit() < 0.05
            let r = StreamRecord(
                callId: "call-\(i / 4)", start: 1_790_000_000 + Int64(rng.next() % (90 * 86400)),
                durationSeconds: maybe(rng.unit() * 3000), modality: mod, callType: pick(CallType.allCases),
                product: pick(Product.allCases), clientVersion: pick(["1.0", "2.0", ""]),
                firstUser: "u\(rng.next() % 50)@contoso.com", secondUser: pick(["", "v@contoso.com", "u1@contoso.com"]),
                direction: pick(StreamDirection.allCases),
                subnet: pick(["10.1.1.0", "10.2.1.0", "10.4.1.0", "10.4.40.0", "192.168.1.0", ""]),
                connection: pick(NetworkConnection.allCases), wifiBand: pick(WifiBand.allCases), vpn: rng.unit() < 0.2,
                transport: pick(Transport.allCases), ice: pick(IceConnectivity.allCases),
                captureDevice: pick(["Jabra Evolve2 65", "Microphone Array (Realtek(R) Audio)", ""]), metrics: m,
                cdrAvailable: rng.unit() < 0.9, setupFailed: failed, failureReason: failed ? pick(["Other", "Missing FW IP Block Exemption Rule"]) : "",
                dropped: rng.unit() < 0.05, rating: UInt8(rng.next() % 6))
            try! s.append(r)
        }
        return s
    }

    static let store = randomStore(30_000, seed: 42)

    /// Naive evaluation of one condition on decoded values.
    func naive(_ s: CallStore, _ i: Int, _ field: CallField, _ op: FilterOp, _ values: [ResultValue]) -> Bool {
        let v = s.value(field, at: i)
        if case .null = v { return false }
        let norm = values.map { try! FieldValues.normalize($0, for: field) }
        if field == .poorReason {
            guard case .string(let list) = v else { return false }
            let has = list.split(separator: ",").map { ResultValue.string(String($0)) }
            switch op {
            case .eq: return has.contains(norm[0])
            case .in: return has.contains { norm.contains($0) }
            default: return false
            }
        }
        return FieldValues.matches(v, op, norm)
    }

    static let conditions: [(String, FilterOp, [ResultValue])] = [
        ("modality", .eq, [.string("audio")]), ("modality", .ne, [.string("video")]),
        ("transport", .in, [.string("tcp"), .string("unknown")]), ("jitter_ms", .gt, [.double(30)]),
        ("jitter_ms", .le, [.double(12.3)]), ("packet_loss_rate", .ge, [.double(0.1)]),
        ("concealed_ratio", .lt, [.double(0.05)]), ("video_frame_rate", .lt, [.double(7)]),
        ("building", .eq, [.string("NYC-1")]), ("city", .in, [.string("Seattle"), .string("London")]),
        ("inside", .eq, [.bool(false)]), ("subnet", .ne, [.string("10.1.1.0")]), ("vpn", .eq, [.bool(true)]),
        ("first_user", .in, [.string("u1@contoso.com"), .string("u7@contoso.com")]),
        ("certified", .eq, [.bool(true)]), ("capture_device", .eq, [.string("Jabra Evolve2 65")]),
        ("quality", .eq, [.string("poor")]), ("rating", .ge, [.int(4)]), ("duration_s", .lt, [.int(100)]),
        ("setup_failed", .eq, [.bool(true)]), ("failure_reason", .eq, [.string("Other")]),
        ("start", .ge, [.string("2026-10-01")]), ("poor_reason", .eq, [.string("jitter")]),
        ("wifi_band", .eq, [.string("2.4GHz")]), ("client_version", .notIn, [.string("1.0")]),
        ("direction", .eq, [.string("second_to_first")]), ("call_type", .eq, [.string("conference")]),
    ]

    @Test("each filter alone and in pairs matches the naive count")
    func filters() throws {
        let s = Self.store
        for (k, c) in Self.conditions.enumerated() {
            let q = c.1 == .in || c.1 == .notIn ? try CallQuery().filter(c.0, in: c.2, negated: c.1 == .notIn)
                                                 : try CallQuery().filter(c.0, c.1, c.2[0])
            let f = try CallField.named(c.0)
            let expected = (0..<s.count).filter { naive(s, $0, f, c.1, c.2) }
            #expect(try s.count(q) == expected.count, "\(c.0) \(c.1)")
            #expect(try s.select(q) == expected.map { UInt32($0) }, "\(c.0) \(c.1)")
            let other = Self.conditions[(k * 7 + 3) % Self.conditions.count]
            let q2 = other.1 == .in || other.1 == .notIn ? try q.filter(other.0, in: other.2, negated: other.1 == .notIn)
                                                         : try q.filter(other.0, other.1, other.2[0])
            let f2 = try CallField.named(other.0)
            #expect(try s.count(q2) == expected.filter { naive(s, $0, f2, other.1, other.2) }.count, "\(c.0) and \(other.0)")
        }
    }

    @Test("predicates, between and poor() match the naive count")
    func predicates() throws {
        let s = Self.store
        let q = CallQuery().filter { row in
            if case .double(let j) = row.value(.jitter) { return j > 20 }
            return false
        }.poor().between(1_790_000_000 + 86400 * 10, 1_790_000_000 + 86400 * 20)
        let expected = (0..<s.count).filter { i in
            guard case .double(let j) = s.value(.jitter, at: i), j > 20 else { return false }
            guard case .date(let t) = s.value(.start, at: i) else { return false }
            return s.value(.quality, at: i) == .string("poor") && t >= 1_790_000_000 + 86400 * 10 && t < 1_790_000_000 + 86400 * 20
        }
        #expect(try s.count(q) == expected.count)
        #expect(try s.rows(q).map(\.index) == expected)
    }

    @Test("grouped measures match a naive computation with CQD's denominators")
    func summary() throws {
        let s = Self.store
        let measures = ["streams", "poor", "good", "unclassified", "poor_pct", "audio_poor_pct", "setup_failure_pct",
                        "drop_pct", "tcp_pct", "http_pct", "certified_pct", "poor_rating_pct", "calls", "users",
                        "jitter_mean", "jitter_p50", "jitter_p90", "rtt_p99", "loss_mean"]
        let q = try CallQuery().filter("modality", in: [.string("audio"), .string("video")])
        let r = try s.summary(q, by: ["building", "connection"], measures: measures)
        let rows = try s.select(q).map(Int.init)
        var groups: [String: [Int]] = [:]
        for i in rows { groups["\(s.value(.building, at: i))|\(s.value(.connection, at: i))", default: []].append(i) }
        #expect(r.count == groups.count)
        for row in r.rows {
            let g = groups["\(row[0])|\(row[1])"]!
            func v(_ f: CallField, _ i: Int) -> ResultValue { s.value(f, at: i) }
            func count(_ p: (Int) -> Bool) -> Int { g.filter(p).count }
            func pct(_ a: Int, _ b: Int) -> ResultValue { b == 0 ? .null : .double(100 * Double(a) / Double(b)) }
            let poor = count { v(.quality, $0) == .string("poor") }, good = count { v(.quality, $0) == .string("good") }
            let audio = { (i: Int) in v(.modality, i) == .string("audio") }
            let cdr = { (i: Int) in v(.cdrAvailable, i) == .bool(true) }
            let failed = { (i: Int) in v(.setupFailed, i) == .bool(true) }
            let jit = g.compactMap { FieldValues.number(v(.jitter, $0)) }.sorted()
            let rtt = g.compactMap { FieldValues.number(v(.roundTrip, $0)) }.sorted()
            let loss = g.compactMap { FieldValues.number(v(.packetLoss, $0)) }
            func rank(_ xs: [Double], _ p: Double) -> ResultValue { xs.isEmpty ? .null : .double(xs[max(1, Int((p * Double(xs.count)).rounded(.up))) - 1]) }
            var users = Set<String>()
            for i in g { for f in [CallField.firstUser, .secondUser] { if case .string(let u) = v(f, i) { users.insert(u) } } }
            let expected: [ResultValue] = [
                .int(g.count), .int(poor), .int(good), .int(g.count - poor - good), pct(poor, poor + good),
                pct(count { audio($0) && v(.quality, $0) == .string("poor") }, count { audio($0) && v(.quality, $0) != .string("unclassified") }),
                pct(count { cdr($0) && failed($0) }, count(cdr)),
                pct(count { cdr($0) && !failed($0) && v(.dropped, $0) == .bool(true) }, count { cdr($0) && !failed($0) }),
                pct(count { v(.transport, $0) == .string("tcp") }, g.count),
                pct(count { v(.ice, $0) == .string("http") }, g.count),
                pct(count { audio($0) && v(.certified, $0) == .bool(true) }, count { audio($0) && v(.certified, $0) != .null }),
                pct(count { [.int(1), .int(2)].contains(v(.rating, $0)) }, count { v(.rating, $0) != .int(0) }),
                .int(Set(g.map { "\(v(.callId, $0))" }).count), .int(users.count),
                jit.isEmpty ? .null : .double(jit.reduce(0, +) / Double(jit.count)), rank(jit, 0.5), rank(jit, 0.9), rank(rtt, 0.99),
                loss.isEmpty ? .null : .double(loss.reduce(0, +) / Double(loss.count)),
            ]
            for (k, e) in expected.enumerated() {
                let got = row[2 + k]
                if let a = FieldValues.number(got), let b = FieldValues.number(e) {
                    #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(measures[k]) in \(row[0]) \(row[1]): \(a) vs \(b)")
                } else {
                    #expect(got == e, "\(measures[k]) in \(row[0]) \(row[1])")
                }
            }
        }
    }

    @Test("time buckets and top-N agree with naive grouping")
    func bucketsAndTop() throws {
        let s = Self.store
        let byWeek = try s.summary(by: ["week"], measures: ["streams"])
        #expect(byWeek.rows.reduce(0) { $0 + (FieldValues.number($1[1]).map(Int.init) ?? 0) } == s.count)
        for row in byWeek.rows {
            guard case .date(let monday) = row[0] else { Issue.record("week label"); continue }
            let days = Int(monday) / 86400
            #expect((days + 3) % 7 == 0, "weeks start on Monday")
        }
        let byMonth = try s.summary(by: ["month"], measures: ["streams"])
        #expect(byMonth.count >= 3)
        let top = try s.top(dimension: "subnet", n: 3, measure: "poor_pct", minStreams: 100)
        var rates: [(String, Double)] = []
        for sub in s.subnets.strings.dropFirst() {
            let rows = (0..<s.count).filter { s.value(.subnet, at: $0) == .string(sub) }
            guard rows.count >= 100 else { continue }
            let p = rows.filter { s.value(.quality, at: $0) == .string("poor") }.count
            let g = rows.filter { s.value(.quality, at: $0) == .string("good") }.count
            rates.append((sub, 100 * Double(p) / Double(p + g)))
        }
        rates.sort { $0.1 > $1.1 }
        #expect(top.rows.map { $0[0] } == rates.prefix(3).map { .string($0.0) })
    }

    @Test("unknown fields and measures suggest the closest; bad values are named")
    func errors() {
        #expect(throws: CallQueryError.unknownField("jiter_ms", suggestion: "jitter_ms")) { try CallQuery().filter("jiter_ms", .gt, .int(3)) }
        #expect(throws: CallQueryError.unknownMeasure("audio_por_pct", suggestion: "audio_poor_pct")) {
            try Self.store.summary(measures: ["audio_por_pct"])
        }
        do { _ = try CallQuery().filter("modality", .eq, .string("audoi")); Issue.record("no error") }
        catch { #expect("\(error)".contains("did you mean 'audio'")) }
        #expect(throws: CallQueryError.self) { try CallQuery().filter("modality", .gt, .string("audio")) }
        #expect(throws: CallQueryError.self) { try Self.store.summary(by: ["jitter_ms"]) }
    }

    @Test("zero denominators are missing, not division by zero")
    func zeroDenominators() throws {
        let r = try Self.store.summary(CallQuery().filter("modality", .eq, .string("video")),
                                       measures: ["audio_poor_pct", "certified_pct"])
        #expect(r.rows == [[.null, .null]])
        let empty = try CallStore().summary(measures: ["streams", "setup_failure_pct"])
        #expect(empty.rows == [[.int(0), .null]])
    }

    @Test("a fork is copy-on-write")
    func fork() throws {
        var fork = Self.store
        try fork.append(StreamRecord(callId: "new", start: 0, modality: .audio))
        #expect(fork.count == Self.store.count + 1)
        #expect(Self.store.callIds.code(of: "new") == nil)
    }
}
