import CoexistKit
import Foundation

/// Writes a PowerShell plan (script and CSV) for `cohort:powershell{}` and `changes:powershell(path)`.
enum PowerShellOutput {
    static let keys = ["path", "csv", "whatif"]

    /// `{path=, csv=, whatif=}`: with a path, writes the script there and the CSV next to it (or at `csv`,
    /// or not at all with `csv=false`) and returns a line saying so; without, returns script and CSV text.
    static func emit(_ plan: PowerShellPlan, options table: LuaTable?, call: LuaCall) throws -> Int32 {
        let opts = try OptionTable(table, allowed: keys, what: "powershell")
        let script = try opts.bool("whatif") == true ? whatIfByDefault(plan.script) : plan.script
        guard let path = try opts.string("path") else { return call.results(.string(script), .string(plan.csv)) }
        let csvPath: String?
        switch opts["csv"] {
        case .nil: csvPath = csvPathNext(to: path)
        case .boolean(false): csvPath = nil
        case .string(let s): csvPath = s
        case let v: throw LuaError("powershell: option 'csv' must be a path or false, got \(v.typeName)")
        }
        try Sandbox.checkWrite(call.L, path)
        if let csvPath { try Sandbox.checkWrite(call.L, csvPath) }
        try ResultFiles.write(script, to: path)
        if let csvPath { try ResultFiles.write(plan.csv, to: csvPath) }
        let steps = plan.steps.count
        return call.results(.string("wrote \(path) (\(plan.sections.count) change set(s), \(steps) command(s))"
            + (csvPath.map { " and \($0)" } ?? "")))
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
