import CoexistKit
import CoexistLua
import Testing

/// `plan` and `ops` from Lua on the demo tenant: edits through the change log, refusals naming the field, goals of
/// every kind of measure, result sets in every format, the timeline within its width.
@Suite(.serialized) struct PlanLuaTests {
    func harness(users: Int = 200, stdlib: Bool = false) throws -> LuaHarness {
        let h = try LuaHarness(Workspace.demo(users: users), stdlibPath: stdlib ? TestFiles.stdlib : nil)
        if stdlib, case .failure(let e) = h.engine.runPrelude() { throw e }
        return h
    }

    @Test("every plan, step and ops example in MethodDocs runs on the demo")
    func everyExampleRuns() throws {
        for (name, example) in MethodDocs.examples.sorted(by: { $0.key < $1.key })
        where name.hasPrefix("Plan:") || name.hasPrefix("PlanStep:") || name.hasPrefix("Ops:") {
            let h = try harness(stdlib: true)
            if let e = h.error(example) { Issue.record("\(name): \(e)") }
        }
    }

    @Test func stepChangesGoThroughTheChangeLogAndUndo() throws {
        let h = try harness()
        try h.run(#"plan:step("Pilot", 5):doing{note="kickoff"}"#)
        #expect(try h.string(#"plan:step("pilot", 5).status"#) == "doing")
        #expect(try h.string(#"plan:step("Pilot", 5).note"#) == "kickoff")
        #expect(try h.string("changes[1] and tostring(#changes)") == "1")
        #expect(h.workspace.journal.entries.last?.change.kind == "plan")
        // The start is the workspace clock's day, recorded in the change.
        #expect(try h.string("plan.start") == Workspace.demoDay.iso)
        try h.run("undo()")
        #expect(try h.string(#"plan:step("Pilot", 5).status"#) == "todo")
        #expect(try h.value("plan.start") == .nil)
    }

    @Test func badInputIsAnErrorNamingTheFieldAndChangesNothing() throws {
        let h = try harness()
        try h.run(#"plan:risk{title="keep", likelihood=2, impact=2}"#)
        let before = h.workspace.plan
        let cases: [(String, String)] = [
            (#"plan:step("Pilto", 5)"#, "unknown phase 'Pilto' (did you mean 'Pilot'?)"),
            (#"plan:step("Pilot", 7)"#, "field 'step': Pilot has no step 7; its steps are 1 to 6"),
            (#"plan:step("Pilot", 1):set{due="2026-02-30"}"#, "option 'due'"),
            (#"plan:step("Pilot", 1):set{stauts="done"}"#, "did you mean 'status'?"),
            (#"plan:step("Pilot", 1):set{status="finished"}"#, "option 'status': unknown status 'finished'"),
            (#"plan:role("Qualty Champion", {team="x"})"#, "did you mean 'Quality Champion'?"),
            (#"plan:goal{name="g", measure=calls, figure="audio_poor_pct", target="2"}"#, "field 'target': '2' does not read as a target"),
            (#"plan:goal{name="g", measure=calls, figure="audio_poor", target="<= 2", by="next spring"}"#, "field 'by'"),
            (#"plan:goal{name="g", measure=calls, figure="audio_poor_pc", target="<= 2"}"#, "field 'figure'"),
            (#"plan:goal{name="g", measure=function(t) error("no data here") end, target="<= 2"}"#, "goal 'g': field 'measure': "),
            (#"plan:goal{name="g", measure=function(t) return "high" end, target="<= 2"}"#, "a number (or nil) expected"),
            (#"plan:goal{name="g", measure=calls:where(function(r) return true end), figure="poor", target="<= 2"}"#, "cannot be stored in the change log"),
            (#"plan:goal{template="internal audio pour"}"#, "did you mean 'internal audio poor'?"),
            (#"plan:risk{title="r", likelihood=0, impact=3}"#, "likelihood: 0 is out of range"),
            (#"plan:risk{title="r", likelihood=1, impact=3, status="gone"}"#, "field 'status': unknown status 'gone'"),
            (#"plan:template("basik")"#, "did you mean 'basic'?"),
            (#"ops:assign("Drive remediaton", "Help Desk")"#, "did you mean 'Drive remediation'?"),
            (#"ops:calendar{from="2027-03-01", to="2027-02-01"}"#, "option 'to': 2027-02-01 is before 'from'"),
            (#"plan:timeline{width=20}"#, "option 'width': 20 is too narrow"),
        ]
        for (code, expected) in cases {
            let message = h.error(code)
            #expect(message?.contains(expected) == true, "\(code): \(message ?? "no error")")
        }
        #expect(h.workspace.plan == before && h.workspace.journal.count == 1)
        #expect(try h.resultSet("plan:goals()").count == 0)
    }

    @Test func goalsOfEveryMeasureAndFunctionGoalsStayInTheSession() throws {
        let h = try harness()
        try h.run(#"plan:goal{name="internal audio", measure=calls:where{modality="audio", inside=true}, figure="audio_poor_pct", target="<= 2", by="2027-03-01"}"#)
        try h.run(#"plan:goal{template="overall drops"}"#)
        try h.run(#"plan:goal{template="adoption", cohort="Wave 1", target=">= 50"}"#)
        try h.run(#"plan:goal{name="users", measure=function(t) return #users end, target=">= 100"}"#)
        let goals = try h.resultSet("plan:goals()")
        #expect(goals.rows.map { $0[0] } == [.string("internal audio"), .string("overall drops"), .string("adoption Wave 1"), .string("users")])
        let stored = goals.columnIndex("stored")!, status = goals.columnIndex("status")!, value = goals.columnIndex("value")!
        #expect(goals.rows.map { $0[stored] } == [.bool(true), .bool(true), .bool(true), .bool(false)])
        #expect(goals.rows[3][value] == .double(200) && goals.rows[3][status] == .string("met"))
        #expect(goals.rows.allSatisfy { [.string("met"), .string("on track"), .string("off track"), .string("no data")].contains($0[status]) })
        // Only the stored goals are in the journal; the function goal is not (it cannot be replayed).
        #expect(h.workspace.plan.goals.count == 3 && h.workspace.journal.count == 3)
        // The internal audio goal's value is the query's figure over the last 28 days.
        let direct = try h.workspace.calls.summary(try CallQuery().filter("modality", .eq, .string("audio")).filter("inside", .eq, .bool(true))
            .between(Workspace.demoDay.adding(days: -27).epochSeconds, Workspace.demoDay.adding(days: 1).epochSeconds), measures: ["audio_poor_pct"])
        #expect(goals.rows[0][value] == direct.rows[0][0])
        try h.run(#"plan:remove_goal("users"); plan:remove_goal("overall drops")"#)
        #expect(try h.resultSet("plan:goals()").count == 2)
    }

    @Test func aReviewFigureGoalReadsTheReview() throws {
        let h = try harness(users: 300, stdlib: true)
        try h.run(#"plan:goal{name="internal audio", measure="Audio poor stream rate, internal", target="<= 2"}"#)
        let goals = try h.resultSet("plan:goals()")
        #expect(goals.rows.first?[goals.columnIndex("measure")!] == .string("review Audio poor stream rate, internal"))
        #expect(goals.rows.first?[goals.columnIndex("value")!].isNumeric == true)
        #expect(h.error(#"plan:goal{name="x", measure="Audio poor stream rate, internl", target=">= 80"}"#)?.contains("did you mean 'Audio poor stream rate, internal'?") == true)
    }

    @Test func guidanceChecksBecomeRisksInOneCallAndOneUndo() throws {
        let h = try harness(stdlib: true)
        try h.run(#"v = require("scenarios.bigbang"):run():violations()"#)
        let violations = try h.resultSet("v")
        #expect(violations.count > 0)
        #expect(try h.value("plan:risks_from(v, {impact=4})").integerValue == Int64(violations.count))
        let risks = try h.resultSet("plan:risks()")
        #expect(risks.count == Set(violations.rows.map { "\($0[0])\($0[3])" }).count)
        #expect(risks.rows.allSatisfy { $0[risks.columnIndex("source")!] == .string("guidance") && $0[risks.columnIndex("exposure")!] == .int(12) })
        #expect(h.workspace.journal.count == 1)
        try h.run("undo()")
        #expect(try h.resultSet("plan:risks()").count == 0)
        #expect(h.error("plan:risks_from(plan:status())")?.contains("no 'check' and 'message' columns") == true)
    }

    @Test func checkingTasksRunAndShowTheirResult() throws {
        let h = try harness(users: 300, stdlib: true)
        let rs = try h.resultSet("ops:check()")
        #expect(rs.rows.map { $0[1] } == [.string("qer"), .string("missing_subnets"), .string("usage")])
        // The demo has subnets missing from its building file (NYC-1's 10.4.40/41).
        let subnets = rs.rows[1]
        #expect(subnets[3] == .string("attention") && "\(subnets[2])".contains("missing from the building file"), "\(subnets)")
        #expect(rs.rows.allSatisfy { [.string("ok"), .string("attention")].contains($0[3]) })
    }

    @Test func everythingIsAResultSetInEveryFormat() throws {
        let h = try harness()
        try h.run(#"plan:risk{title="SBC capacity", likelihood=3, impact=4}; plan:goal{template="overall drops"}"#)
        for (expression, column) in [("plan:status()", "phase"), ("plan:steps()", "title"), ("plan:roles()", "role"),
                                     ("plan:risks()", "risk"), ("plan:goals()", "goal"), ("ops:tasks()", "activity"),
                                     (#"ops:calendar{from="2027-01-30", to="2027-02-02"}"#, "activity"), ("plan:flags()", "flag")] {
            let rs = try h.resultSet(expression)
            #expect(rs.columnIndex(column) != nil, "\(expression)")
            for ext in ["csv", "json", "md", "html"] {
                let path = TestFiles.temporaryPath("plan-\(column).\(ext)")
                try h.run("(\(expression)):save(\"\(path)\")")
                let text = try TestFiles.read(path)
                #expect(text.contains(column), "\(expression) as \(ext)")
            }
        }
        #expect(try h.resultSet(#"plan:steps():where{status="todo"}:sort("due", "desc"):head(3)"#).count == 3)
        #expect(try h.resultSet(#"plan:steps("Pilot")"#).count == 6)
    }

    @Test func theTimelineFitsItsWidthAndShowsScheduledMoves() throws {
        let h = try harness()
        try h.run(#"cohort("Wave 1"):move("TeamsOnly", {on="2027-02-01"})"#)
        for width in [40, 72, 120] {
            let text = try #require(try h.string("plan:timeline{width=\(width)}"))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width)")
            #expect(lines.contains { $0.contains("◆") } && lines.contains { $0.hasPrefix("pilot kick") })
            #expect(lines.contains { $0.hasPrefix("cohort 'Wave") }, "\(text)")
        }
        let path = TestFiles.temporaryPath("timeline.html")
        try h.run("plan:timeline{path=\"\(path)\"}")
        let html = try TestFiles.read(path)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Wave 1") && html.contains("class=\"move"))
    }

    @Test func aScheduledRolloutMakesTheReviewWeekly() throws {
        let h = try harness()
        let review = #"ops:calendar{from="2027-01-01", to="2027-03-31"}:where{activity="Perform Quality of Experience Reviews"}"#
        let before = try h.resultSet(review)
        try h.run(#"cohort("Wave 1"):move("TeamsOnly", {on="2027-02-15"})"#)
        let after = try h.resultSet(review)
        #expect(after.count > before.count)
        let cadence = after.columnIndex("cadence")!, date = after.columnIndex("date")!
        #expect(after.rows.contains { $0[cadence] == .string("weekly (rollout)") && $0[date] == .string("2027-02-22") })
        try h.run("undo()")
        #expect(try h.resultSet(review).count == before.count)
    }
}
