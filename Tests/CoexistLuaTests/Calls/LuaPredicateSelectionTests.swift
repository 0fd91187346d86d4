import Testing
@testable import CoexistKit
@testable import CoexistLua

/// A Lua predicate's rows become a `RowSelection`, so the later scans run like any filtered query.
@Suite("Lua predicates as row selections")
struct LuaPredicateSelectionTests {
    @Test("after a Lua predicate the query holds no closure, takes the top-N fast path and gives the naive answer")
    func selectionNotClosure() throws {
        let lua = try CallsLua(streams: 3_000)
        try lua.run("_q = calls:where{modality='audio'}:where(function(r) return r.jitter_ms ~= nil and r.jitter_ms > 20 end)")
        lua.engine.pushGlobal(path: "_q")
        defer { lua.engine.stack.pop() }
        let q = try #require(CallsBinding.type.object(at: -1, lua.engine.L))
        let (store, query, rows) = try q.resolve(lua.engine.L)
        #expect(!query.hasClosure)
        let expected = lua.naive(.modality) { $0 == .string("audio") }.intersection(lua.naive(.jitter) { CallsLua.number($0)! > 20 })
        #expect(!expected.isEmpty)
        #expect(rows.map { Set($0.map(Int.init)) } == expected)
        #expect(try store.count(query) == expected.count)
        let fast = try store.fastTop(query, dimension: "building", n: 3, measure: .streams, minStreams: 0)
        #expect(fast != nil)
        var perBuilding: [String: Int] = [:]
        // Streams in no building are a group too (a missing label), as in summary().
        for i in expected { perBuilding["\(store.value(.building, at: i))", default: 0] += 1 }
        let ranked = perBuilding.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        #expect(fast?.rows.map { $0[1] } == ranked.map { .int($0.value) })
        let fromLua = try lua.resultSet("_q:top('building', 3)")
        #expect(fromLua.rows.map { $0[1] } == ranked.map { .int($0.value) })
    }
}
