import CLuaBridge
import CoexistKit
import XCTest
@testable import CoexistLua

/// Issue 12 item 4, "later scenarios": a scenario's results, compares and sweeps count against `--lua-memory`,
/// so a script that keeps every run it makes ends in a Lua memory error, not in the machine's memory.
/// XCTest, as MemoryCapTests: one test at a time, so the resident size measured is this test's.
final class ScenarioMemoryTests: XCTestCase {
    static let plan = """
        s = scenario{name="wave", start="2027-01-04", days=60, seed=3, steps={
          {on="+0d", announce="all"},
          {on="+1w", cohort="Wave 1", mode="Islands", notify=14},
          {on="+4w", cohort="Wave 1", mode="TeamsOnly", notify=14, move_to_teams=true},
        }}
        collectgarbage()
        """

    func session() throws -> SimulationSession {
        let s = try SimulationSession()
        try s.run(Self.plan)
        return s
    }

    /// What the budget says is in use after a full collection.
    func used(_ s: SimulationSession) -> Int {
        _ = s.lua.run("collectgarbage()", chunkName: "gc")
        return s.lua.memoryUsed
    }

    func global(_ s: SimulationSession, _ name: String) -> LuaValue {
        s.lua.pushGlobal(path: name)
        defer { s.lua.stack.pop() }
        return s.lua.stack.value(at: -1)
    }

    func int(_ v: LuaValue) -> Int? {
        if case .integer(let n) = v { return Int(n) }
        return nil
    }

    func testAResultIsChargedWhatItHoldsUntilCollected() throws {
        let s = try session()
        let before = used(s)
        try s.run("r = s:run{runs=5}")
        s.lua.pushGlobal(path: "r")
        let box = try XCTUnwrap(ScenarioResultBinding.type.object(at: -1, s.lua.L))
        s.lua.stack.pop()
        let held = box.result.heapBytes
        XCTAssertGreaterThan(held, 5 * 60 * 8, "five runs of 60 days hold at least a figure a day each")
        XCTAssertGreaterThanOrEqual(used(s) - before, held, "the result's figures are charged to the budget")
        try s.run("r = nil")
        XCTAssertLessThan(used(s) - before, 16 << 10, "collected, the charge is given back")
    }

    func testComparesAndSweepsAreChargedForEveryResultTheyKeep() throws {
        let s = try session()
        let base = used(s)
        try s.run("r = s:run{runs=3}")
        let one = used(s) - base
        try s.run("r = nil c = compare(s, s, {runs=3})")
        let compared = used(s) - base
        try s.run("c = nil w = sweep{scenario=s, param='tickets_per_move', values={0.1, 0.2, 0.4}, runs=3}")
        let swept = used(s) - base
        try s.run("w = nil")
        let released = used(s) - base
        XCTAssertGreaterThan(compared, one * 3 / 2, "a comparison of two scenarios holds two results (\(compared) vs \(one))")
        XCTAssertGreaterThan(swept, one * 5 / 2, "a sweep over three values holds three results (\(swept) vs \(one))")
        XCTAssertLessThan(released, 16 << 10)
    }

    /// Keeping every result under an 8 MB headroom: a clean "not enough memory" long before the loop's end, the
    /// process's resident size stays within the cap's reach, and releasing the results (in the same chunk: at
    /// the cap no new line compiles while they are held, as with any Lua table) gives the budget back, so the
    /// session goes on and as many can be kept again.
    func testKeepingManyResultsEndsInALuaMemoryErrorAndReleasingThemGivesTheBudgetBack() throws {
        let s = try session()
        let headroom = 8 << 20
        let baseline = used(s)
        bridge_set_memory_limit(s.lua.L, baseline + headroom)
        let rssBefore = MemoryCapTests.residentBytes()
        let keep = """
            keep = {}
            ok, err = pcall(function() for i = 1, 1000 do keep[i] = s:run{runs=2} end end)
            kept = #keep
            keep = nil collectgarbage()
            """
        try s.run(keep)
        XCTAssertEqual(global(s, "ok"), .boolean(false), "1,000 results fit under an 8 MB headroom: they are not charged")
        XCTAssertEqual(global(s, "err").stringValue, "not enough memory")
        let first = try XCTUnwrap(int(global(s, "kept")))
        XCTAssertGreaterThan(first, 2, "a few results fit")
        XCTAssertLessThan(first, 1000)
        if !MemoryCapTests.underAddressSanitizer {
            let grown = MemoryCapTests.residentBytes() - rssBefore
            XCTAssertLessThan(grown, 4 * headroom + (32 << 20), "resident size grew \(grown) bytes under an 8 MB cap")
        }
        XCTAssertLessThan(used(s) - baseline, 64 << 10, "released, the budget is back")
        // The session goes on.
        try s.run("x = 1 + 1")
        XCTAssertEqual(global(s, "x"), .integer(2))
        try s.run(keep)
        XCTAssertEqual(int(global(s, "kept")).map { abs($0 - first) <= 1 }, true, "as many fit again")
    }
}
