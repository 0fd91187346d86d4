import CLua
import CLuaBridge
import CoexistKit

/// `plan:goal{...}` read from Lua, and every goal measured: calls queries and adoption against the call records,
/// review figures through `qer{}`, Lua functions by calling them with the tenant.
enum PlanGoals {
    static let keys: [String: OptionType] = [
        "name": .string, "measure": .any, "figure": .string, "target": .string, "by": .date, "template": .string,
        "cohort": .string, "reason": .string,
    ]

    /// Reads the options, measures the goal once (a measure that fails refuses the goal), then stores it.
    static func add(_ box: PlanBox, _ call: LuaCall) throws -> Int32 {
        let given = try call.table(1)
        let opts = try OptionTable(given, keys, what: "plan:goal")
        var name = try opts.string("name")
        var figure = try opts.string("figure")
        var targetText = try opts.string("target")
        var query: CallQuery?
        if let template = try opts.string("template") {
            if template == "adoption" {
                guard let cohort = try opts.string("cohort") else { throw LuaError("plan:goal: field 'cohort': the adoption template needs a cohort") }
                _ = try TenantSource(live: box.workspace).tenant.cohorts.cohort(cohort)
                name = name ?? "adoption \(cohort)"
                targetText = targetText ?? ">= 90"
                let target = try parseTarget(targetText)
                let by = try box.optionalDay(opts["by"], "plan:goal: field 'by'")
                let goal = PlanGoal(name: name!, measure: .adoption(cohort: cohort), target: target, by: by)
                _ = try read(goal, box, call.L)
                return try stored(box, goal, opts, call)
            }
            let t: GoalTemplates.Template
            do { t = try GoalTemplates.named(template) } catch { throw LuaError("plan:goal: \(error)") }
            name = name ?? t.name
            figure = figure ?? t.figure
            targetText = targetText ?? t.target
            query = try GoalTemplates.query(t)
        }
        guard let name else { throw LuaError("plan:goal: field 'name' is required") }
        let target = try parseTarget(targetText)
        let by = try box.optionalDay(opts["by"], "plan:goal: field 'by'")
        let measure = opts["measure"]
        if query == nil, let q = object(measure, call) {
            guard q.predicates.isEmpty else {
                throw LuaError("plan:goal: field 'measure': a query with a Lua function filter cannot be stored in the change log; use where{...} filters, or a function measure (kept in this session only)")
            }
            guard q.dimensions.isEmpty else { throw LuaError("plan:goal: field 'measure': a grouped query (by ...); give an ungrouped one") }
            query = q.base
        }
        if let query {
            guard let figure else { throw LuaError("plan:goal: field 'figure' is required with a calls query (one of its measures, such as \"audio_poor_pct\")") }
            do { _ = try CallMeasure.named(figure) } catch { throw LuaError("plan:goal: field 'figure': \(error)") }
            guard let spec = query.spec else { throw LuaError("plan:goal: field 'measure': this query cannot be stored") }
            let goal = PlanGoal(name: name, measure: .calls(spec, figure: figure), target: target, by: by)
            _ = try read(goal, box, call.L)
            return try stored(box, goal, opts, call)
        }
        switch measure {
        case .string(let figureName):
            let goal = PlanGoal(name: name, measure: .review(figure: figureName), target: target, by: by)
            _ = try read(goal, box, call.L)
            return try stored(box, goal, opts, call)
        case .opaque("function"):
            let ref = LuaRef(call.L, at: try fieldSlot(call, "measure"))
            let goal = PlanBox.SessionGoal(name: name, function: ref, target: target, by: by)
            _ = try readFunction(goal, box, call.L)
            box.sessionGoals.removeAll { $0.name == name }
            box.sessionGoals.append(goal)
            Warnings.emit(call.L, "plan:goal '\(name)': a function measure is kept in this session only (the change log cannot store a function, so a saved or replayed workspace will not have it)")
            return call.results(.string(name))
        case .nil:
            throw LuaError("plan:goal: field 'measure' is required: a calls query, a review figure's name or a function of the tenant (or give template=)")
        default:
            throw LuaError("plan:goal: field 'measure' must be a calls query, a review figure's name or a function, got \(measure.typeName)")
        }
    }

    private static func stored(_ box: PlanBox, _ goal: PlanGoal, _ opts: OptionTable, _ call: LuaCall) throws -> Int32 {
        box.sessionGoals.removeAll { $0.name == goal.name }
        try box.apply("plan:goal", .goal(goal), reason: try opts.string("reason") ?? "")
        return call.results(.string(goal.name))
    }

    /// The query object in the options table's `measure` field, if it is one.
    private static func object(_ value: LuaValue, _ call: LuaCall) -> CallsQuery? {
        guard value != .nil, let slot = try? fieldSlot(call, "measure") else { return nil }
        defer { shim_pop(call.L, 1) }
        return CallsBinding.type.object(at: slot, call.L)
    }

    /// Pushes options[key] and returns its absolute slot (the caller pops it).
    private static func fieldSlot(_ call: LuaCall, _ key: String) throws -> Int32 {
        lua_getfield(call.L, call.slot(1), key)
        return lua_gettop(call.L)
    }

    static func parseTarget(_ text: String?) throws -> GoalTarget {
        guard let text else { throw LuaError("plan:goal: field 'target' is required, such as \"<= 2\" or \">= 90\"") }
        guard let t = GoalTarget(text) else {
            throw LuaError("plan:goal: field 'target': '\(text)' does not read as a target; write \"<= 2\" or \">= 90\" (which side is good must be said)")
        }
        return t
    }

    /// Measures a stored goal now; an error names the goal and its measure.
    static func read(_ goal: PlanGoal, _ box: PlanBox, _ L: OpaquePointer) throws -> GoalReading {
        let today = box.today
        do {
            switch goal.measure {
            case let .calls(spec, figure):
                return try box.workspace.calls.readGoal(try spec.query(), figure: figure, target: goal.target, by: goal.by, today: today)
            case let .adoption(cohort):
                return try box.workspace.calls.readAdoption(cohort: cohort, target: goal.target, by: goal.by, today: today)
            case let .review(name):
                let figure = try reviewFigure(name, L)
                return GoalReading(value: figure.value, weekly: figure.trend, target: goal.target, by: goal.by, today: today)
            }
        } catch let e as LuaError {
            throw LuaError("goal '\(goal.name)': field 'measure': \(e.message)")
        } catch {
            throw LuaError("goal '\(goal.name)': field 'measure': \(error)")
        }
    }

    /// Runs `qer{}` (stdlib/qer.lua) and takes the named figure.
    static func reviewFigure(_ name: String, _ L: OpaquePointer) throws -> ReviewFigure {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_checkstack(L, 4)
        guard lua_getglobal(L, "qer") != LUA_TNIL else { throw LuaError("the review (qer) is not loaded; run with the standard library") }
        shim_newtable(L)
        guard bridge_pcall(L, 1, 1, 0) == LUA_OK else { throw LuaError(LuaStack(L).errorMessage(at: -1)) }
        guard let review = ReviewBinding.type.object(at: -1, L) else { throw LuaError("qer{} did not return a review") }
        let all = review.report.allFigures.map(\.figure)
        guard let f = all.first(where: { $0.name == name }) else {
            throw LuaError("no review figure '\(name)'" + didYouMean(name, all.map(\.name)))
        }
        return f
    }

    /// Calls a function goal with the tenant; it must return a number (or nil for no data).
    static func readFunction(_ goal: PlanBox.SessionGoal, _ box: PlanBox, _ L: OpaquePointer) throws -> GoalReading {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_checkstack(L, 4)
        goal.function.push(L)
        lua_getglobal(L, "tenant")
        guard bridge_pcall(L, 1, 1, 0) == LUA_OK else {
            throw LuaError("goal '\(goal.name)': field 'measure': \(LuaStack(L).errorMessage(at: -1))")
        }
        let v = LuaStack(L).value(at: -1)
        guard v == .nil || v.doubleValue != nil else {
            throw LuaError("goal '\(goal.name)': field 'measure': the function returned \(v.typeName), a number (or nil) expected")
        }
        return GoalReading(value: v.doubleValue, weekly: [], target: goal.target, by: goal.by, today: box.today)
    }

    static func table(_ box: PlanBox, _ L: OpaquePointer) throws -> ResultSet {
        let cols = [Column("goal", .string), Column("measure", .string), Column("value", .double, decimals: 1),
                    Column("target", .string), Column("by", .string),
                    Column("status", .string, tones: ["met": .good, "on track": .good, "off track": .bad, "no data": .muted]),
                    Column("trend", .string), Column("stored", .bool)]
        var rows: [[ResultValue]] = []
        func row(_ name: String, _ measure: String, _ r: GoalReading, _ target: GoalTarget, _ by: Day?, stored: Bool) {
            rows.append([.string(name), .string(measure), r.value.map { .double($0) } ?? .null, .string(target.description),
                         by.map { .string($0.iso) } ?? .null, .string(r.status.rawValue), .string(r.sparkline), .bool(stored)])
        }
        for g in box.plan.goals {
            let label: String
            switch g.measure {
            case let .calls(_, figure): label = "calls \(figure)"
            case let .adoption(cohort): label = "adoption of \(cohort)"
            case let .review(figure): label = "review \(figure)"
            }
            row(g.name, label, try read(g, box, L), g.target, g.by, stored: true)
        }
        for g in box.sessionGoals { row(g.name, "function", try readFunction(g, box, L), g.target, g.by, stored: false) }
        return ResultSet(columns: cols, rows: rows, title: "goals on \(box.today.iso)", isListing: true)
    }
}
