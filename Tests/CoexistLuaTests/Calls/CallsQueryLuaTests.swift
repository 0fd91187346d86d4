import Testing
import CoexistKit
@testable import CoexistLua

/// Every query shape through the Lua API, checked against a row-by-row reading of the same store.
@Suite("calls queries from Lua") struct CallsQueryLuaTests {
    @Test("row views read every field exactly as the store decodes it")
    func rowViewsMatchTheStore() throws {
        let lua = try CallsLua(streams: 800)
        for f in CallField.allCases {
            try lua.run("""
                _t = {} ; _n = 0
                for r in calls:rows() do _n = _n + 1; local v = r.\(f.rawValue); _t[_n] = v == nil and '<nil>' or tostring(v) end
                """)
            for i in 0..<lua.store.count {
                let expected: String
                switch lua.store.value(f, at: i) {
                case .null: expected = "<nil>"
                case .bool(let b): expected = String(b)
                case .int(let n): expected = String(n)
                case .double(let d): expected = try lua.value("tostring(\(d))").stringValue ?? "?"
                case .string(let s): expected = s
                case .date(let d): expected = LuaDate(epochSeconds: d).iso
                }
                let got = try lua.value("_t[\(i + 1)]").stringValue
                #expect(got == expected, "row \(i + 1) field \(f.rawValue)")
                if got != expected { break }
            }
        }
        #expect(try lua.integer("(function() for r in calls:rows() do return r.index end end)()") == 1)
    }

    static let filters: [(lua: String, field: CallField, test: @Sendable (ResultValue) -> Bool)] = [
        ("modality=\"audio\"", .modality, { $0 == .string("audio") }),
        ("jitter_ms={\">\", 30}", .jitter, { CallsLua.number($0)! > 30 }),
        ("packet_loss_rate={\"<=\", 0.05}", .packetLoss, { CallsLua.number($0)! <= 0.05 }),
        ("transport={\"in\", {\"tcp\", \"unknown\"}}", .transport, { $0 == .string("tcp") || $0 == .string("unknown") }),
        ("connection={\"wifi\", \"wired\"}", .connection, { $0 == .string("wifi") || $0 == .string("wired") }),
        ("building=\"NYC-1\"", .building, { $0 == .string("NYC-1") }),
        ("vpn=true", .vpn, { $0 == .bool(true) }),
        ("rating={\">=\", 4}", .rating, { CallsLua.number($0)! >= 4 }),
        ("modality={\"~=\", \"video\"}", .modality, { $0 != .string("video") }),
        ("quality=\"poor\"", .quality, { $0 == .string("poor") }),
    ]

    @Test("where{...} counts match a naive scan", arguments: 0..<filters.count)
    func whereTable(_ k: Int) throws {
        let lua = try CallsLua()
        let f = Self.filters[k]
        let expected = lua.naive(f.field, f.test).count
        #expect(try lua.integer("calls:where{\(f.lua)}:count()") == expected)
        #expect(try lua.integer("#calls:where{\(f.lua)}") == expected)
    }

    @Test("several keys are ANDed, and a Lua predicate agrees with the same filter")
    func andAndPredicates() throws {
        let lua = try CallsLua()
        let expected = lua.naive(.modality) { $0 == .string("audio") }.intersection(lua.naive(.jitter) { CallsLua.number($0)! > 20 })
        #expect(try lua.integer("calls:where{modality=\"audio\", jitter_ms={\">\", 20}}:count()") == expected.count)
        #expect(try lua.integer("calls:where{modality=\"audio\"}:where(function(r) return (r.jitter_ms or 0) > 20 end):count()") == expected.count)
        #expect(try lua.integer("calls:where(function(r) return r.jitter_ms and r.jitter_ms > 20 end):where{modality='audio'}:count()") == expected.count)
        // The rows a predicate keeps are the ones it saw, in store order.
        try lua.run("_seen = {}; for r in calls:where(function(r) return r.modality == 'audio' and (r.jitter_ms or 0) > 20 end):rows() do _seen[#_seen + 1] = r.index end")
        let seen = try (1...expected.count).map { try lua.integer("_seen[\($0)]") - 1 }
        #expect(seen == expected.sorted())
    }

    @Test("poor() and a predicate feed summary and top like a filter does")
    func summaryWithPredicate() throws {
        let lua = try CallsLua()
        let rs = try lua.resultSet("calls:where(function(r) return r.vpn end):poor():by('modality'):summary{'streams', 'poor'}")
        let rows = lua.naive(.vpn) { $0 == .bool(true) }.intersection(lua.naive(.quality) { $0 == .string("poor") })
        var byModality: [String: Int] = [:]
        for i in rows { if case .string(let m) = lua.store.value(.modality, at: i) { byModality[m, default: 0] += 1 } }
        #expect(rs.columns.map(\.name) == ["modality", "streams", "poor"])
        #expect(rs.rows.count == byModality.count)
        for row in rs.rows {
            guard case .string(let m) = row[0] else { Issue.record("no modality"); continue }
            #expect(row[1] == .int(byModality[m] ?? -1))
            #expect(row[2] == row[1])
        }
    }

    @Test("summary by a field counts streams per value; top orders them")
    func summaryAndTop() throws {
        let lua = try CallsLua()
        var perSubnet: [String: Int] = [:]
        for i in 0..<lua.store.count { if case .string(let s) = lua.store.value(.subnet, at: i) { perSubnet[s, default: 0] += 1 } }
        let rs = try lua.resultSet("calls:by('subnet'):summary('streams')")
        let got = Dictionary(uniqueKeysWithValues: rs.rows.compactMap { r -> (String, Int)? in
            if case .string(let s) = r[0], case .int(let n) = r[1] { return (s, n) } else { return nil }
        })
        #expect(got == perSubnet)
        let top = try lua.resultSet("calls:top('subnet', 2)")
        let expected = perSubnet.sorted { $0.value > $1.value }.prefix(2).map { ResultValue.int($0.value) }
        #expect(top.rows.map { $0[1] } == expected)
    }

    @Test("by cohort groups streams by their first user's cohort in the directory")
    func byCohort() throws {
        let lua = try CallsLua()
        let tenant = lua.workspace.coexistence
        var expected: [String: Int] = [:]
        var unplaced = 0
        for i in 0..<lua.store.count {
            guard case .string(let upn) = lua.store.value(.firstUser, at: i), let p = tenant.directory.position(of: upn),
                  let c = tenant.cohorts.cohortName(ofUser: p) else { unplaced += 1; continue }
            expected[c, default: 0] += 1
        }
        let rs = try lua.resultSet("calls:by('cohort'):summary{'streams'}")
        var got: [String: Int] = [:]
        var gotUnplaced = 0
        for r in rs.rows {
            guard case .int(let n) = r[1] else { continue }
            if case .string(let c) = r[0] { got[c] = n } else { gotUnplaced = n }
        }
        #expect(!expected.isEmpty)
        #expect(got == expected)
        #expect(gotUnplaced == unplaced)
    }

    @Test("between takes dates, ISO strings and a whole last day")
    func between() throws {
        let lua = try CallsLua()
        let from = Double(CallsLua.start + 10 * 86_400), to = Double(CallsLua.start + 20 * 86_400)
        let expected = lua.naive(.start) { CallsLua.number($0)! >= from && CallsLua.number($0)! < to }.count
        // 2026-08-13 .. 2026-08-22 inclusive is [08-13, 08-23).
        #expect(try lua.integer("calls:between('2026-08-13', '2026-08-22'):count()") == expected)
        #expect(try lua.integer("calls:between(date('2026-08-13'), date('2026-08-22')):count()") == expected)
        let open = lua.naive(.start) { CallsLua.number($0)! >= from }.count
        #expect(try lua.integer("calls:between('2026-08-13'):count()") == open)
        #expect(try lua.integer("calls:where{start={'>=', '2026-08-13'}}:count()") == open)
    }

    @Test("by day gives one row per day with streams")
    func byDay() throws {
        let lua = try CallsLua()
        let rs = try lua.resultSet("calls:by('day'):summary{'streams'}")
        var perDay: [Int: Int] = [:]
        for i in 0..<lua.store.count { perDay[Int(lua.store.start[i]) / 86_400, default: 0] += 1 }
        #expect(rs.rows.count == perDay.count)
        #expect(rs.rows.reduce(0) { $0 + (CallsLua.number($1[1]).map(Int.init) ?? 0) } == lua.store.count)
    }

    @Test("tostring describes the query and counts it; the prompt shows its first rows")
    func description() throws {
        let lua = try CallsLua()
        let n = lua.naive(.modality) { $0 == .string("audio") }.intersection(lua.naive(.quality) { $0 == .string("poor") }).count
        let text = try lua.value("tostring(calls:where{modality='audio'}:poor())").stringValue
        #expect(text == "calls where modality = audio and poor (\(grouped(n)) streams)")
        guard case .values(let shown) = lua.engine.evaluate("calls:where{modality='audio'}"), case .resultSet(let box)? = shown.first else {
            Issue.record("not shown as a table"); return
        }
        #expect(box.resultSet.rows.count == CallsRun.previewRows)
        #expect(box.resultSet.title?.hasPrefix("calls where modality = audio: ") == true)
    }
}
