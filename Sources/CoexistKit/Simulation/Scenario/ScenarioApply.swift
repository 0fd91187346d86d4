/// `scenario:apply()`: the plan's moves as real scheduled changes, through the workspace's door in the
/// order the plan would carry them out, so undo, audit and PowerShell export work on them. The preview is
/// the same changes as a dry run (validated, nothing changed).
public enum ScenarioApply {
    /// What `apply` would do: one row per change, with the step it comes from and what the door reports.
    public static func preview(_ scenario: Scenario, on workspace: Workspace) throws -> ResultSet {
        let plan = try ScenarioPlan(scenario, on: workspace)
        var rows: [[ResultValue]] = []
        for (step, change) in plan.changes {
            let report = plan.moveReports[step - 1]!
            rows.append([.int(step), .string(change.kind), .string(report.what), .int(report.changes.count),
                         .string(report.warnings.joined(separator: "; "))])
        }
        return ResultSet(columns: [Column("step", .int), Column("change", .string), Column("what", .string),
                                   Column("users", .int), Column("warnings", .string)],
                         rows: rows, title: "apply scenario \(scenario.name): \(rows.count) change(s)")
    }

    /// Applies every change; the first refusal stops it, and the changes made before it are undone, so
    /// the workspace is either fully planned or as it was.
    @discardableResult
    public static func apply(_ scenario: Scenario, to workspace: Workspace, who: String, at: Double) throws -> [ChangeReport] {
        let plan = try ScenarioPlan(scenario, on: workspace)
        var reports: [ChangeReport] = []
        do {
            for (step, change) in plan.changes {
                reports.append(try workspace.apply(change, who: who, why: "scenario \(scenario.name), step \(step)", at: at))
            }
        } catch {
            for _ in reports { _ = try? workspace.undo() }
            throw error
        }
        return reports
    }
}
