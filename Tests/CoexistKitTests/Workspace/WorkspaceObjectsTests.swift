import CSQLite
import Foundation
import Testing
@testable import CoexistKit

/// Every kind of object a workspace holds, saved and opened field by field (issue 17 item 6); the plan's and
/// the scenarios' tables as tools read them; users imports replayed from the workspace itself, not from their
/// file (self-contained); `--data` workspaces saved; version-2 files migrated.
@Suite(.serialized) struct WorkspaceObjectsTests {
    static let path = WorkspaceFileTests.path

    /// Rows of `sql` on the file at `p`, each column as text ("NULL" for NULL).
    static func rows(_ p: String, _ sql: String) -> [[String]] {
        var db: OpaquePointer?
        guard sqlite3_open_v2(p, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_close(db) }
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK else {
            Issue.record("cannot prepare \(sql): \(String(cString: sqlite3_errmsg(db)))")
            return []
        }
        defer { sqlite3_finalize(s) }
        var out: [[String]] = []
        while sqlite3_step(s) == SQLITE_ROW {
            out.append((0..<sqlite3_column_count(s)).map { i in
                sqlite3_column_type(s, i) == SQLITE_NULL ? "NULL" : String(cString: sqlite3_column_text(s, i))
            })
        }
        return out
    }

    static func pilotScenario(_ w: Workspace, name: String = "pilot first") -> Scenario {
        let start = w.today
        return Scenario(name: name, start: start, days: 40, seed: 7, steps: [
            ScenarioStep(on: start.adding(days: 1), .announce(cohort: "Pilot")),
            ScenarioStep(on: start.adding(days: 3), .move(cohort: "Pilot", mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)),
            ScenarioStep(on: start.adding(days: 20), .move(cohort: "Wave 1", mode: "TeamsOnly", notifyDays: 2, moveToTeams: true)),
        ])
    }

    /// `busy` (users, cohorts, grants, the change log, buildings and subnets, devices, streams, a WAN capacity,
    /// training) plus every plan object and two scenarios, one run twice over (with a p10/p90 band) and one never run.
    static func everything() throws -> Workspace {
        let w = try WorkspaceFileTests.busy()
        func edit(_ a: PlanEdit.Action) throws { try w.apply(.plan(PlanEdit(start: w.plan.start ?? w.today, a)), who: "qc") }
        try edit(.step(phase: "Pilot", number: 5, status: .doing, owner: "Service Owner", due: nil, note: "kickoff booked"))
        try edit(.goal(PlanGoal(name: "audio poor", measure: .review(figure: "audio_poor_pct"), target: GoalTarget(atMost: true, value: 2),
                                by: w.today.adding(days: 60))))
        try edit(.goal(PlanGoal(name: "pilot adoption", measure: .adoption(cohort: "Pilot"), target: GoalTarget(atMost: false, value: 90), by: nil)))
        try edit(.risk(PlanRisk(title: "SBC capacity", likelihood: 3, impact: 4, mitigation: "add a second SBC", owner: "Telephony Operations")))
        try edit(.risks([PlanRisk(title: "VPN hairpin", likelihood: 2, impact: 5, status: .mitigated, source: "guidance")]))
        try edit(.opsRole(activity: "Drive remediation", role: "Network Operations"))
        let run = try ScenarioRun.run(pilotScenario(w), on: w, runs: 2)
        try w.keepScenarioResult(run)
        try w.keepScenario(pilotScenario(w, name: "never run"))
        return w
    }

    static func expectSamePlan(_ a: Plan, _ b: Plan, today: Day) {
        #expect(a.start == b.start)
        #expect(a.steps(today: today) == b.steps(today: today))
        #expect(a.roles == b.roles)
        #expect(a.goals == b.goals)
        #expect(a.risks == b.risks)
        #expect(a.opsRoles == b.opsRoles)
        #expect(a.operationsTasks == b.operationsTasks)
    }

    static func expectSameScenarios(_ a: [StoredScenario], _ b: [StoredScenario]) {
        #expect(a.map(\.scenario) == b.map(\.scenario))
        for (x, y) in zip(a, b) {
            #expect(x.result?.runs == y.result?.runs, "\(x.scenario.name)")
            #expect(x.result?.days.columns == y.result?.days.columns, "\(x.scenario.name)")
            #expect(x.result?.days.title == y.result?.days.title, "\(x.scenario.name)")
            for (n, (r, s)) in zip(x.result?.days.rows ?? [], y.result?.days.rows ?? []).enumerated() {
                #expect(r == s, "\(x.scenario.name) day \(n)")
            }
            #expect(x.result?.days.rows.count == y.result?.days.rows.count)
            #expect(x.result?.outcomes == y.result?.outcomes, "\(x.scenario.name)")
            #expect(x.result?.violations == y.result?.violations, "\(x.scenario.name)")
        }
        #expect(a == b)
    }

    @Test func everyKindOfObjectRoundTripsFieldByField() throws {
        let w = try Self.everything()
        // What is checked below is really there, so the comparison cannot pass on empty parts.
        #expect(w.coexistence.directory.count > 0 && w.coexistence.cohorts.names.contains("Door test"))
        #expect(w.calls.count > 0 && !w.calls.buildingFile.ranges.isEmpty && !w.calls.deviceCatalogue.certified.isEmpty)
        #expect(w.plan.goals.count == 2 && w.plan.risks.count == 2 && w.plan.opsRoles.count == 1)
        #expect(w.scenarios.count == 2 && w.scenarios[0].result?.runs == 2 && w.scenarios[1].result == nil)
        #expect(w.scenarios[0].result?.days.rows.count == 40 && w.training.count == 1)
        let p = Self.path("everything")
        try w.save(to: p)
        let opened = try Workspace.open(p)
        defer { opened.closeFile() }
        WorkspaceFileTests.expectSame(w, opened)
        Self.expectSamePlan(w.plan, opened.plan, today: w.today)
        Self.expectSameScenarios(w.scenarios, opened.scenarios)
        #expect(opened.journal.entries.map(\.what) == w.journal.entries.map(\.what))
        #expect(opened.journal.entries.map(\.who) == w.journal.entries.map(\.who))
        #expect(opened.journal.entries.map(\.when) == w.journal.entries.map(\.when))
    }

    @Test func thePlanAndScenariosAreTablesAToolReads() throws {
        let w = try Self.everything()
        let p = Self.path("tools")
        try w.save(to: p)
        #expect(Self.rows(p, "SELECT title, likelihood, impact, exposure, mitigation, owner, status, source FROM plan_risks ORDER BY position") == [
            ["SBC capacity", "3", "4", "12", "add a second SBC", "Telephony Operations", "open", "NULL"],
            ["VPN hairpin", "2", "5", "10", "NULL", "NULL", "mitigated", "guidance"],
        ])
        #expect(Self.rows(p, "SELECT name, measure_kind, target, by_day FROM plan_goals ORDER BY position") == [
            ["audio poor", "review", "<= 2", w.today.adding(days: 60).iso], ["pilot adoption", "adoption", ">= 90", "NULL"],
        ])
        #expect(Self.rows(p, "SELECT role, assigned FROM ops_assignments WHERE activity = 'Drive remediation'") == [["Network Operations", "1"]])
        #expect(Self.rows(p, "SELECT count(*), sum(assigned) FROM ops_assignments") == [["\(OpsTasks.all.count)", "1"]])
        #expect(Self.rows(p, "SELECT team, signed_off FROM plan_roles WHERE name = 'Quality Champion'") == [["QoE team", "1"]])
        let pilot = w.plan.steps(today: w.today).first { $0.phase == "Pilot" && $0.number == 5 }!
        #expect(Self.rows(p, "SELECT status, owner, start, due, note FROM plan_steps WHERE phase = 'Pilot' AND number = 5") == [
            ["doing", "Service Owner", pilot.start.iso, pilot.due.iso, "kickoff booked"],
        ])
        #expect(Self.rows(p, "SELECT name, days, seed, steps, runs FROM scenarios ORDER BY position") == [
            ["pilot first", "40", "7", "3", "2"], ["never run", "40", "7", "3", "NULL"],
        ])
        // The days table holds r.days: the TeamsOnly users on the last day, as the run reported them.
        let r = w.scenarios[0].result!
        let teamsOnly = r.days.columns.firstIndex { $0.name == "teams_only" }!
        guard case let .int(last) = r.days.rows[39][teamsOnly] else { Issue.record("teams_only is not an integer"); return }
        #expect(last > 0)
        #expect(Self.rows(p, "SELECT teams_only FROM scenario_days WHERE scenario = 'pilot first' AND day = 39") == [["\(last)"]])
        #expect(Self.rows(p, "SELECT count(*) FROM scenario_days WHERE scenario = 'pilot first' AND missed_p90 IS NOT NULL") == [["40"]])
        #expect(Self.rows(p, "SELECT value FROM scenario_outcomes WHERE scenario = 'pilot first' AND outcome = 'violations'") == [["\(r.violations.rows.count)"]])
    }

    @Test func planEditsAndScenariosAreInTheOpenFileAsTheyHappenAndUndoTakesThemOut() throws {
        let p = Self.path("live-plan")
        try Workspace.demo(users: 40).save(to: p)
        let w = try Workspace.open(p)
        try w.apply(.plan(PlanEdit(start: w.today, .risk(PlanRisk(title: "Bandwidth", likelihood: 4, impact: 4)))), who: "qc")
        try w.apply(.plan(PlanEdit(start: w.today, .opsRole(activity: "Drive remediation", role: "Help Desk"))), who: "qc")
        try w.keepScenario(Self.pilotScenario(w))
        try w.keepScenarioResult(try ScenarioRun.run(Self.pilotScenario(w), on: w))
        // Still open, as a killed process leaves it.
        let view = try Workspace.open(p, readOnly: true)
        Self.expectSamePlan(w.plan, view.plan, today: w.today)
        Self.expectSameScenarios(w.scenarios, view.scenarios)
        #expect(Self.rows(p, "SELECT role FROM ops_assignments WHERE activity = 'Drive remediation'") == [["Help Desk"]])
        try w.undo()
        #expect(Self.rows(p, "SELECT role FROM ops_assignments WHERE activity = 'Drive remediation'") == [["Quality Champion"]])
        #expect(Self.rows(p, "SELECT title FROM plan_risks") == [["Bandwidth"]])
        // A scenario is not a change: undo took back the plan edit, not the scenario.
        #expect(w.scenarios.count == 1)
        let after = try Workspace.open(p, readOnly: true)
        #expect(after.plan.opsRoles.isEmpty && after.plan.risks.map(\.title) == ["Bandwidth"])
        #expect(after.scenarios.first?.result?.runs == 1)
        w.closeFile()
    }

    static func usersFile(_ name: String) throws -> String {
        let p = NSTemporaryDirectory() + "coexist-objects-\(getpid())-\(name)"
        unlink(p)
        try FileManager.default.copyItem(atPath: WorkspaceFiles.csOnlineUsers, toPath: p)
        return p
    }

    @Test func aUsersImportOpensAfterItsFileIsGone() throws {
        let users = try Self.usersFile("users.csv")
        let w = Workspace.empty(today: Workspace.demoDay)
        try w.apply(.importUsers(try FileStamp.of(users)), who: "alice")
        try w.apply(.defineCohort(name: "First", upns: [w.coexistence.directory[0].upn]), who: "alice")
        #expect(w.coexistence.directory.count > 1)
        let p = Self.path("self-contained")
        try w.save(to: p)
        unlink(users)
        let opened = try Workspace.open(p)
        WorkspaceFileTests.expectSame(w, opened)
        // And live: an import made in the open file, its file then replaced by another one of the same name.
        let more = try Self.usersFile("more.csv")
        try opened.apply(.importUsers(try FileStamp.of(more)), who: "bob")
        try "UserPrincipalName,DisplayName\nsomeone@else.com,Else\n".write(toFile: more, atomically: true, encoding: .utf8)
        let view = try Workspace.open(p, readOnly: true)
        WorkspaceFileTests.expectSame(opened, view)
        #expect(Self.rows(p, "SELECT count(*) FROM import_sources") == [["1"]], "the same bytes twice are kept once")
        opened.closeFile()
        unlink(more)
    }

    @Test func aDataFolderSavesAndOpensWithoutTheFolder() throws {
        let dir = NSTemporaryDirectory() + "coexist-objects-\(getpid())-data"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: WorkspaceFiles.csOnlineUsers, toPath: dir + "/users.csv")
        try FileManager.default.copyItem(atPath: WorkspaceFiles.cqdBuildings, toPath: dir + "/buildings.csv")
        try FileManager.default.copyItem(atPath: WorkspaceFiles.cqdExport, toPath: dir + "/streams.csv")
        try "*Jabra*\n".write(toFile: dir + "/devices.txt", atomically: true, encoding: .utf8)
        let w = try DataFolder.load(dir, clock: .fixed(Workspace.demoDay)).workspace
        try w.apply(.setGlobal(target: "SfBWithTeamsCollab"), who: "alice")
        #expect(w.coexistence.directory.count > 0 && w.calls.count > 0 && !w.calls.buildingFile.buildings.isEmpty)
        let p = Self.path("data")
        try w.save(to: p)
        try FileManager.default.removeItem(atPath: dir)
        let opened = try Workspace.open(p)
        defer { opened.closeFile() }
        WorkspaceFileTests.expectSame(w, opened)
        #expect(opened.origin == w.origin)
        // The folder is still the starting point, not a change: undo takes back the global, then has nothing.
        try opened.undo()
        #expect(throws: TenantError.self) { try opened.undo() }
        #expect(opened.coexistence.directory.count == w.coexistence.directory.count)
    }

    /// Tests/Fuzz/Corpus/workspace/s2-demo.db was written by the version-2 code (commit 2891cc1).
    @Test func aVersion2FileFromTheOldCodeMigrates() throws {
        let seed = WorkspaceFiles.kitTests.deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/workspace/s2-demo.db").path
        let p = Self.path("v2-seed")
        try FileManager.default.copyItem(atPath: seed, toPath: p)
        #expect(Self.rows(p, "PRAGMA user_version") == [["2"]])
        let opened = try Workspace.open(p)
        #expect(opened.journal.entries.map(\.change.kind) == ["set_global"])
        try opened.apply(.plan(PlanEdit(start: opened.today, .risk(PlanRisk(title: "after migration", likelihood: 1, impact: 1)))), who: "qc")
        try opened.keepScenario(Self.pilotScenario(opened))
        opened.closeFile()
        #expect(Self.rows(p, "PRAGMA user_version") == [["\(WorkspaceSchema.version)"]])
        #expect(Self.rows(p, "SELECT title FROM plan_risks") == [["after migration"]])
        let again = try Workspace.open(p, readOnly: true)
        #expect(again.plan.risks.map(\.title) == ["after migration"] && again.scenarios.map(\.scenario.name) == ["pilot first"])
    }

    @Test func aVersion2FileKeepsItsUsersFileFromItsFirstOpen() throws {
        let users = try Self.usersFile("v2-users.csv")
        let w = Workspace.empty(today: Workspace.demoDay)
        try w.apply(.importUsers(try FileStamp.of(users)), who: "alice")
        try w.apply(.plan(PlanEdit(start: w.today, .risk(PlanRisk(title: "old", likelihood: 2, impact: 2)))), who: "qc")
        let p = Self.path("v2-made")
        try w.save(to: p)
        // The version-2 layout: none of the tables version 3 added.
        WorkspaceFileTests.sql(p, """
            DROP TABLE import_sources; DROP TABLE plan_steps; DROP TABLE plan_roles; DROP TABLE plan_goals; DROP TABLE plan_risks;
            DROP TABLE ops_assignments; DROP TABLE scenarios; DROP TABLE scenario_days; DROP TABLE scenario_outcomes;
            DROP TABLE scenario_violations; PRAGMA user_version = 2;
            """)
        // Read-only, it is read as it is (the users file is still where it was) and not migrated.
        let view = try Workspace.open(p, readOnly: true)
        WorkspaceFileTests.expectSame(w, view)
        #expect(Self.rows(p, "PRAGMA user_version") == [["2"]])
        let opened = try Workspace.open(p)
        WorkspaceFileTests.expectSame(w, opened)
        opened.closeFile()
        #expect(Self.rows(p, "SELECT title FROM plan_risks") == [["old"]])
        // Migrated, the file now holds the users file: it opens without it.
        unlink(users)
        let later = try Workspace.open(p)
        WorkspaceFileTests.expectSame(w, later)
        later.closeFile()
    }

    @Test func aDamagedImportSourceOrScenarioIsRefused() throws {
        // `busy` imported the users fixture: its bytes are in import_sources.
        let w = try Self.everything()
        let good = Self.path("objects-good")
        try w.save(to: good)
        let original = try Data(contentsOf: URL(fileURLWithPath: good))
        for (name, edit, says) in [
            ("source", "UPDATE import_sources SET bytes = zeroblob(length(bytes))", "does not match its bytes"),
            ("definition", "UPDATE scenarios SET definition = '{}' WHERE position = 0", "scenario 'pilot first' does not decode"),
            ("days", "DELETE FROM scenario_days WHERE day = 5", "day 6 out of sequence"),
            ("runs", "UPDATE scenarios SET runs = 0 WHERE position = 0", "runs 0"),
        ] {
            let p = Self.path("objects-" + name)
            try original.write(to: URL(fileURLWithPath: p))
            WorkspaceFileTests.sql(p, edit)
            let refusal = WorkspaceFileTests.refusal(p)
            #expect(refusal?.contains(says) == true, "\(name): \(refusal ?? "opened")")
        }
    }

    /// Tests/Fuzz/Corpus/workspace/s5-v3.db, the fuzz target's version-3 seed, written by `coexist --empty` importing a
    /// two-user file (since deleted), with a cohort, a risk, an operations assignment and a scenario run twice.
    @Test func theVersion3FuzzSeedHoldsEveryNewObject() throws {
        let seed = WorkspaceFiles.kitTests.deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/workspace/s5-v3.db").path
        let w = try Workspace.open(seed, readOnly: true)
        #expect(w.coexistence.directory.users.map(\.upn) == ["ann@contoso.com", "bob@contoso.com"])
        #expect(w.journal.entries.map(\.change.kind) == ["import_users", "cohort edit", "plan", "plan"])
        #expect(w.plan.risks.map(\.title) == ["SBC capacity"] && w.plan.opsRoles == ["Drive remediation": "Network Operations"])
        #expect(w.scenarios.map(\.scenario.name) == ["s5"] && w.scenarios.first?.result?.runs == 2)
        #expect(w.scenarios.first?.result?.days.rows.count == 5)
    }
}
