import Testing
import CoexistKit
@testable import CoexistLua

/// `set_wan(building, mbps)` and `wan()` (and their tenant methods) on the demo: the attribute set through
/// the door, shown with its default, undone, kept in a fork, read by scenarios and overridden by `wan={}`.
@Suite(.serialized) struct WanLuaTests {
    @Test func setWanShowsInWanAndUndoTakesItBack() throws {
        let s = try SimulationSession()
        let fallback = SimulationParameters()["wan_mbps"]
        #expect(try s.value("wan():where(function(r) return r.building == 'NYC-1' end)[1].wan_mbps") == .number(fallback))
        #expect(try s.value("#wan():where(function(r) return r.source ~= 'default wan_mbps' end)") == .integer(0))
        #expect(try s.value("set_wan('nyc-1', 500).what") == .string("set_wan NYC-1: 500 Mbps (was the default)"))
        #expect(try s.value("wan():where(function(r) return r.building == 'NYC-1' end)[1].source") == .string("set_wan"))
        #expect(try s.value("tenant:wan():where(function(r) return r.building == 'NYC-1' end)[1].wan_mbps") == .number(500))
        #expect(s.workspace.journal.entries.last?.change == .setBuildingWan(building: "nyc-1", mbps: 500))
        try s.run("undo()")
        #expect(s.workspace.coexistence.wanMbps("NYC-1") == nil)
        // A fork's capacity stays in the fork.
        try s.run("f = tenant:fork('what-if'); f:set_wan('NYC-1', 10, {reason='new circuit'})")
        #expect(try s.value("f:wan():where(function(r) return r.building == 'NYC-1' end)[1].wan_mbps") == .number(10))
        #expect(s.workspace.coexistence.wanMbps("NYC-1") == nil)
        // A dry run keeps nothing.
        try s.run("set_wan('NYC-1', 20, {dry_run=true})")
        #expect(s.workspace.coexistence.wanMbps("NYC-1") == nil)
    }

    @Test func badArgumentsAreRefusedNamingWhatIsWrong() throws {
        let s = try SimulationSession()
        #expect(s.error("set_wan('NYC1', 500)")?.contains("unknown building 'NYC1' (did you mean 'NYC-1'?)") == true)
        #expect(s.error("set_wan('NYC-1', 0)")?.contains("out of range") == true)
        #expect(s.error("set_wan('NYC-1')")?.contains("capacity in Mbps expected") == true)
        #expect(s.error("set_wan('NYC-1', 5, {reasn='x'})")?.contains("did you mean 'reason'") == true)
        #expect(s.error("wan('NYC-1')")?.contains("takes no arguments") == true)
        #expect(s.workspace.journal.entries.isEmpty)
    }

    @Test func scenariosReadTheAttributeAndWanOverridesIt() throws {
        let s = try SimulationSession()
        let plan = #"scenario{name="net", start="2027-01-04", days=20, seed=3, steps={}%@}:run().outcomes.peak_utilisation"#
        func peak(_ wan: String = "") throws -> Double {
            switch try s.value(plan.replacingOccurrences(of: "%@", with: wan)) {
            case .number(let d): return d
            case .integer(let n): return Double(n)
            default: return -1
            }
        }
        let base = try peak()
        #expect(base > 0)
        // Every building at a tenth of the default: the busiest building is ten times as loaded.
        try s.run("default_wan = {}; for r in wan():rows() do default_wan[r.building] = r.wan_mbps; set_wan(r.building, r.wan_mbps / 10) end")
        #expect(abs(try peak() - 10 * base) <= 0.05 * base)
        // wan={} puts every building back to the default, for this scenario only.
        #expect(try peak(", wan=default_wan") == base)
        #expect(try peak() != base)
    }
}
