import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// Scenarios kept by the workspace (issue 17 item 5): `scenario{}` keeps the definition, `s:run{}` its last
/// result; a saved workspace opened in a fresh engine lists them (`scenarios()`), gives one back
/// (`scenario("name")`) with the days its last run showed (`s.last_days`), and runs it again the same.
@Suite(.serialized) struct ScenarioWorkspaceTests {
    static func file(_ name: String) -> String {
        let p = NSTemporaryDirectory() + "coexist-scenario-ws-\(getpid())-\(name).db"
        for s in ["", "-wal", "-shm"] { unlink(p + s) }
        return p
    }

    @Test func aScenarioAndItsResultComeBackFromTheWorkspaceFile() throws {
        let s = try SimulationSession(.demo(users: 300))
        try s.run("""
            plan = scenario{name="waves", days=60, steps={
              {on="+3d", cohort="Pilot", mode="TeamsOnly", notify=14},
              {on="+30d", cohort="Wave 1", mode="TeamsOnly", notify=14}}}
            r = plan:run{runs=3}
            untried = scenario{name="untried", days=30, steps={{on="+1d", global="SfBWithTeamsCollab"}}}
            """)
        let path = Self.file("kept")
        try s.run("save('\(path)')")
        let missed = try s.value("r.outcomes.missed").doubleValue
        let days = try s.value("#r.days").integerValue

        let opened = try Workspace.open(path)
        defer { opened.closeFile() }
        let t = try SimulationSession(opened)
        #expect(try t.value("#scenarios()").integerValue == 2)
        #expect(try t.value("scenarios():rows()().name").stringValue == "waves")
        #expect(try t.value("scenario('waves').last_days ~= nil") == .boolean(true))
        #expect(try t.value("#scenario('waves').last_days").integerValue == days)
        #expect(try t.value("scenario('untried').last_days == nil") == .boolean(true))
        // The days as the run printed them, cell by cell.
        for column in ["teams_only", "missed", "tickets", "missed_p90"] {
            let before = try s.output("for row in r.days:rows() do print(row.\(column)) end")
            let after = try t.output("for row in scenario('waves').last_days:rows() do print(row.\(column)) end")
            #expect(before == after, "\(column)")
            #expect(!before.isEmpty)
        }
        // Run again from its stored definition, on the same tenant: the same outcome.
        #expect(try t.value("scenario('waves'):run{runs=3}.outcomes.missed").doubleValue == missed)
        #expect(t.error("scenario('wavez')")?.contains("no scenario 'wavez' in this workspace (did you mean 'waves'?)") == true)
    }

    @Test func aScenarioMadeInAnOpenWorkspaceIsInTheFileAtOnce() throws {
        let path = Self.file("live")
        try Workspace.demo(users: 200).save(to: path)
        let w = try Workspace.open(path)
        let s = try SimulationSession(w)
        try s.run("scenario{name='soon', days=20, steps={{on='+2d', cohort='Pilot', mode='TeamsOnly'}}}:run()")
        let view = try Workspace.open(path, readOnly: true)
        #expect(view.scenarios.map(\.scenario.name) == ["soon"])
        #expect(view.scenarios.first?.result == w.scenarios.first?.result)
        #expect(view.scenarios.first?.result != nil)
        w.closeFile()
    }
}
