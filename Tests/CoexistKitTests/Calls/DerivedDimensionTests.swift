import Testing
@testable import CoexistKit

/// Derived dimensions (cohort, department, the user's city) against a naive computation per row.
@Suite("derived dimensions")
struct DerivedDimensionTests {
    /// u0..u49: cohorts by number; some users have none.
    static func cohort(_ upn: String) -> String? {
        guard upn.hasPrefix("u"), let n = Int(upn.dropFirst().prefix { $0.isNumber }) else { return nil }
        return n % 5 == 4 ? nil : ["pilot", "wave-1", "wave-2", "wave-3"][n % 4]
    }

    static func store() throws -> CallStore {
        var s = QueryTests.store
        try s.registerDerivedDimension(name: "cohort", from: .firstUser, label: cohort)
        try s.registerDerivedDimension(name: "department", from: .secondUser,
                                       mapping: ["V@CONTOSO.COM": "Sales", "u1@contoso.com": "Finance"])
        return s
    }

    func naive(_ s: CallStore, _ i: Int) -> ResultValue {
        guard case .string(let u) = s.value(.firstUser, at: i), let c = Self.cohort(u) else { return .null }
        return .string(c)
    }

    @Test("group by a derived dimension, alone and with a field, matches naive grouping")
    func grouping() throws {
        let s = try Self.store()
        let r = try s.summary(by: ["cohort", "modality"], measures: ["streams", "poor", "audio_poor_pct", "users"])
        var expected: [String: (Int, Int)] = [:]
        for i in 0..<s.count {
            let key = "\(naive(s, i))|\(s.value(.modality, at: i))"
            let poor = s.value(.quality, at: i) == .string("poor") ? 1 : 0
            expected[key, default: (0, 0)].0 += 1
            expected[key, default: (0, 0)].1 += poor
        }
        #expect(r.count == expected.count)
        #expect(r.columns.first?.name == "cohort")
        for row in r.rows {
            let e = expected["\(row[0])|\(row[1])"]
            #expect(e != nil, "\(row[0]) \(row[1])")
            #expect(row[2] == .int(e?.0 ?? -1) && row[3] == .int(e?.1 ?? -1))
        }
        #expect(r.rows.contains { $0[0] == .null }, "users without a cohort form the missing group")

        let dept = try s.summary(by: ["department"], measures: ["streams"])
        let sales = (0..<s.count).filter { s.value(.secondUser, at: $0) == .string("v@contoso.com") }.count
        let finance = (0..<s.count).filter { s.value(.secondUser, at: $0) == .string("u1@contoso.com") }.count
        #expect(dept.rows.first { $0[0] == .string("Sales") }?[1] == .int(sales))
        #expect(dept.rows.first { $0[0] == .string("Finance") }?[1] == .int(finance))
        #expect(dept.rows.first { $0[0] == .null }?[1] == .int(s.count - sales - finance))
    }

    @Test("filters on a derived dimension match the naive row test")
    func filters() throws {
        let s = try Self.store()
        let cases: [(CallQuery, (ResultValue) -> Bool)] = [
            (try CallQuery().filter(derived: "cohort", .eq, .string("pilot")), { $0 == .string("pilot") }),
            (try CallQuery().filter(derived: "cohort", .ne, .string("pilot")), { $0 != .null && $0 != .string("pilot") }),
            (try CallQuery().filter(derived: "cohort", in: [.string("wave-1"), .string("wave-3"), .string("nope")]),
             { $0 == .string("wave-1") || $0 == .string("wave-3") }),
            (try CallQuery().filter(derived: "cohort", in: [.string("wave-1")], negated: true), { $0 != .null && $0 != .string("wave-1") }),
        ]
        for (q, keep) in cases {
            let expected = (0..<s.count).filter { keep(naive(s, $0)) }
            #expect(try s.select(q) == expected.map { UInt32($0) })
            let poorToo = try q.filter("quality", .eq, .string("poor"))
            #expect(try s.count(poorToo) == expected.filter { s.value(.quality, at: $0) == .string("poor") }.count)
        }
        for i in stride(from: 0, to: s.count, by: 101) { #expect(s.value(derived: "cohort", at: i) == naive(s, i)) }
        let top = try s.top(dimension: "cohort", n: 2, measure: "streams")
        var counts: [String: (ResultValue, Int)] = [:]
        for i in 0..<s.count { let v = naive(s, i); counts["\(v)", default: (v, 0)].1 += 1 }   // no cohort is a group too, as for fields
        let best = counts.values.sorted { $0.1 > $1.1 }.prefix(2).map(\.0)
        #expect(top.rows.map { $0[0] } == best)
    }

    @Test("users added after registration are labelled, in appends and in merges")
    func laterUsers() throws {
        var s = try Self.store()
        try s.append(StreamRecord(callId: "late", start: 1_790_000_000, modality: .audio, firstUser: "u3000@contoso.com"))
        var other = CallStore()
        try other.append(StreamRecord(callId: "merged", start: 1_790_000_000, modality: .audio, firstUser: "u3001@contoso.com"))
        try s.append(contentsOf: other)
        #expect(s.value(derived: "cohort", at: s.count - 2) == .string("pilot"))
        #expect(s.value(derived: "cohort", at: s.count - 1) == .string("wave-1"))
        #expect(try s.count(CallQuery().filter(derived: "cohort", .eq, .string("pilot")).filter("call_id", .eq, .string("late"))) == 1)
        var empty = CallStore()
        try empty.registerDerivedDimension(name: "cohort", from: .firstUser, label: Self.cohort)
        try empty.append(contentsOf: other)
        #expect(empty.value(derived: "cohort", at: 0) == .string("wave-1"))
    }

    @Test("names that shadow fields are refused; unknown names suggest")
    func names() throws {
        var s = CallStore()
        #expect(throws: DerivedDimensionError.self) { try s.registerDerivedDimension(name: "city", from: .firstUser) { _ in "x" } }
        #expect(throws: DerivedDimensionError.self) { try s.registerDerivedDimension(name: "week", from: .firstUser) { _ in "x" } }
        try s.registerDerivedDimension(name: "user_city", from: .firstUser) { _ in "Paris" }
        #expect(throws: CallQueryError.unknownField("user_cty", suggestion: "user_city")) { try s.summary(by: ["user_cty"]) }
        #expect(throws: CallQueryError.noUserDirectory("cohort")) {
            try s.count(CallQuery().filter(derived: "cohort", .eq, .string("pilot")))
        }
        #expect(throws: CallQueryError.self) { try CallQuery().filter(derived: "user_city", .gt, .string("A")) }
    }
}
