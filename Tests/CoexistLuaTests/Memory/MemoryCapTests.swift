import CLua
import CLuaBridge
import CoexistKit
import XCTest
@testable import CoexistLua

/// `--lua-memory` is the session's cap: what host objects hold counts, a host call at the cap fails in C
/// without leaking, and a hundred thousand failing calls leave the process's memory where it was.
/// XCTest, not Swift Testing: its tests run one at a time, so the resident size measured is this test's.
final class MemoryCapTests: XCTestCase {
    /// Counts live instances, to show that no Swift object is stranded by a failed host call.
    final class Live {
        nonisolated(unsafe) static var count = 0
        init() { Live.count += 1 }
        deinit { Live.count -= 1 }
    }

    /// The resident set size of this process, from /proc/self/statm (pages, second field).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Under the address sanitizer freed memory stays resident in its quarantine by design, so resident size
    /// says nothing about leaks there (scripts/test --asan); the other checks still run.
    static let underAddressSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

    func assertFlat(_ before: Int, _ after: Int, file: StaticString = #filePath, line: UInt = #line) {
        if Self.underAddressSanitizer { return }
        XCTAssertLessThan(Double(after), Double(before) * 1.05, "RSS grew from \(before) to \(after) bytes", file: file, line: line)
    }

    /// A calls session whose cap is what it uses now plus `headroom`.
    func session(headroom: Int, streams: Int = 3_000) throws -> CallsLua {
        let lua = try CallsLua(streams: streams)
        _ = lua.engine.run("collectgarbage()", chunkName: "gc")
        bridge_set_memory_limit(lua.engine.L, lua.engine.memoryUsed + headroom)
        return lua
    }

    func run(_ lua: CallsLua, _ code: String) throws {
        if case .failure(let e) = lua.engine.run(code, chunkName: "test") { XCTFail(e.message); throw e }
    }

    /// Runs a chunk and reads the globals it set.
    func globals(_ engine: LuaEngine, _ code: String, _ names: String...) throws -> [LuaValue] {
        if case .failure(let e) = engine.run(code, chunkName: "test") { XCTFail(e.message); throw e }
        return names.map { name in
            engine.pushGlobal(path: name)
            defer { engine.stack.pop() }
            return engine.stack.value(at: -1)
        }
    }

    /// Lua fills the budget to within a kilobyte of the cap (a chain of small tables, so the last failed
    /// allocation is small); the chain stays alive in a global.
    static let fillToTheCap = """
        fill = nil collectgarbage()
        local function grow() local n = 0 while true do n = n + 1; fill = {fill, ("x"):rep(200) .. n} end end
        for _ = 1, 3 do pcall(grow) end
        """

    func testIteratorsHeldByAScriptCountAgainstTheCap() throws {
        let lua = try session(headroom: 16 << 20)
        // Each iterator keeps its 3,000 row numbers (12 KB) in Swift; 10,000 of them are 120 MB.
        let code = """
            keep = {}
            local ok1, err1 = pcall(function() for i = 1, 10000 do keep[i] = calls:rows() end end)
            local n = #keep
            keep = nil collectgarbage()
            ok, err, kept = ok1, err1, n
            """
        let v = try globals(lua.engine, code, "ok", "err", "kept")
        XCTAssertEqual(v[0], .boolean(false), "10,000 iterators of 12 KB each fit under a 16 MB cap")
        XCTAssertEqual(v[1].stringValue, "not enough memory")
        XCTAssertLessThan(v[2].integerValue ?? 10_000, 2_000)
        // Collected, the iterators give their bytes back and the session works again.
        try run(lua, "keep = nil; collectgarbage(); collectgarbage()")
        try run(lua, "local n = 0 for _ in calls:rows() do n = n + 1 end assert(n == 3000)")
        XCTAssertLessThan(lua.engine.memoryUsed, 2 << 20 + Int(bridge_memory_limit(lua.engine.L)) - (16 << 20))
    }

    func testResultSetsHeldByAScriptCountAgainstTheCap() throws {
        let lua = try session(headroom: 8 << 20)
        // A result set whose rows are in Swift: 2,000 rows of 8 strings of 40 bytes, about 1 MB, for a few
        // hundred bytes of userdata.
        let rows = (0..<2_000).map { i in (0..<8).map { c in ResultValue.string("row \(i) column \(c) " + String(repeating: "v", count: 24)) } }
        let big = ResultSet(columns: (0..<8).map { Column("c\($0)", .string) }, rows: rows)
        XCTAssertGreaterThan(big.heapBytes, 1 << 20)
        lua.engine.register("big", doc: "") { call in
            ResultSetBinding.push(big, call.L)
            return 1
        }
        let code = "keep = {} local o, e = pcall(function() for i = 1, 100 do keep[i] = big() end end) local n = #keep keep = nil collectgarbage() ok, err, kept = o, e, n"
        let v = try globals(lua.engine, code, "ok", "err", "kept")
        XCTAssertEqual(v[0], .boolean(false), "100 result sets of 1 MB fit under an 8 MB cap")
        XCTAssertEqual(v[1].stringValue, "not enough memory")
        XCTAssertLessThan(v[2].integerValue ?? 100, 8)
    }

    func testForksCountAgainstTheCap() throws {
        let lua = try TenantLua()
        _ = lua.engine.run("collectgarbage()", chunkName: "gc")
        bridge_set_memory_limit(lua.engine.L, lua.engine.memoryUsed + (4 << 20))
        let code = "keep = {} local o, e = pcall(function() for i = 1, 2000 do keep[i] = tenant:fork() end end) keep = nil collectgarbage() ok, err = o, e"
        let v = try globals(lua.engine, code, "ok", "err")
        XCTAssertEqual(v[0], .boolean(false), "2,000 forks of a 200-user tenant fit under a 4 MB cap")
        XCTAssertEqual(v[1].stringValue, "not enough memory")
    }

    /// Once the globals hold the whole budget, in result sets (charged by the host, which may overdraw it), a
    /// line typed at the prompt still compiles (the reserve, CLuaBridge.h), so `keep = nil` frees them.
    /// Filled with Lua tables only, the line compiled even without the reserve: the emergency collection frees
    /// the filling chunk itself, which is enough.
    func testALineTypedAtTheCapCompilesAndFreesTheGlobals() throws {
        let lua = try session(headroom: 2 << 20)
        let limit = Int(bridge_memory_limit(lua.engine.L))
        _ = lua.engine.evaluate("keep = {} pcall(function() for i = 1, 1e9 do keep[#keep + 1] = calls:by('building'):summary() end end)")
        XCTAssertGreaterThan(lua.engine.memoryUsed, limit - (16 << 10), "the fill stopped short of the cap: the test shows nothing")
        guard case .values = lua.engine.evaluate("keep = nil") else { return XCTFail("`keep = nil` did not run at the cap") }
        XCTAssertLessThanOrEqual(lua.engine.memoryUsed, limit + Int(BRIDGE_RESERVE))
        guard case .values = lua.engine.evaluate("collectgarbage()") else { return XCTFail("collectgarbage() did not run") }
        XCTAssertLessThan(lua.engine.memoryUsed, limit - (1 << 20), "the result sets were not freed")
        // rep holds its buffer and the string at once: 512 KB of the 2 MB headroom.
        guard case .values(let shown) = lua.engine.evaluate("#('x'):rep(1 << 18)"), case .text(let n)? = shown.first else {
            return XCTFail("256 KB did not fit after the result sets were freed")
        }
        XCTAssertEqual(n, "262144")
    }

    func testHostCallAtTheCapFreesWhatItMadeAndRaisesInC() throws {
        // A bare engine: at the cap every failed call costs a full collection, as in Lua itself, so the heap is small.
        let engine = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        _ = engine.run("collectgarbage()", chunkName: "gc")
        bridge_set_memory_limit(engine.L, engine.memoryUsed + (256 << 10))
        // A Swift object alive across the pushes that fail: a raise through this frame would strand it.
        engine.register("make", doc: "") { call in
            let live = Live()
            return withExtendedLifetime(live) {
                call.results(.table(LuaTable(array: (0..<200).map { .string("value number \($0) of many") })))
            }
        }
        // One chunk: at the cap even loading another chunk would fail.
        let loop = "failed = 0 " + Self.fillToTheCap + """

            local n = 0
            for i = 1, 100000 do
              local ok, err = pcall(make)
              if not ok and err == "not enough memory" then n = n + 1 end
            end
            fill = nil collectgarbage()
            failed = n
            """
        let before = Self.residentBytes()
        let v = try globals(engine, loop, "failed")
        XCTAssertEqual(v[0], .integer(100_000), "every call at the cap fails with Lua's memory error")
        XCTAssertEqual(Live.count, 0, "Swift objects stranded by failed host calls")
        let after = Self.residentBytes()
        assertFlat(before, after)
        _ = try globals(engine, "collectgarbage() assert(#make() == 200)")
    }

    /// A finaliser written in Lua runs inside whatever allocation steps the collector, Swift's too; there its
    /// allocations are still held to the cap (they fail in the finaliser, which Lua turns into a warning).
    func testFinalisersRunDuringSwiftWorkAreHeldToTheCap() throws {
        let engine = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        _ = engine.run("collectgarbage()", chunkName: "gc")
        let limit = engine.memoryUsed + (1 << 20)
        bridge_set_memory_limit(engine.L, limit)
        var peak = 0
        // Swift work that allocates Lua objects (and so steps the collector) and watches the budget.
        engine.register("churn", doc: "") { call in
            for _ in 0..<200_000 {
                lua_createtable(call.L, 4, 0)
                shim_pop(call.L, 1)
                peak = max(peak, Int(bridge_memory_used(call.L)))
            }
            return 0
        }
        // Each finaliser tries to keep 16 MB (a million integers) in a global.
        let code = """
            ran, kept, objects = 0, 0, {}
            for i = 1, 20 do
              objects[i] = setmetatable({}, {__gc = function()
                ran = ran + 1
                local t = {} for j = 1, 1000000 do t[j] = j end
                hog = t kept = kept + 1
              end})
            end
            -- Garbage only now, with no Lua allocation before the Swift work: the finalisers run inside churn().
            objects = nil churn()
            """
        let v = try globals(engine, code, "ran", "kept")
        XCTAssertGreaterThan(v[0].integerValue ?? 0, 0, "no finaliser ran during churn(): the test shows nothing")
        XCTAssertEqual(v[1], .integer(0), "a finaliser kept 16 MB under a 1 MB headroom")
        XCTAssertLessThan(peak, limit + (64 << 10), "the budget went past the cap during Swift work")
    }

    func testRaisingPredicatesLeakNothing() throws {
        let lua = try session(headroom: 2 << 20, streams: 20)
        // where(function) tests that raise, on a query kept and on one made each time: 100,000 of each.
        let loop = """
            local raising = calls:where(function(r) error("boom") end)
            errors = 0
            for i = 1, 100000 do
              local ok, err = pcall(raising.count, raising)
              if not ok and err:find("boom") then errors = errors + 1 end
              pcall(function() return calls:where(function(r) error({}) end):count() end)
            end
            """
        // Warm the allocator's free lists first, so what is measured is growth, not the first use.
        _ = lua.engine.evaluate("for i = 1, 10000 do pcall(function() return calls:where(function(r) error('x') end):count() end) end")
        let before = Self.residentBytes()
        let v = try globals(lua.engine, loop, "errors")
        XCTAssertEqual(v[0], .integer(100_000))
        assertFlat(before, Self.residentBytes())
    }
}
