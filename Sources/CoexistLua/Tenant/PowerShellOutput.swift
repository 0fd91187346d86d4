import CoexistKit
import Foundation

/// Writes a PowerShell plan (script, rollback, verification and CSV) for `cohort:powershell{}` and
/// `changes:powershell(path)`.
enum PowerShellOutput {
    static let keys: [String: OptionType] = ["path": .string, "csv": .stringOrFalse, "whatif": .boolean]

    /// `{path=, csv=, whatif=}`: with a path, writes the script there, its rollback and verification scripts
    /// beside it (`PowerShellPlan.sidePaths`: plan.ps1 -> plan.rollback.ps1, plan.verify.ps1) and the CSV next
    /// to it (or at `csv`, or not at all with `csv=false`), and returns a line saying so; without, returns the
    /// script, CSV, rollback and verification texts.
    static func emit(_ plan: PowerShellPlan, options table: LuaTable?, call: LuaCall) throws -> Int32 {
        let opts = try OptionTable(table, keys, what: "powershell")
        let whatIf = try opts.bool("whatif") == true
        let script = whatIf ? whatIfByDefault(plan.script) : plan.script
        let rollback = whatIf ? whatIfByDefault(plan.rollbackScript) : plan.rollbackScript
        guard let path = try opts.string("path") else {
            return call.results(.string(script), .string(plan.csv), .string(rollback), .string(plan.verificationScript))
        }
        let csvPath: String?
        switch opts["csv"] {
        case .nil: csvPath = csvPathNext(to: path)
        case .boolean(false): csvPath = nil
        case .string(let s): csvPath = s
        case let v: throw LuaError("powershell: option 'csv' must be a path or false, got \(v.typeName)")
        }
        let side = PowerShellPlan.sidePaths(for: path)
        try ResultFiles.write([(script, path), (rollback, side.rollback), (plan.verificationScript, side.verify)]
                              + (csvPath.map { [(plan.csv, $0)] } ?? []), gate: FileGate.of(call.L))
        return call.results(.string("wrote \(path) (\(plan.sections.count) change set(s), \(plan.commandCount) command(s)), "
            + "\(side.rollback), \(side.verify)" + (csvPath.map { " and \($0)" } ?? "")))
    }

    /// "plan.ps1" -> "plan.csv"; any other name gets ".csv" appended.
    static func csvPathNext(to path: String) -> String {
        path.lowercased().hasSuffix(".ps1") ? String(path.dropLast(4)) + ".csv" : path + ".csv"
    }

    /// The script with -WhatIf on unless the admin passes -WhatIf:$false: a safe default for a first run.
    static func whatIfByDefault(_ script: String) -> String {
        script.replacingOccurrences(of: "    [switch]$WhatIf,\n", with: "    [switch]$WhatIf = $true,\n")
    }
}
