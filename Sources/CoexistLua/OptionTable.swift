import CoexistKit

/// The one reader of option tables such as `{on="2027-02-01", notify=true}`, used by every builtin that takes
/// one (and, through `check_options`, by the Lua standard library). It is strict: an unknown key is an error
/// naming the builtin, the key and the closest known spelling, because a silently ignored `dry_run=true` would
/// make a real change; a value of the wrong type is an error naming the key and the type it takes.
struct OptionTable {
    let table: LuaTable
    let what: String
    let keys: [String: OptionType]

    init(_ table: LuaTable?, _ keys: [String: OptionType], what: String) throws {
        self.table = table ?? LuaTable()
        self.what = what
        self.keys = keys
        if let extra = self.table.array.first {
            throw LuaError("\(what): options are named (e.g. {\(keys.keys.sorted().first ?? "name")=...}), got a positional \(extra.typeName)")
        }
        let names = keys.keys.sorted()
        for (key, value) in self.table.fields {
            guard let name = key.stringValue else { throw LuaError("\(what): option names are strings, got \(key.typeName)") }
            guard let type = keys[name] else {
                throw LuaError("\(what): unknown option '\(name)'" + didYouMean(name, names)
                    + (names.isEmpty ? "; it takes no options" : "; options are " + names.joined(separator: ", ")))
            }
            guard type.accepts(value) else {
                throw LuaError("\(what): option '\(name)' must be \(type.name), got \(OptionType.describe(value))")
            }
        }
    }

    subscript(_ key: String) -> LuaValue {
        assert(keys[key] != nil, "option '\(key)' read but not declared")
        return table[key]
    }

    func string(_ key: String) throws -> String? { self[key].stringValue }

    func bool(_ key: String) throws -> Bool? {
        if case .boolean(let b) = self[key] { return b }
        return nil
    }

    func integer(_ key: String) throws -> Int64? { self[key].integerValue }

    static let changeKeys: [String: OptionType] = ["on": .date, "notify": .boolean, "reason": .string, "dry_run": .boolean]

    /// `{on=, notify=, reason=, dry_run=}` plus who ($USER) and when (the workspace clock's now).
    func changeOptions(_ source: TenantSource) throws -> ChangeOptions {
        func declared(_ key: String) -> LuaValue { keys[key] == nil ? .nil : table[key] }
        return ChangeOptions(on: try source.optionalDay(declared("on"), "\(what): option 'on'"),
                             notify: declared("notify") == .boolean(true) ? true : declared("notify") == .boolean(false) ? false : nil,
                             reason: declared("reason").stringValue ?? "", who: TenantSource.who,
                             at: source.clock.now.epochSeconds, dryRun: declared("dry_run") == .boolean(true))
    }
}

extension [String: OptionType] {
    /// Two sets of keys together (the change keys and a builtin's own).
    static func + (a: Self, b: Self) -> Self { a.merging(b) { x, _ in x } }
}

/// What an option's value may be, named as the error says it ("an integer", "a string or false").
struct OptionType: Sendable {
    let name: String
    let accepts: @Sendable (LuaValue) -> Bool

    static let string = OptionType(name: "a string") { $0.stringValue != nil }
    static let boolean = OptionType(name: "true or false") { if case .boolean = $0 { return true }; return false }
    static let integer = OptionType(name: "an integer") { $0.integerValue != nil }
    static let number = OptionType(name: "a number") { $0.doubleValue != nil }
    static let table = OptionType(name: "a table") { $0.tableValue != nil }
    /// A date, an ISO or relative date string, os.time() seconds or a date table (`LuaDateType.coerce` reads it).
    static let date = OptionType(name: "a date (\"2027-02-01\", \"+2w\", date(...) or seconds)") {
        switch $0 {
        case .string, .date, .integer, .number, .table: return true
        default: return false
        }
    }
    static let stringOrFalse = OptionType(name: "a string or false") { $0.stringValue != nil || $0 == .boolean(false) }
    static let any = OptionType(name: "any value") { _ in true }

    /// The value as an error shows it: its type, and short strings and numbers themselves.
    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s) where s.count <= 40: return "string '\(s)'"
        case .integer(let i): return "number \(i)"
        case .number(let d): return "number \(d)"
        case .boolean(let b): return "\(b)"
        default: return v.typeName
        }
    }

    /// The types `check_options` accepts by name, as a Lua script spells them ("string", "integer|table").
    static let named: [String: OptionType] = [
        "string": .string, "boolean": .boolean, "integer": .integer, "number": .number, "table": .table,
        "date": .date, "any": .any,
        "function": OptionType(name: "a function") { $0 == .opaque("function") },
    ]

    /// "string|table": either, named "a string or a table".
    static func parse(_ spec: String) -> OptionType? {
        let parts = spec.split(separator: "|").map { named[String($0)] }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        let types = parts.compactMap { $0 }
        if types.count == 1 { return types[0] }
        return OptionType(name: types.map(\.name).joined(separator: " or ")) { v in types.contains { $0.accepts(v) } }
    }
}
