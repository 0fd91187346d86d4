import CoexistKit

/// `plan`: the upgrade framework's phases and steps, roles, goals, risks and the timeline, every view a result set.
enum PlanBinding {
    nonisolated(unsafe) static let type: LuaObjectType<PlanBox> = makeType()

    static func install(_ workspace: Workspace, in engine: LuaEngine) {
        let box = PlanBox(workspace)
        for t in [type, PlanStepBinding.type, OpsBinding.type] as [LuaTypeDescription] { engine.registerType(t) }
        type.push(box, engine.L)
        engine.setGlobal(path: "plan")
        engine.document("plan", "the upgrade plan: print(plan); plan:status(), plan:step(\"Pilot\", 5):done{}, plan:goals(), plan:risks(), plan:roles(), plan:timeline()")
        OpsBinding.type.push(box, engine.L)
        engine.setGlobal(path: "ops")
        engine.document("ops", "the operations tasks and their calendar: ops:tasks(), ops:calendar{from=, to=}, ops:today(), ops:assign(task, role)")
    }

    private static func makeType() -> LuaObjectType<PlanBox> {
        let t = LuaObjectType<PlanBox>("Plan", doc: """
            The upgrade plan (the framework's Plan, Prepare, Pilot, Deploy, Upgrade, Operate) laid out from the day of its
            first edit along the pilot timeline (day -7 comms to day 45 assessment). Every edit goes through the change
            log: undo() reverts it. Views are result sets: plan:status(), plan:steps(), plan:roles(), plan:goals(),
            plan:risks(), plan:flags(); plan:timeline() draws a Gantt chart.
            """)
        t.field("start", "the plan's start (the day of its first edit), or nil for a plan never edited") { b in
            b.plan.start.map { .string($0.iso) } ?? .nil
        }
        t.method("status", "plan:status(): progress by phase (done of steps, late, next step and its due date) as a result set") { b, call in
            ResultSetBinding.push(b.plan.statusTable(today: b.today), call.L)
            return 1
        }
        t.method("steps", "plan:steps([phase]): every step (phase, step, title, status, owner, start, due, late, note), or one phase's") { b, call in
            var rs = b.plan.stepsTable(today: b.today)
            if let phase = try call.optString(1) {
                let phases = b.plan.phases(today: b.today)
                guard let p = phases.first(where: { $0.lowercased() == phase.lowercased() }) else {
                    throw call.error(1, "unknown phase '\(phase)'" + didYouMean(phase, phases))
                }
                rs.rows = rs.rows.filter { $0[0] == .string(p) }
                rs.title = "plan steps: \(p)"
            }
            ResultSetBinding.push(rs, call.L)
            return 1
        }
        t.method("late", "plan:late(): the open steps past their due date") { b, call in
            var rs = b.plan.stepsTable(today: b.today)
            let i = rs.columnIndex("late")!
            rs.rows = rs.rows.filter { $0[i] == .bool(true) }
            rs.title = "late steps on \(b.today.iso)"
            ResultSetBinding.push(rs, call.L)
            return 1
        }
        t.method("step", "plan:step(phase, number): one step, to read or change (s:done{note=}, s:doing{}, s:skip{}, s:set{owner=, due=})") { b, call in
            let phase = try call.string(1)
            let n = try call.integer(2)
            let steps = b.plan.steps(today: b.today)
            let i: Int
            do { i = try stepIndex(phase, Int(n), steps) } catch { throw LuaError("plan:step: \(error)") }
            call.push(PlanStepObject(b, steps[i].phase, steps[i].number), PlanStepBinding.type)
            return 1
        }
        t.method("template", "plan:template(name [, {on=}]): lays out the steps again: \"framework\" (from on, default the plan's start) or \"basic\" (the Upgrade Basic checklist around upgrade day on, default four weeks on)") { b, call in
            let name = try call.string(1)
            let opts = try OptionTable(try call.optTable(2), ["on": .date, "reason": .string], what: "plan:template")
            let start = b.plan.start ?? b.today
            let day = try b.optionalDay(opts["on"], "plan:template: option 'on'") ?? (name == "basic" ? b.today.adding(days: 28) : start)
            try b.apply("plan:template", .template(name: name, day: day), reason: try opts.string("reason") ?? "")
            ResultSetBinding.push(b.plan.stepsTable(today: b.today), call.L)
            return 1
        }
        t.method("role", "plan:role(name, {team=, contact=, signed_off=}): maps a role of the template to a team and a contact; signed_off: the team signed off its operations tasks") { b, call in
            let name = try call.string(1)
            let opts = try OptionTable(try call.table(2), ["team": .string, "contact": .string, "signed_off": .boolean, "reason": .string],
                                       what: "plan:role")
            try b.apply("plan:role", .role(name: name, team: try opts.string("team"), contact: try opts.string("contact"),
                                           signedOff: try opts.bool("signed_off")), reason: try opts.string("reason") ?? "")
            ResultSetBinding.push(b.plan.rolesTable(today: b.today), call.L)
            return 1
        }
        t.method("roles", "plan:roles(): each role, its team, contact, sign-off and flag (no owner; not signed off before the pilot)") { b, call in
            ResultSetBinding.push(b.plan.rolesTable(today: b.today), call.L)
            return 1
        }
        t.method("flags", "plan:flags(): what needs attention: roles without an owner, a pilot with no Quality Champion or with teams not signed off") { b, call in
            let flags = b.plan.flags(today: b.today)
            ResultSetBinding.push(ResultSet(columns: [Column("flag", .string)], rows: flags.map { [.string($0)] }, title: "plan flags", isListing: true), call.L)
            return 1
        }
        t.method("goal", "plan:goal{name=, measure=, figure=, target=, by=, template=, cohort=}: a goal measured against the data: measure is a calls query (figure= one of its measures), a review figure's name or a function of the tenant (kept in this session only); target \"<= 2\" or \">= 90\"; template= one of plan:goal_templates(); returns the name") { b, call in
            try PlanGoals.add(b, call)
        }
        t.method("goals", "plan:goals(): each goal's value now (last 28 days), target, date, status (met, on track, off track by the trend of its weekly values, no data) and trend sparkline") { b, call in
            ResultSetBinding.push(try PlanGoals.table(b, call.L), call.L)
            return 1
        }
        t.method("remove_goal", "plan:remove_goal(name): removes a goal") { b, call in
            let name = try call.string(1)
            if b.sessionGoals.contains(where: { $0.name == name }) {
                b.sessionGoals.removeAll { $0.name == name }
                return 0
            }
            try b.apply("plan:remove_goal", .removeGoal(name: name))
            return 0
        }
        t.method("goal_templates", "plan:goal_templates(): the shipped goals (the QER guide's targets, and adoption: the share of a cohort's streams from Teams)") { _, call in
            var rows: [[ResultValue]] = GoalTemplates.all.map { t in
                [.string(t.name), .string(t.filters.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")), .string(t.figure), .string(t.target)]
            }
            rows.append([.string("adoption"), .string("cohort= (give it)"), .string("share of streams from Teams"), .string(">= 90")])
            ResultSetBinding.push(ResultSet(columns: [Column("template", .string), Column("filters", .string), Column("figure", .string),
                                                      Column("target", .string)], rows: rows, title: "goal templates", isListing: true), call.L)
            return 1
        }
        t.method("risk", "plan:risk{title=, likelihood=1..5, impact=1..5, mitigation=, owner=, status=\"open\"|\"mitigated\"|\"closed\"}: adds or replaces (same title) a risk") { b, call in
            let opts = try OptionTable(try call.table(1), ["title": .string, "likelihood": .integer, "impact": .integer, "mitigation": .string,
                                                           "owner": .string, "status": .string, "source": .string, "reason": .string], what: "plan:risk")
            guard let title = try opts.string("title") else { throw LuaError("plan:risk: field 'title' is required") }
            guard let l = try opts.integer("likelihood") else { throw LuaError("plan:risk: field 'likelihood' is required (1 to 5)") }
            guard let i = try opts.integer("impact") else { throw LuaError("plan:risk: field 'impact' is required (1 to 5)") }
            var status = PlanRisk.Status.open
            if let s = try opts.string("status") {
                guard let st = PlanRisk.Status(rawValue: s) else {
                    throw LuaError("plan:risk: field 'status': unknown status '\(s)'" + didYouMean(s, PlanRisk.Status.allCases.map(\.rawValue)))
                }
                status = st
            }
            try b.apply("plan:risk", .risk(PlanRisk(title: title, likelihood: Int(l), impact: Int(i), mitigation: try opts.string("mitigation"),
                                                    owner: try opts.string("owner"), status: status, source: try opts.string("source"))),
                        reason: try opts.string("reason") ?? "")
            return call.results(.string(title))
        }
        t.method("risks_from", "plan:risks_from(violations [, {likelihood=3, impact=3, owner=}]): adds each row of a scenario's r:violations() (check, message, source) as an open risk, in one change") { b, call in
            guard let box = ResultSetBinding.type.object(at: call.slot(1), call.L) else {
                throw call.error(1, "a result set of guidance checks expected (r:violations() of a scenario run), got \(call.typeName(1))")
            }
            let rs = box.resultSet
            guard let check = rs.columnIndex("check"), let message = rs.columnIndex("message") else {
                throw call.error(1, "the result set has no 'check' and 'message' columns; pass r:violations()")
            }
            let opts = try OptionTable(try call.optTable(2), ["likelihood": .integer, "impact": .integer, "owner": .string], what: "plan:risks_from")
            let source = rs.columnIndex("source")
            func text(_ v: ResultValue) -> String { if case .string(let s) = v { return s }; return "" }
            let risks = rs.rows.map { row in
                PlanRisk(title: "\(text(row[check])): \(text(row[message]))", likelihood: Int(opts.table["likelihood"].integerValue ?? 3),
                         impact: Int(opts.table["impact"].integerValue ?? 3),
                         mitigation: source.map { "follow " + text(row[$0]) }, owner: try? opts.string("owner"), source: "guidance")
            }
            if risks.isEmpty { Warnings.emit(call.L, "plan:risks_from: no guidance checks failed; no risk added"); return call.results(.integer(0)) }
            try b.apply("plan:risks_from", .risks(risks))
            return call.results(.integer(Int64(risks.count)))
        }
        t.method("risks", "plan:risks{open=}: the risks by exposure (likelihood x impact), highest first; open=true leaves out mitigated and closed ones") { b, call in
            let opts = try OptionTable(try call.optTable(1), ["open": .boolean], what: "plan:risks")
            ResultSetBinding.push(b.plan.risksTable(openOnly: try opts.bool("open") ?? false), call.L)
            return 1
        }
        t.method("timeline", "plan:timeline{width=, path=}: the steps, pilot milestones and the tenant's scheduled moves as a Gantt chart fitting the width (default the terminal's); path= writes it as HTML; returns the text") { b, call in
            let opts = try OptionTable(try call.optTable(1), ["width": .integer, "path": .string], what: "plan:timeline")
            let timeline = PlanTimeline(plan: b.plan, moves: b.moves, today: b.today)
            if let path = try opts.string("path") {
                guard path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm") else {
                    throw LuaError("plan:timeline: option 'path': '\(path)' must end in .html")
                }
                try ResultFiles.write(timeline.html(), to: path, gate: FileGate.of(call.L))
            }
            var width = Int(try opts.integer("width") ?? 0)
            if width == 0 { width = RenderSettings.current(call.L).maxWidth }
            if width == 0 { width = 100 }
            guard width >= 40 else { throw LuaError("plan:timeline: option 'width': \(width) is too narrow; use 40 or more") }
            return call.results(.string(timeline.text(width: width)))
        }
        t.describe { b in
            let today = b.today
            var text = ResultRenderer.render(b.plan.statusTable(today: today), RenderOptions(mode: .table, maxRows: 20)).trimmingTrailingNewline
            let flags = b.plan.flags(today: today)
            if !flags.isEmpty { text += "\n" + flags.map { "flag: " + $0 }.joined(separator: "\n") }
            if b.plan.start == nil { text += "\n(not yet edited: dates are laid out from today, \(today.iso), until the first edit fixes the start)" }
            return text
        }
        return t
    }

    static func stepIndex(_ phase: String, _ number: Int, _ steps: [PlanStep]) throws -> Int {
        var phases: [String] = []
        for s in steps where !phases.contains(s.phase) { phases.append(s.phase) }
        guard let p = phases.first(where: { $0.lowercased() == phase.lowercased() }) else {
            throw LuaError("field 'phase': unknown phase '\(phase)'" + didYouMean(phase, phases))
        }
        let count = steps.filter { $0.phase == p }.count
        guard let i = steps.firstIndex(where: { $0.phase == p && $0.number == number }) else {
            throw LuaError("field 'step': \(p) has no step \(number); its steps are 1 to \(count)")
        }
        return i
    }
}
