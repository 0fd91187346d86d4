import Testing
@testable import CoexistKit

/// `RowSelection` as a query condition: the oracle of `QueryTests` (every condition against a naive
/// row-by-row reading) with a selection before, between and after the other conditions, and the
/// top-N fast path taken with one.
@Suite("row selections in queries")
struct RowSelectionTests {
    /// A fixed pseudo-random third of the rows, and the same set as a closure for the naive side.
    static let chosen: Set<Int> = {
        var rng = SplitMix64(seed: 99)
        return Set((0..<QueryTests.store.count).filter { _ in rng.next() % 3 == 0 })
    }()

    static func selection() throws -> RowSelection {
        try RowSelection(rows: chosen.map { UInt32($0) }.shuffled(), rowCount: QueryTests.store.count)
    }

    func adding(_ q: CallQuery, _ c: (String, FilterOp, [ResultValue])) throws -> CallQuery {
        c.1 == .in || c.1 == .notIn ? try q.filter(c.0, in: c.2, negated: c.1 == .notIn) : try q.filter(c.0, c.1, c.2[0])
    }

    @Test("a selection first, between or last matches the naive rows, for every condition")
    func everyPosition() throws {
        let s = QueryTests.store, oracle = QueryTests()
        let sel = try Self.selection()
        for (k, c) in QueryTests.conditions.enumerated() {
            let other = QueryTests.conditions[(k * 7 + 3) % QueryTests.conditions.count]
            let f = try CallField.named(c.0), f2 = try CallField.named(other.0)
            let expected = (0..<s.count).filter {
                Self.chosen.contains($0) && oracle.naive(s, $0, f, c.1, c.2) && oracle.naive(s, $0, f2, other.1, other.2)
            }.map { UInt32($0) }
            let shapes: [(String, CallQuery)] = [
                ("first", try adding(adding(CallQuery().filter(rows: sel), c), other)),
                ("between", try adding(adding(CallQuery(), c).filter(rows: sel), other)),
                ("last", try adding(adding(CallQuery(), c), other).filter(rows: sel)),
            ]
            for (position, q) in shapes {
                #expect(try s.count(q) == expected.count, "\(c.0) \(c.1), \(other.0): selection \(position)")
                #expect(try s.select(q) == expected, "\(c.0) \(c.1), \(other.0): selection \(position)")
                #expect(try CompiledQuery(q, CallStoreSnapshot(s)).sequentialOnly == false, "\(position) stays parallel")
            }
        }
    }

    @Test("two selections intersect; with between and poor() they match the naive rows")
    func withOtherSteps() throws {
        let s = QueryTests.store
        let evens = try RowSelection(rows: (0..<UInt32(s.count)).filter { $0 % 2 == 0 }, rowCount: s.count)
        let from = 1_790_000_000.0 + 86400 * 10, to = 1_790_000_000.0 + 86400 * 50
        let q = try CallQuery().between(from, to).filter(rows: Self.selection()).poor().filter(rows: evens)
        let expected = (0..<s.count).filter { i in
            guard case .date(let t) = s.value(.start, at: i) else { return false }
            return i % 2 == 0 && Self.chosen.contains(i) && t >= from && t < to && s.value(.quality, at: i) == .string("poor")
        }
        #expect(!expected.isEmpty)
        #expect(try s.rows(q).map(\.index) == expected)
        #expect(try s.count(q) == expected.count)
    }

    @Test("grouped measures over a selection match the same rows selected by a closure")
    func summaryAgrees() throws {
        let s = QueryTests.store
        let measures = ["streams", "poor_pct", "calls", "users", "jitter_p90", "certified_pct"]
        let bySelection = try s.summary(CallQuery().filter(rows: Self.selection()), by: ["building", "modality"], measures: measures)
        let byClosure = try s.summary(CallQuery().filter { Self.chosen.contains($0.index) }, by: ["building", "modality"], measures: measures)
        #expect(bySelection.rows.count > 5)
        #expect(bySelection.rows == byClosure.rows)
    }

    @Test("top takes the fast path with a selection, and agrees with the naive ranking")
    func topFastPath() throws {
        var s = QueryTests.store
        try s.registerDerivedDimension(name: "cohort", from: .firstUser) { u in u.count % 3 == 0 ? nil : "c\(u.count % 3)" }
        let sel = try Self.selection()
        for (qi, q) in [CallQuery().filter(rows: sel), try CallQuery().filter("modality", .eq, .string("audio")).filter(rows: sel)].enumerated() {
            for dimension in ["subnet", "building", "first_user", "cohort"] {
                for m in ["streams", "poor", "poor_pct", "audio_poor_pct"] {
                    let fast = try s.fastTop(q, dimension: dimension, n: 5, measure: try CallMeasure.named(m), minStreams: 20)
                    #expect(fast != nil, "q\(qi) \(dimension) \(m) takes the fast path")
                    // The general path over the same rows chosen by a closure is the oracle of the fast path.
                    let closure = qi == 0 ? CallQuery().filter { Self.chosen.contains($0.index) }
                        : try CallQuery().filter("modality", .eq, .string("audio")).filter { Self.chosen.contains($0.index) }
                    #expect(try s.fastTop(closure, dimension: dimension, n: 5, measure: try CallMeasure.named(m), minStreams: 20) == nil,
                            "the same rows as a closure (what a Lua predicate gave before) miss the fast path")
                    let slow = try s.top(closure, dimension: dimension, n: 5, measure: m, minStreams: 20)
                    #expect(fast?.rows == slow.rows, "q\(qi) \(dimension) \(m)")
                    #expect(try s.top(q, dimension: dimension, n: 5, measure: m, minStreams: 20).rows == slow.rows)
                }
            }
        }
        // Naive check of one ranking, so that fast and slow paths cannot agree on a wrong answer.
        let top = try s.top(CallQuery().filter(rows: sel), dimension: "building", n: 3, measure: "streams")
        var perBuilding: [String: Int] = [:]
        // Streams in no building are a group too (a missing label), as in summary().
        for i in Self.chosen { perBuilding["\(s.value(.building, at: i))", default: 0] += 1 }
        let ranked = perBuilding.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        #expect(top.rows.map { $0[1] } == ranked.map { .int($0.value) })
    }

    @Test("rows out of range are refused; rows appended later are not selected; another store is refused")
    func bounds() throws {
        #expect(throws: CallQueryError.badSelection("row 11 is beyond the 10 rows of the store")) {
            try RowSelection(rows: [1, 10], rowCount: 10)
        }
        var s = QueryTests.store
        let all = try RowSelection(rows: (0..<UInt32(s.count)).map { $0 }, rowCount: s.count)
        #expect(all.count == s.count && all.rows.count == s.count)
        let repeats = try RowSelection(rows: [3, 3, 1], rowCount: 5)
        #expect(repeats.count == 2 && repeats.rows == [1, 3] && repeats.contains(3) && !repeats.contains(2) && !repeats.contains(7))
        try s.append(StreamRecord(callId: "later", start: 1_790_000_000, modality: .audio))
        #expect(try s.count(CallQuery().filter(rows: all)) == s.count - 1)
        #expect(try s.select(CallQuery().filter(rows: all)).last == UInt32(s.count - 2))
        let small = QueryTests.randomStore(100, seed: 5)
        do { _ = try small.count(CallQuery().filter(rows: all)); Issue.record("a selection of a bigger store was accepted") }
        catch { #expect("\(error)".contains("made on a store of \(all.rowCount) rows, and this one has 100")) }
    }
}
