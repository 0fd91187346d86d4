import Testing
import Foundation
import CoexistKit
@testable import CoexistLua

/// `scenario{}` in Lua: strict steps, help, runs with bands, charts, pages, compare, sweep and apply.
@Suite(.serialized) struct ScenarioLuaTests {
    static let plan = """
        s = scenario{name="wave", start="2027-01-04", days=60, seed=3, steps={
          {on="+0d", announce="all"},
          {on="+1w", cohort="Wave 1", mode="Islands", notify=14},
          {on="+4w", cohort="Wave 1", mode="TeamsOnly", notify=14, move_to_teams=true},
        }}
        """

    @Test func aBadStepNamesTheStepAndTheField() throws {
        let s = try SimulationSession()
        #expect(s.error("scenario{name='x', steps={{on='+1d', announce='all'}, {on='+2d', cohort='Wave 1', mdoe='Islands'}}}")?
            .contains("scenario: step 2: mdoe: unknown field for a cohort step (did you mean 'mode'?)") == true)
        #expect(s.error("scenario{name='x', steps={{on='+1d', cohort='Wave 7', mode='Islands'}}}")?
            .contains("scenario: step 1: cohort: unknown cohort 'Wave 7'") == true)
        #expect(s.error("scenario{name='x', days=30, steps={{on='+6w', announce='all'}}}")?
            .contains("scenario: step 1: on:") == true)
        #expect(s.error("scenario{name='x', steps={{on='+1d', building='NYC-1', fix='vpn'}}}")?
            .contains("step 1: fix: unknown fix 'vpn'") == true)
        #expect(s.error("scenario{name='x', steps={{on='+1d'}}}")?.contains("step 1: action: give one of cohort") == true)
        #expect(s.error("scenario{name='x', params={imitaton=0.2}}")?.contains("unknown parameter 'imitaton' (did you mean 'imitation'?)") == true)
        #expect(s.error("scenario{name='x', sede=4}")?.contains("unknown option 'sede'") == true)
    }

    @Test func helpListsEveryParameterWithItsDefault() throws {
        let s = try SimulationSession()
        let help = try s.output("help(scenario)")
        for p in SimulationParameters.documented { #expect(help.contains("  \(p.name) = "), "\(p.name) missing from help") }
        #expect(help.contains("up to 24 hours"))
        #expect(try s.value("scenario{name='p', params={imitation=0.3}}.params.imitation") == .number(0.3))
    }

    @Test func runsGiveABandAndTheSameNumbersForTheSameSeed() throws {
        let s = try SimulationSession()
        try s.run(Self.plan + "\nr = s:run{runs=6}; q = s:run{runs=6}")
        #expect(try s.value("#r.days") == .integer(60))
        #expect(try s.value("r.runs") == .integer(6))
        try s.run("""
            ok = true
            for i, row in ipairs({r.days[20], r.days[35]}) do
              if not (row.teams_share_p10 <= row.teams_share and row.teams_share <= row.teams_share_p90) then ok = false end
            end
            same = r.days[40].teams_share == q.days[40].teams_share and r.outcomes.tickets == q.outcomes.tickets
            """)
        #expect(try s.value("ok") == .boolean(true))
        #expect(try s.value("same") == .boolean(true))
        #expect(try s.value("r:summary()[1].outcome") == .string("missed"))
        #expect(try s.text("r").contains("scenario wave: summary"))
    }

    @Test func theChartFitsTheWidthAndThePageIsSelfContained() throws {
        let s = try SimulationSession()
        try s.run(Self.plan + "\nr = s:run()")
        let chart = try s.value("r:chart('teams_share', 'tickets', {width=48, height=6})").stringValue ?? ""
        #expect(chart.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 48 })
        #expect(chart.contains("teams_share") && chart.contains("tickets"))
        #expect(s.error("r:chart('misssed')")?.contains("unknown measure 'misssed' (did you mean 'missed'?)") == true)
        let path = "/tmp/coexist-sim-page-\(getpid()).html"
        try s.run("r:save('\(path)')")
        let page = try TenantLua.read(path)
        unlink(path)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("Guidance"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
    }

    @Test func compareRunsOnCommonRandomNumbers() throws {
        let s = try SimulationSession()
        try s.run(Self.plan + "\nc = compare(s, s, {runs=3})")
        let t = try s.value("c.table[4]")
        // Two copies of one plan on common random numbers: identical outcomes, column for column.
        guard case .table(let row) = t else { Issue.record("no row"); return }
        #expect(row["outcome"] == .string("tickets"))
        #expect(row["wave (1)"] == row["wave (2)"])
        #expect(try s.text("c").contains("missed by scenario"))
    }

    @Test func aSweepShowsHowEachOutcomeMoves() throws {
        let s = try SimulationSession()
        try s.run(Self.plan + "\nw = sweep{scenario=s, param='tickets_per_move', values={0.1, 0.2, 0.4}}")
        #expect(try s.value("#w.table") == .integer(3))
        try s.run("t1, t3 = w.table[1].tickets, w.table[3].tickets")
        let t1 = try s.value("t1").doubleValue ?? 0, t3 = try s.value("t3").doubleValue ?? 0
        #expect(t3 > t1 * 2)
        #expect(try s.value("w.sensitivity[1].outcome") != .nil)
        #expect(s.error("sweep{scenario=s, param='tickets_per_mov', values={1}}")?.contains("did you mean 'tickets_per_move'") == true)
    }

    @Test func applyRecordsExactlyTheScenariosMoves() throws {
        let s = try SimulationSession()
        let before = s.workspace.coexistence
        try s.run(Self.plan)
        let preview = try s.output("s:apply{dry_run=true}")
        #expect(preview.contains("apply scenario wave: 2 change(s)"))
        #expect(s.workspace.coexistence == before)
        _ = try s.output("n = s:apply()")
        #expect(try s.value("n") == .integer(2))
        let journal = s.workspace.journal.entries
        #expect(journal.map(\.change) == [.moveCohort(name: "Wave 1", target: "Islands", on: Day(year: 2027, month: 1, day: 11)),
                                          .moveCohort(name: "Wave 1", target: "TeamsOnly", on: Day(year: 2027, month: 2, day: 1))])
        #expect(journal.allSatisfy { $0.why.hasPrefix("scenario wave, step") })
        try s.run("undo(); undo()")
        #expect(s.workspace.coexistence.timeline == before.timeline)
    }

    @Test func runningLeavesTheTenantUnchanged() throws {
        let s = try SimulationSession()
        let before = s.workspace.coexistence
        try s.run(Self.plan + "\nr = s:run{runs=2}")
        #expect(s.workspace.coexistence == before)
        #expect(s.workspace.journal.entries.isEmpty)
    }
}

/// The shipped scenarios run on the demo tenant and their guidance reads as their comments say.
@Suite(.serialized) struct ShippedScenarioTests {
    @Test func theGradualJourneyRunsAndOverrunsTheWindow() throws {
        let s = try SimulationSession()
        try s.run("r = require('scenarios.gradual'):run()")
        #expect(try s.value("r.outcomes.final_teams_share") == .number(100))
        #expect(try s.value("r.outcomes.window_days").integerValue ?? 0 > 45)
        #expect(try s.text("r:violations()").contains("upgrade window"))
        // The sample plan follows the guidance: no check fires on the demo tenant.
        try s.run("q = require('scenarios.sample'):run()")
        #expect(try s.value("q.outcomes.violations") == .integer(0))
        #expect(try s.value("q.outcomes.final_teams_share") == .number(100))
        #expect(try s.value("q.outcomes.window_days").integerValue ?? 99 <= 45)
        try s.run("b = require('scenarios.bigbang'):run()")
        #expect(try s.text("b:violations()").contains("no assessment"))
    }
}

/// Every documented option of scenario{}, its steps, charts, compare and sweep does what it says.
@Suite(.serialized) struct ScenarioOptionTests {
    @Test func everyDocumentedOptionIsRead() throws {
        let s = try SimulationSession()
        try s.run("""
            base = scenario{name="net", start="2027-01-04", days=30, seed=5, wan={["NYC-1"]=1}, steps={
              {on="+0d", announce="Wave 1"},
              {on="+1d", cohort="Wave 1", mode="TeamsOnly", notify=14, move_to_teams=true},
              {on="+2d", pilot="Pilot", days=30, assess=15},
              {on="+2d", training="Wave 1", capacity=10},
              {on="+2d", champions="Wave 1", count=2},
              {on="+3d", review=true},
            }}
            fixed = scenario{name="fixed", start="2027-01-04", days=30, seed=5, wan={["NYC-1"]=1}, steps={
              {on="+0d", building="NYC-1", fix="wan", mbps=10000},
              {on="+0d", building="NYC-1", fix="udp"},
              {on="+0d", building="NYC-1", fix="split_tunnel"},
            }}
            a, b = base:run(), fixed:run()
            """)
        // A 1 Mbps WAN is over capacity; adding 10 Gbps brings it under.
        #expect((try s.value("a.outcomes.days_over_capacity").integerValue ?? 0) > 0)
        #expect(try s.value("b.outcomes.days_over_capacity") == .integer(0))
        #expect(try s.value("scenario{name='d'}.start") == .string(s.workspace.today.iso))
        #expect(try s.value("base.seed") == .integer(5))
        #expect(try s.value("#base:preview()") == .integer(1))
        let svg = try s.value("a:chart('tickets', {format='svg'})").stringValue ?? ""
        #expect(svg.hasPrefix("<svg"))
        #expect(try s.value("a:chart('tickets', {title='Help desk', width=40})").stringValue?.hasPrefix("Help desk\n") == true)
        #expect(try s.text("compare(base, fixed, {runs=2, measure='utilisation'})").contains("utilisation by scenario"))
        try s.run("w = sweep{scenario=base, param='wan_mbps', values={1, 100}, runs=2, outcome='peak_utilisation'}")
        #expect(try s.text("w").contains("peak_utilisation by wan_mbps"))
        #expect(s.error("fixed2 = scenario{name='x', wan={['NYC-9']=5}}")?.contains("unknown building 'NYC-9'") == true)
        #expect(s.error("scenario{name='x', steps={{on='+0d', building='NYC-1', fix='udp', mbps=5}}}")?.contains("step 1: mbps: only a wan fix takes mbps=") == true)
    }
}
