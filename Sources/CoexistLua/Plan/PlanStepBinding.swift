import CoexistKit

/// `plan:step("Pilot", 5)`: one step, named by phase and number so it follows undo and templates.
final class PlanStepObject {
    let box: PlanBox
    let phase: String
    let number: Int
    init(_ box: PlanBox, _ phase: String, _ number: Int) {
        self.box = box
        self.phase = phase
        self.number = number
    }

    func step() throws -> PlanStep {
        let steps = box.plan.steps(today: box.today)
        guard let s = steps.first(where: { $0.phase == phase && $0.number == number }) else {
            throw LuaError("plan step \(phase) \(number) no longer exists (a template replaced the steps)")
        }
        return s
    }
}

enum PlanStepBinding {
    nonisolated(unsafe) static let type: LuaObjectType<PlanStepObject> = makeType()

    static let statusKeys: [String: OptionType] = ["note": .string, "reason": .string]

    private static func makeType() -> LuaObjectType<PlanStepObject> {
        let t = LuaObjectType<PlanStepObject>("PlanStep", doc: """
            One step of the plan: s.phase, s.number, s.title, s.status (todo, doing, done, skipped), s.owner, s.start, s.due,
            s.note, s.late. s:done{note=}, s:doing{}, s:todo{}, s:skip{note=} and s:set{owner=, due=, note=} change it
            through the change log (undo() reverts).
            """)
        t.field("phase", "the step's phase") { .string($0.phase) }
        t.field("number", "the step's number in its phase") { .integer(Int64($0.number)) }
        t.field("title", "what the step is") { o in (try? o.step()).map { .string($0.title) } ?? .nil }
        t.field("status", "todo, doing, done or skipped") { o in (try? o.step()).map { .string($0.status.rawValue) } ?? .nil }
        t.field("owner", "who owns it, or nil") { o in (try? o.step())?.owner.map { .string($0) } ?? .nil }
        t.field("start", "its start date (ISO)") { o in (try? o.step()).map { .string($0.start.iso) } ?? .nil }
        t.field("due", "its due date (ISO)") { o in (try? o.step()).map { .string($0.due.iso) } ?? .nil }
        t.field("note", "its note, or nil") { o in (try? o.step())?.note.map { .string($0) } ?? .nil }
        t.field("late", "open and past its due date") { o in .boolean((try? o.step())?.isLate(on: o.box.today) ?? false) }
        for (name, status, doc) in [("done", StepStatus.done, "marks the step done"), ("doing", .doing, "marks the step under way"),
                                    ("todo", .todo, "marks the step not started"), ("skip", .skipped, "marks the step skipped")] {
            t.method(name, "s:\(name){note=, reason=}: \(doc); returns the step") { o, call in
                let opts = try OptionTable(try call.optTable(1), statusKeys, what: "step:\(name)")
                try o.box.apply("step:\(name)", .step(phase: o.phase, number: o.number, status: status, owner: nil, due: nil,
                                                      note: try opts.string("note")), reason: try opts.string("reason") ?? "")
                call.push(o, type)
                return 1
            }
        }
        t.method("set", "s:set{owner=, due=, note=, status=, reason=}: changes the step's owner, due date, note or status; returns the step") { o, call in
            let opts = try OptionTable(try call.optTable(1), ["owner": .string, "due": .date, "note": .string, "status": .string, "reason": .string],
                                       what: "step:set")
            var status: StepStatus?
            if let s = try opts.string("status") {
                guard let st = StepStatus(rawValue: s) else {
                    throw LuaError("step:set: option 'status': unknown status '\(s)'" + didYouMean(s, StepStatus.allCases.map(\.rawValue))
                        + "; use todo, doing, done or skipped")
                }
                status = st
            }
            let due = try o.box.optionalDay(opts["due"], "step:set: option 'due'")
            try o.box.apply("step:set", .step(phase: o.phase, number: o.number, status: status, owner: try opts.string("owner"),
                                              due: due, note: try opts.string("note")), reason: try opts.string("reason") ?? "")
            call.push(o, type)
            return 1
        }
        t.describe { o in
            guard let s = try? o.step() else { return "plan step \(o.phase) \(o.number) (gone)" }
            return "\(s.phase) \(s.number) \(s.title): \(s.status.rawValue), due \(s.due.iso)" + (s.owner.map { ", owner \($0)" } ?? "")
                + (s.isLate(on: o.box.today) ? " (late)" : "") + (s.note.map { "; \($0)" } ?? "")
        }
        return t
    }
}
