import Foundation
import Testing
@testable import CoexistKit

/// A building's WAN capacity is a tenant attribute set through the door: journaled, undone, stored, refused
/// when the building is unknown or the capacity out of range; scenarios read it, and `wan={}` overrides it.
@Suite struct BuildingWanTests {
    @Test func setWanIsJournaledShownAndUndone() throws {
        let w = SimulationFixtures.workspace()
        #expect(WanTable.table(w).rows.map { $0[2] } == [.string("default wan_mbps"), .string("default wan_mbps")])
        let report = try w.apply(.setBuildingWan(building: "hq", mbps: 40), who: "alice")
        #expect(report.what == "set_wan HQ: 40 Mbps (was the default)")
        #expect(w.coexistence.wanMbps("HQ") == 40)
        #expect(w.journal.entries.map(\.change) == [.setBuildingWan(building: "hq", mbps: 40)])
        let rows = WanTable.table(w).rows
        #expect(rows.contains([.string("HQ"), .double(40), .string("set_wan")]))
        #expect(rows.contains([.string("Branch"), .double(SimulationParameters()["wan_mbps"]), .string("default wan_mbps")]))
        try w.apply(.setBuildingWan(building: "HQ", mbps: 80), who: "alice")
        #expect(w.coexistence.buildingWan == ["HQ": 80])
        try w.undo()
        #expect(w.coexistence.wanMbps("HQ") == 40)
        try w.undo()
        #expect(w.coexistence.wanMbps("HQ") == nil)
        #expect(w.journal.entries.isEmpty)
    }

    @Test func anUnknownBuildingOrACapacityOutOfRangeIsRefusedAndChangesNothing() throws {
        let w = SimulationFixtures.workspace()
        let before = w.coexistence
        #expect(throws: TenantError.refused("set_wan: unknown building 'Brnch' (did you mean 'Branch'?)")) {
            try w.apply(.setBuildingWan(building: "Brnch", mbps: 10), who: "alice")
        }
        for bad in [0, -5, 2_000_000, Double.nan] {
            #expect(throws: TenantError.self) { try w.apply(.setBuildingWan(building: "HQ", mbps: bad), who: "alice") }
        }
        #expect(w.coexistence == before)
        #expect(w.journal.entries.isEmpty)
        // A dry run says what it would do and keeps nothing.
        let dry = try w.apply(.setBuildingWan(building: "HQ", mbps: 10), who: "alice", dryRun: true)
        #expect(dry.dryRun && w.coexistence.wanMbps("HQ") == nil)
    }

    @Test func theChangeIsStoredAndReplayed() throws {
        let change = Change.setBuildingWan(building: "Branch", mbps: 12.5)
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(Change.self, from: data) == change)
        let w = SimulationFixtures.workspace()
        try w.apply(change, who: "alice", why: "new circuit")
        let again = SimulationFixtures.workspace()
        try again.replay(w.journal.records)
        #expect(again.coexistence.wanMbps("branch") == 12.5)
        #expect(again.coexistence == w.coexistence)
    }

    @Test func scenariosReadTheBuildingsCapacityAndWanOverridesIt() throws {
        let w = SimulationFixtures.workspace()
        let plan = SimulationFixtures.scenario(SimulationFixtures.busyPlan)
        let base = try ScenarioRun.run(plan, on: w, runs: 1).series(.utilisation)
        #expect(base.last! > 0)
        let fallback = SimulationParameters()["wan_mbps"]
        try w.apply(.setBuildingWan(building: "HQ", mbps: fallback / 4), who: "alice")
        try w.apply(.setBuildingWan(building: "Branch", mbps: fallback / 4), who: "alice")
        let quarter = try ScenarioRun.run(plan, on: w, runs: 1).series(.utilisation)
        for (q, b) in zip(quarter, base) { #expect(abs(q - 4 * b) <= 1e-9 * max(1, q)) }
        // The scenario's own wan={} wins over the attribute, building by building.
        var overridden = plan
        overridden.wanMbps = ["hq": fallback, "BRANCH": fallback]
        #expect(try ScenarioRun.run(overridden, on: w, runs: 1).series(.utilisation) == base)
        // And the fork a scenario plays on carries the attribute: the tenant itself is unchanged by the run.
        #expect(w.coexistence.wanMbps("HQ") == fallback / 4)
    }
}
