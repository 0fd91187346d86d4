import CoexistKit

/// The change log as Lua holds it (`changes`), always the live workspace's journal.
public final class ChangesBox {
    let source: TenantSource
    init(_ source: TenantSource) { self.source = source }

    /// The live workspace's journal (a frozen view lists none: its changes are the live tenant's).
    var journal: Journal { source.isReadOnly ? Journal() : source.journal }
}

/// `changes`: the log as a result set, each entry's report, and the PowerShell plan of everything in it.
enum ChangesBinding {
    nonisolated(unsafe) static let type: LuaObjectType<ChangesBox> = makeType()

    private static func makeType() -> LuaObjectType<ChangesBox> {
        let t = LuaObjectType<ChangesBox>("Changes", doc: """
            The change log: every change (moves, the global, cohort edits, imports of calls, users, buildings and
            devices), who made it, when and why. #changes counts; changes[i] is entry i's report;
            changes:table() is the log as a result set; changes:powershell("plan.ps1") writes the script, plan.csv,
            plan.rollback.ps1 (each user's previous policy back) and plan.verify.ps1 (run after 24 hours: who is not yet in the planned mode).
            """)
        t.method("table", "changes:table(): the log (id, when, who, kind, effective, what, why, users, warnings) as a result set") { box, call in
            ResultSetBinding.push(box.journal.table(), call.L)
            return 1
        }
        t.method("powershell", "changes:powershell(path | {path=, csv=, whatif=}): writes the script for every dated change (unattended: -OnError Stop|Continue, a log of every command, batches over 200 users), the same plan as CSV, and beside the script plan.rollback.ps1 and plan.verify.ps1 (from plan.ps1); whatif=true makes -WhatIf the default of the plan and its rollback; without a path returns script, CSV, rollback and verification texts") { box, call in
            let options = call.isString(1) ? LuaTable(fields: [(.string("path"), .string(try call.string(1)))]) : try call.optTable(1)
            return try PowerShellOutput.emit(try PowerShellPlan(journal: box.source.journal, tenant: box.source.tenant), options: options, call: call)
        }
        t.length { $0.journal.count }
        t.positional { box, i, call in
            let entries = box.journal.entries
            guard i >= 1 && i <= entries.count else { return call.results(.nil) }
            let e = entries[i - 1]
            ChangeReportBinding.push(e.report, heading: heading(e), call.L)
            return 1
        }
        t.describe { box in
            let log = box.journal
            if log.count == 0 { return "no changes yet" }
            return ResultRenderer.render(log.table(), RenderOptions(mode: .table, maxRows: 20)).trimmingTrailingNewline
        }
        return t
    }

    static func heading(_ e: JournalEntry) -> String {
        "\(e.change.kind) by \(e.who.isEmpty ? "(unknown)" : e.who) on \(PlanDay(epochSeconds: e.at).iso)" + (e.why.isEmpty ? "" : " (\(e.why))")
    }

    /// `undo()`: reverts the last journal entry, whatever its kind, and returns its report, headed "undone".
    static func undo(_ source: TenantSource, _ call: LuaCall) throws -> Int32 {
        let entry = try source.live("undo").undo()
        ChangeReportBinding.push(entry.report, heading: "undone", call.L)
        return 1
    }
}
