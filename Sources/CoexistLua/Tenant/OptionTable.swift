import CoexistKit

/// An options table such as `{on="2027-02-01", notify=true}`, read strictly: a misspelt key is an error with a
/// suggestion, because a silently ignored `dryrun=true` would make a real change.
struct OptionTable {
    let table: LuaTable
    let what: String

    init(_ table: LuaTable?, allowed: [String], what: String) throws {
        self.table = table ?? LuaTable()
        self.what = what
        if let extra = self.table.array.first {
            throw LuaError("\(what): options are named (e.g. {on=\"2027-02-01\"}), got a positional \(extra.typeName)")
        }
        for key in self.table.fields.map(\.key) {
            guard let name = key.stringValue else { throw LuaError("\(what): option names are strings, got \(key.typeName)") }
            if !allowed.contains(name) {
                throw LuaError("\(what): unknown option '\(name)'" + didYouMean(name, allowed)
                    + "; options are " + allowed.joined(separator: ", "))
            }
        }
    }

    subscript(_ key: String) -> LuaValue { table[key] }

    func string(_ key: String) throws -> String? {
        switch table[key] {
        case .nil: return nil
        case .string(let s): return s
        case let v: throw LuaError("\(what): option '\(key)' must be a string, got \(v.typeName)")
        }
    }

    func bool(_ key: String) throws -> Bool? {
        switch table[key] {
        case .nil: return nil
        case .boolean(let b): return b
        case let v: throw LuaError("\(what): option '\(key)' must be true or false, got \(v.typeName)")
        }
    }

    static let changeKeys = ["on", "notify", "reason", "dry_run"]

    /// `{on=, notify=, reason=, dry_run=}` plus who ($USER) and when (the workspace clock's now).
    func changeOptions(_ source: TenantSource) throws -> ChangeOptions {
        ChangeOptions(on: try source.optionalDay(self["on"], "\(what): option 'on'"), notify: try bool("notify"),
                      reason: try string("reason") ?? "", who: TenantSource.who, at: source.clock.now.epochSeconds,
                      dryRun: try bool("dry_run") ?? false)
    }
}
