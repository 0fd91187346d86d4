import CoexistKit

/// `import_users(path, {on_error=, global=})`: the users file import at the prompt. It runs Kit's
/// `importUsers(path:)`, the same code `--data DIR` runs, on a copy of the tenant, so a refused file changes nothing.
public enum UsersImportBinding {
    static let keys: [String: OptionType] = ["on_error": .string, "global": .string]

    static let doc = "import_users(path, {on_error=\"skip\", global=mode}): adds the users of a plain users CSV or a Get-CsOnlineUser export (UTF-8, or UTF-16 as Export-Csv -Encoding Unicode writes it); global= states the tenant's current global instead of inferring it from the users who inherit it; prints every user whose computed mode differs from the file's TeamsUpgradeEffectiveMode; a file past 4 GiB, a record past 1 MiB or a header naming one column twice is refused; returns {rows_read=, imported=, added=, replaced=, skipped=, reasons={\"file:line: field = value: reason\", ...}, warnings=, global=, notices=, mismatches=}"

    static func install(_ engine: LuaEngine, _ source: TenantSource) {
        engine.register("import_users", doc: doc) { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let opts = try OptionTable(try call.optTable(2), keys, what: "import_users")
            var options = CoexistenceTenant.UserImportOptions()
            options.onError = try ImportPolicyOption.policy(try opts.string("on_error").map { .string($0) }, "import_users")
            if let global = try opts.string("global") {
                do { options.global = try UpgradePolicy.resolve(global, notify: nil) } catch {
                    throw LuaError("import_users: option 'global': \(error)")
                }
            }
            let workspace = try source.live("import_users")
            let report: UserImportReport
            do {
                let source = try ImportSource.read(path)
                let change = Change.importUsers(source.stamp, skipBadRows: options.onError == .skip, global: options.global?.name)
                guard let users = try workspace.apply(change, who: TenantSource.who, at: workspace.clock.now.epochSeconds,
                                                      source: source).users else {
                    throw LuaError("the import gave no report")
                }
                report = users
            } catch {
                throw LuaError("import_users: \(error)")
            }
            let out = OutputStream.current(call.L)
            for line in messages(report) { out.write(line + "\n") }
            return call.results(record(report))
        }
    }

    /// The notices and warnings an import prints, wherever it runs.
    public static func messages(_ report: UserImportReport) -> [String] { report.messages }

    static func record(_ r: UserImportReport) -> LuaValue { ImportReportTable.value(r, users: true) }
}
