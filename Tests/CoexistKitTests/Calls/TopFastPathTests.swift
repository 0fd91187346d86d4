import Testing
@testable import CoexistKit

/// `top` takes a histogram fast path for simple measures; it must agree with the general summary.
@Suite("top-N fast path")
struct TopFastPathTests {
    func key(_ row: [ResultValue]) -> String { row.map { "\($0)" }.joined(separator: "|") }

    @Test("every supported measure, several dimensions and filters agree with summary()")
    func agreesWithSummary() throws {
        var s = QueryTests.store
        try s.registerDerivedDimension(name: "cohort", from: .firstUser) { u in u.count % 3 == 0 ? nil : "c\(u.count % 3)" }
        let measures = ["streams", "poor", "good", "unclassified", "poor_pct", "audio_streams", "audio_poor",
                        "audio_good", "audio_unclassified", "audio_poor_pct"]
        let queries: [CallQuery] = [
            CallQuery(),
            try CallQuery().filter("modality", .eq, .string("audio")),
            try CallQuery().filter("jitter_ms", .gt, .double(10)).filter("building", .ne, .string("NYC-1")),
            try CallQuery().filter("first_user", in: [.string("u1@contoso.com"), .string("u2@contoso.com")]).poor(),
            CallQuery().between(1_790_000_000 + 86400 * 5, 1_790_000_000 + 86400 * 40),
            try CallQuery().filter("poor_reason", .eq, .string("jitter")),
        ]
        for dimension in ["subnet", "building", "connection", "client_version", "first_user", "cohort", "rating"] {
            for (qi, q) in queries.enumerated() {
                for m in measures {
                    for minStreams in [0, 40] {
                        let top = try s.top(q, dimension: dimension, n: 100_000, measure: m, minStreams: minStreams)
                        let ms = m == "streams" ? ["streams"] : [m, "streams"]
                        let all = try s.summary(q, by: [dimension], measures: ms)
                        let expected = all.rows.filter { row in
                            guard case .int(let n) = row[ms.count] else { return false }
                            return n >= minStreams
                        }
                        let what = "\(dimension) q\(qi) \(m) min \(minStreams)"
                        #expect(Set(top.rows.map(key)) == Set(expected.map(key)), "\(what)")
                        #expect(top.columns.map(\.name) == all.columns.map(\.name), "\(what)")
                        // Ordered by the measure (missing last), then streams.
                        for (a, b) in zip(top.rows, top.rows.dropFirst()) {
                            let x = FieldValues.number(a[1]), y = FieldValues.number(b[1])
                            if let x, let y { #expect(x > y || (x == y && FieldValues.number(a.last!)! >= FieldValues.number(b.last!)!), "\(what)") }
                            else { #expect(y == nil, "\(what)") }
                        }
                        let five = try s.top(q, dimension: dimension, n: 5, measure: m, minStreams: minStreams)
                        #expect(five.rows.map(key) == top.rows.prefix(5).map(key), "\(what)")
                    }
                }
            }
        }
    }

    @Test("measures and dimensions outside the fast path still work")
    func fallbacks() throws {
        let s = QueryTests.store
        let byDay = try s.top(dimension: "day", n: 3, measure: "streams")
        #expect(byDay.rows.count == 3)
        let jitter = try s.top(dimension: "building", n: 2, measure: "jitter_p90")
        #expect(jitter.columns.map(\.name) == ["building", "jitter_p90", "streams"])
        let predicate = try s.top(CallQuery().filter { $0.modality == .audio }, dimension: "subnet", n: 2, measure: "poor")
        let plain = try s.top(CallQuery().filter("modality", .eq, .string("audio")), dimension: "subnet", n: 2, measure: "poor")
        #expect(predicate.rows.map(key) == plain.rows.map(key))
    }
}
