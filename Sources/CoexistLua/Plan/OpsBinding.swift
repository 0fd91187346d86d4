import CoexistKit

/// `ops`: the operations tasks by cadence, who runs them, and the dated calendar they make.
enum OpsBinding {
    nonisolated(unsafe) static let type: LuaObjectType<PlanBox> = makeType()

    private static func makeType() -> LuaObjectType<PlanBox> {
        let t = LuaObjectType<PlanBox>("Ops", doc: """
            The operations tasks ("Operate my service") with their cadence and role: ops:tasks(); ops:assign(task, role)
            overrides a role; ops:calendar{from=, to=} and ops:today() date them (weekly on Mondays, monthly on the plan
            start's day of the month, the review weekly while a rollout is under way and monthly after).
            """)
        t.method("tasks", "ops:tasks(): every task (category, activity, cadence, role, check) as a result set") { b, call in
            ResultSetBinding.push(b.plan.tasksTable(), call.L)
            return 1
        }
        t.method("assign", "ops:assign(task, role): gives an operations task to another role of the template") { b, call in
            let task = try call.string(1)
            let role = try call.string(2)
            try b.apply("ops:assign", .opsRole(activity: task, role: role))
            ResultSetBinding.push(b.plan.tasksTable(), call.L)
            return 1
        }
        t.method("calendar", "ops:calendar{from=, to=}: the dated tasks from one day to another (default: today and the next 13 days), with the role's team; the review is weekly while a rollout is under way (a week before the first scheduled move to two weeks after the last)") { b, call in
            let opts = try OptionTable(try call.optTable(1), ["from": .date, "to": .date], what: "ops:calendar")
            let from = try b.optionalDay(opts["from"], "ops:calendar: option 'from'") ?? b.today
            let to = try b.optionalDay(opts["to"], "ops:calendar: option 'to'") ?? from.adding(days: 13)
            guard to >= from else { throw LuaError("ops:calendar: option 'to': \(to.iso) is before 'from' \(from.iso)") }
            guard to.daysSinceEpoch - from.daysSinceEpoch <= 366 * 2 else { throw LuaError("ops:calendar: option 'to': more than two years from 'from'; ask for less") }
            ResultSetBinding.push(b.plan.calendarTable(from: from, to: to, rolloutMoves: b.moves.map(\.day), today: b.today), call.L)
            return 1
        }
        t.method("today", "ops:today(): today's tasks") { b, call in
            ResultSetBinding.push(b.plan.calendarTable(from: b.today, to: b.today, rolloutMoves: b.moves.map(\.day), today: b.today), call.L)
            return 1
        }
        t.method("check", "ops:check(): runs the tasks that check themselves (the review, the missing-subnet report, usage) and shows each result and status (ok or attention)") { b, call in
            ResultSetBinding.push(try OpsChecks.run(b, call.L), call.L)
            return 1
        }
        t.describe { b in "operations: \(OpsTasks.all.count) tasks; ops:tasks(), ops:calendar{}, ops:today()" }
        return t
    }
}
