import Foundation
import Testing
@testable import CoexistKit

/// Cohort, department and user_city as the workspace registers them, against a naive computation that
/// looks each row's first user up in the directory.
@Suite("user dimensions")
struct UserDimensionsTests {
    /// A demo tenant and streams whose first users are its people (some spelt in capitals, as Graph
    /// records can), a stranger the directory does not know, and no user at all.
    static func workspace() -> Workspace {
        let w = Workspace.demo(users: 120)
        let upns = w.coexistence.directory.users.map(\.upn)
        var rng = SplitMix64(seed: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var s = CallStore()
        s.setBuildingFile(DemoBuildingFile.file())
        let users = upns + [upns[3].uppercased(), "stranger@fabrikam.com", ""]
        for i in 0..<6_000 {
            try! s.append(StreamRecord(
                callId: "call-\(i / 3)", start: 1_790_000_000 + Int64(rng.next() % (30 * 86_400)),
                modality: pick(Modality.allCases), firstUser: pick(users), secondUser: pick(users),
                subnet: pick(["10.1.1.0", "10.2.1.0", "10.4.1.0", ""]),
                metrics: StreamMetrics(jitterMs: rng.unit() * 60, packetLossRate: rng.unit() * 0.2, roundTripMs: rng.unit() * 900)))
        }
        w.calls = s
        return w
    }

    /// The label of row i, read the slow way: the directory, then the cohort table or the user record.
    static func naive(_ w: Workspace, _ s: CallStore, _ d: UserDimension, _ i: Int) -> ResultValue {
        guard case .string(let upn) = s.value(.firstUser, at: i), let p = w.coexistence.directory.position(of: upn) else { return .null }
        let label: String
        switch d {
        case .cohort: label = w.coexistence.cohorts.cohortName(ofUser: p) ?? ""
        case .department: label = w.coexistence.directory[p].department
        case .userCity: label = w.coexistence.directory[p].city
        }
        return label.isEmpty ? .null : .string(label)
    }

    @Test("where, by and top on cohort, department and user_city match the row-by-row oracle")
    func oracle() throws {
        let w = Self.workspace()
        let s = w.calls
        for d in UserDimension.allCases {
            let labels = (0..<s.count).map { Self.naive(w, s, d, $0) }
            let distinct = Set(labels.compactMap { if case .string(let x) = $0 { return x }; return nil }).sorted()
            #expect(distinct.count >= 3, "\(d): the fixture spreads users over several labels")
            #expect(labels.contains(.null), "\(d): strangers and missing users have no label")
            for (k, name) in distinct.enumerated() {
                let other = distinct[(k + 1) % distinct.count]
                let cases: [(CallQuery, (ResultValue) -> Bool)] = [
                    (try CallQuery().filter(d.rawValue, .eq, .string(name)), { $0 == .string(name) }),
                    (try CallQuery().filter(d.rawValue, .eq, .string(name.uppercased())), { $0 == .string(name) }),
                    (try CallQuery().filter(d.rawValue, .ne, .string(name)), { $0 != .null && $0 != .string(name) }),
                    (try CallQuery().filter(d.rawValue, in: [.string(name), .string(other)]), { $0 == .string(name) || $0 == .string(other) }),
                    (try CallQuery().filter(d.rawValue, in: [.string(name)], negated: true), { $0 != .null && $0 != .string(name) }),
                ]
                for (q, keep) in cases {
                    let expected = labels.indices.filter { keep(labels[$0]) }.map(UInt32.init)
                    #expect(try s.select(q) == expected, "\(d) \(name)")
                    let audio = try q.filter("modality", .eq, .string("audio"))
                    #expect(try s.count(audio) == expected.filter { s.value(.modality, at: Int($0)) == .string("audio") }.count)
                }
            }
            // by(d) and by(d, modality): stream and poor counts per group.
            let r = try s.summary(by: [d.rawValue, "modality"], measures: ["streams", "poor"])
            var expected: [String: (Int, Int)] = [:]
            for i in 0..<s.count {
                let key = "\(labels[i])|\(s.value(.modality, at: i))"
                expected[key, default: (0, 0)].0 += 1
                if s.value(.quality, at: i) == .string("poor") { expected[key, default: (0, 0)].1 += 1 }
            }
            #expect(r.columns.first?.name == d.rawValue)
            #expect(r.count == expected.count)
            for row in r.rows {
                let e = expected["\(row[0])|\(row[1])"]
                #expect(row[2] == .int(e?.0 ?? -1) && row[3] == .int(e?.1 ?? -1), "\(d) \(row[0]) \(row[1])")
            }
            // top: each group's count is its naive count, and no group left out has more streams.
            var counts: [String: Int] = [:]
            for l in labels { counts["\(l)", default: 0] += 1 }
            let top = try s.top(dimension: d.rawValue, n: 3, measure: "streams")
            let shown = top.rows.map { "\($0[0])" }
            #expect(top.rows.count == min(3, counts.count))
            for row in top.rows { #expect(row[1] == .int(counts["\(row[0])"] ?? -1), "\(d) top \(row[0])") }
            let least = top.rows.compactMap { FieldValues.number($0[1]) }.min() ?? 0
            #expect(counts.filter { !shown.contains($0.key) }.allSatisfy { Double($0.value) <= least })
        }
    }

    @Test("the dimensions follow cohort changes: make a cohort, take users from another, undo")
    func followsCohortChanges() throws {
        let w = Self.workspace()
        let wave2 = try CallQuery().filter("cohort", .eq, .string("Wave 2"))
        let before = try w.calls.count(wave2)
        #expect(before > 0)
        let taken = Array(try w.coexistence.cohorts.cohort("Wave 2").members.prefix(5))
        try w.apply(.defineCohort(name: "Wave 9", upns: taken.map { w.coexistence.directory[$0].upn }), who: "test")
        let s = w.calls
        let moved = (0..<s.count).filter { Self.naive(w, s, .cohort, $0) == .string("Wave 9") }
        #expect(!moved.isEmpty, "the moved users have streams")
        #expect(try s.select(CallQuery().filter("cohort", .eq, .string("Wave 9"))) == moved.map(UInt32.init))
        #expect(try s.count(wave2) == before - moved.count)
        #expect(try s.top(dimension: "cohort", n: 10).rows.contains { $0[0] == .string("Wave 9") && $0[1] == .int(moved.count) })

        try w.undo()
        #expect(try w.calls.count(CallQuery().filter("cohort", .eq, .string("Wave 9"))) == 0)
        #expect(try w.calls.count(wave2) == before)
    }

    @Test("a new import is labelled from the current tenant, users the directory does not know are missing")
    func importsAreLabelled() throws {
        let w = Self.workspace()
        let someone = w.coexistence.directory[7]
        var s = w.calls
        try s.append(StreamRecord(callId: "late", start: 1_790_000_000, modality: .audio, firstUser: someone.upn.uppercased()))
        try s.append(StreamRecord(callId: "late", start: 1_790_000_000, modality: .audio, firstUser: "nobody@fabrikam.com"))
        w.calls = s
        let late = try CallQuery().filter("call_id", .eq, .string("late"))
        let r = try w.calls.summary(late, by: ["department"], measures: ["streams"])
        #expect(r.rows.contains { $0[0] == .string(someone.department) && $0[1] == .int(1) })
        #expect(r.rows.contains { $0[0] == .null && $0[1] == .int(1) })
    }

    @Test("a store no tenant registered on says where the dimension comes from")
    func withoutDirectory() {
        let s = QueryTests.store
        #expect(throws: CallQueryError.noUserDirectory("cohort")) { try s.count(CallQuery().filter("cohort", .eq, .string("Pilot"))) }
        #expect(throws: CallQueryError.noUserDirectory("department")) { try s.summary(by: ["department"]) }
        #expect(throws: CallQueryError.unknownField("cohrt", suggestion: "cohort")) { try CallQuery().filter("cohrt", .eq, .string("Pilot")) }
    }

    @Test("from Microsoft's files: a Get-CsOnlineUser export and a CQD export with UPNs in other case")
    func fromMicrosoftFiles() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Tenant/Fixtures/CsOnlineUser-export.csv").standardized.path
        var t = CoexistenceTenant(today: PlanDay(year: 2026, month: 10, day: 1))
        try t.importUsers(csv: try String(contentsOfFile: fixture, encoding: .utf8), file: "users.csv", format: .csOnlineUser)
        try t.defineCohort("Wave 2", members: [t.position(of: "ann.smith@contoso.com"), t.position(of: "mei.chen@contoso.com")])
        // CQD's column names, a byte-order mark and CRLF line ends, as Excel saves an export.
        let rows = [("c1", "Ann.Smith@CONTOSO.com"), ("c2", "mei.chen@contoso.com"), ("c3", "omar.haddad@contoso.com"),
                    ("c4", "lena.muller@contoso.com"), ("c5", "guest@fabrikam.com"), ("c6", "ANN.SMITH@contoso.com")]
        var csv = "\u{FEFF}Call Id,Start Time,Media Type,First UPN,Second UPN,First Subnet,Jitter\r\n"
        for (id, upn) in rows { csv += "\(id),2026-10-01T09:00:00Z,Audio,\(upn),,10.1.1.0,12\r\n" }
        var s = CallStore()
        _ = try s.importCSV(text: csv)
        let w = Workspace(name: "files", coexistence: { t })
        w.calls = s
        let calls = w.calls
        func ids(_ q: CallQuery) throws -> [String] {
            try calls.select(q).map { if case .string(let id) = calls.value(.callId, at: Int($0)) { return id }; return "?" }
        }
        #expect(try ids(CallQuery().filter("cohort", .eq, .string("wave 2"))) == ["c1", "c2", "c6"])
        #expect(try ids(CallQuery().filter("department", .eq, .string("Sales"))) == ["c1", "c6"])
        #expect(try ids(CallQuery().filter("user_city", .eq, .string("Berlin"))) == ["c2", "c4"])
        #expect(try ids(CallQuery().filter("cohort", .isNull)) == ["c3", "c4", "c5"])
        let byDept = try calls.summary(by: ["department"], measures: ["streams"])
        #expect(byDept.rows.map { [$0[0], $0[1]] } == [[.string("Finance"), .int(1)], [.string("HR"), .int(1)],
                                                       [.string("Sales"), .int(2)], [.string("Support"), .int(1)], [.null, .int(1)]])
    }
}
