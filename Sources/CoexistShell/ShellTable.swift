import CoexistKit
import CoexistLua

/// The `shell` table: every dot-command setting from Lua, so a script or init.lua chooses its output as a
/// person at the prompt does (`shell.mode = "csv"`, `shell.headers = false`, `shell.width = {20, 0, 12}`).
/// Reads give the current value; writes are checked by the dot-command itself, so a bad value is refused
/// with the same message; an unknown name is an error that names the closest setting.
/// `shell.command(".mode csv")` runs any dot-command (a script's dot-command lines become such calls).
enum ShellTable {
    enum Kind { case text, flag, number, numberOrAuto, numbers }

    static let settings: [(name: String, kind: Kind)] = [
        ("mode", .text), ("headers", .flag), ("maxrows", .number), ("maxwidth", .numberOrAuto), ("width", .numbers),
        ("nullvalue", .text), ("numbers", .numberOrAuto), ("pager", .text), ("timer", .flag), ("bail", .flag), ("echo", .flag),
    ]
    static let readOnly = ["output"]
    static var names: [String] { settings.map(\.name) + readOnly + ["command"] }

    static func install(_ shell: Shell) {
        let engine = shell.engine
        engine.register("shell.command", doc: "shell.command(\".mode csv\"): runs a dot-command from Lua (a script's lines that start with a dot-command run this way)") { [unowned shell] call in
            try shell.runMetaFromLua(try call.string(1))
            return 0
        }
        engine.register("shell._get", doc: "") { [unowned shell] call in
            call.results(try value(of: try call.string(1), shell))
        }
        engine.register("shell._set", doc: "") { [unowned shell] call in
            try set(try call.string(1), call.value(2), shell)
            return 0
        }
        engine.document("shell", "the shell's settings from Lua: shell.mode = \"csv\", shell.headers = false, shell.maxrows, shell.maxwidth, shell.width = {20, 0}, shell.nullvalue, shell.numbers, shell.pager, shell.timer, shell.bail, shell.echo; shell.output says where output goes; shell.command(\".mode csv\") runs a dot-command")
        _ = engine.run("""
            local t = shell
            local get, set, command = rawget(t, "_get"), rawget(t, "_set"), rawget(t, "command")
            rawset(t, "_get", nil); rawset(t, "_set", nil); rawset(t, "command", nil)
            setmetatable(t, {
              -- Errors are raised at level 2, so they name the script's line rather than this chunk.
              __index = function(_, k)
                if k == "command" then return command end
                local ok, v = pcall(get, k)
                if not ok then error(v, 2) end
                return v
              end,
              __newindex = function(_, k, v)
                local ok, e = pcall(set, k, v)
                if not ok then error(e, 2) end
              end,
              __metatable = "the shell's settings",
            })
            """, chunkName: "shell")
        // Only the public names are documented for help() and completion.
        engine.forget(["shell._get", "shell._set"])
    }

    static func value(of name: String, _ shell: Shell) throws -> LuaValue {
        let s = shell.settings
        switch name {
        case "mode": return .string(s.render.mode.rawValue)
        case "headers": return .boolean(s.render.headers)
        case "maxrows": return .integer(Int64(s.render.maxRows))
        case "maxwidth": return s.autoWidth ? .string("auto") : .integer(Int64(s.render.maxWidth))
        case "width": return .table(LuaTable(array: s.render.columnWidths.map { .integer(Int64($0)) }))
        case "nullvalue": return .string(s.render.nullValue)
        case "numbers": return s.render.numbers.map { .integer(Int64($0)) } ?? .string("auto")
        case "pager": return .string(s.pager.rawValue)
        case "timer": return .boolean(s.timer)
        case "bail": return .boolean(s.bail)
        case "echo": return .boolean(s.echo)
        case "output": return .string(shell.outputDescription)
        default: throw LuaError("shell has no setting '\(name)'" + didYouMean(name, names))
        }
    }

    static func set(_ name: String, _ value: LuaValue, _ shell: Shell) throws {
        if readOnly.contains(name) || name == "command" {
            throw LuaError("shell.\(name) cannot be set" + (name == "output" ? "; use shell.command(\".output FILE\") or io.output(file)" : ""))
        }
        guard let kind = settings.first(where: { $0.name == name })?.kind, let command = MetaCommands.find(name) else {
            throw LuaError("shell has no setting '\(name)'" + didYouMean(name, names))
        }
        let args: [String]
        switch (kind, value) {
        case (.text, .string(let text)): args = [text]
        case (.flag, .boolean(let on)): args = [on ? "on" : "off"]
        case (.number, .integer(let n)), (.numberOrAuto, .integer(let n)): args = [String(n)]
        case (.numberOrAuto, .string("auto")): args = ["auto"]
        case (.numbers, .table(let t)) where t.fields.isEmpty:
            args = try t.array.map {
                guard let n = $0.integerValue else { throw LuaError("shell.width takes whole numbers, got \($0.typeName)") }
                return String(n)
            }
        case (.numbers, .nil): args = []
        case (.number, .number(let d)), (.numberOrAuto, .number(let d)):
            throw LuaError("shell.\(name) takes a whole number, got \(d)")
        default:
            let wanted: String
            switch kind {
            case .text: wanted = "a string"
            case .flag: wanted = "true or false"
            case .number: wanted = "a whole number"
            case .numberOrAuto: wanted = "a whole number or \"auto\""
            case .numbers: wanted = "a list of whole numbers, like {20, 0, 12}"
            }
            throw LuaError("shell.\(name) takes \(wanted), got \(value.typeName)")
        }
        do {
            _ = try command.run(shell, args)
        } catch let e as MetaCommandError {
            throw LuaError("shell.\(name): \(e.description)")
        }
    }
}
