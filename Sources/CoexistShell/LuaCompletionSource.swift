import CLua
import CLuaBridge
import CoexistLua

/// Lua keywords and globals, and the fields and methods of the value before a `.` or `:`. Resolves the
/// value with raw lookups only, so completing never runs a script's code.
public final class LuaCompletionSource: CompletionSource {
    let engine: LuaEngine

    public init(_ engine: LuaEngine) { self.engine = engine }

    static let keywords = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
                           "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"]

    public func candidates(for context: CompletionContext) -> [String] {
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        switch context.kind {
        case .code:
            shim_pushglobaltable(L)
            return Self.keywords + identifierKeys(at: lua_gettop(L), functionsOnly: false)
        case .member(let base, let separator) where base.contains(where: { "({\"'".contains($0) }):
            // After a call's result: complete from the type the chain returns.
            guard let type = chainType(base), let description = engine.types["coexist." + type] else { return [] }
            return description.members.filter { $0.isMethod == (separator == ":") }.map(\.name)
        case .member(let base, let separator):
            guard resolve(base) else { return [] }
            let idx = lua_gettop(L)
            let methods = separator == ":"
            var tname: UnsafePointer<CChar>?
            switch lua_type(L, idx) {
            case LUA_TTABLE:
                var names = identifierKeys(at: idx, functionsOnly: methods)
                // A proxy (`qer`, loaded on first use) names its module in `__module`: complete the module's keys.
                if lua_getmetatable(L, idx) != 0 {
                    engine.stack.push("__module")
                    lua_rawget(L, -2)
                    if let module = engine.stack.string(at: -1), pushLoadedModule(module) {
                        names += identifierKeys(at: lua_gettop(L), functionsOnly: methods)
                    }
                    lua_settop(L, idx)
                }
                if lua_getmetatable(L, idx) != 0 {
                    engine.stack.push("__index")
                    lua_rawget(L, -2)
                    if lua_type(L, -1) == LUA_TTABLE { names += identifierKeys(at: lua_gettop(L), functionsOnly: methods) }
                }
                return names
            case LUA_TSTRING where methods:
                engine.pushGlobal(path: "string")
                return identifierKeys(at: lua_gettop(L), functionsOnly: true)
            case LUA_TUSERDATA:
                guard bridge_any_object(L, idx, &tname) != nil, let tname,
                      let type = engine.types[String(cString: tname)] else { return [] }
                return type.members.filter { $0.isMethod == methods }.map(\.name)
            default:
                return []
            }
        default:
            return []
        }
    }

    /// With nil on top and the table it came from below it: replaces the nil by the field of the table's
    /// proxied module (`qer.targets` when `qer` is the stdlib's proxy), leaving nil when there is none.
    private func proxyField(_ part: String) {
        let L = engine.L
        let table = lua_gettop(L) - 1
        guard lua_getmetatable(L, table) != 0 else { return }
        engine.stack.push("__module")
        lua_rawget(L, -2)
        guard let module = engine.stack.string(at: -1), pushLoadedModule(module) else { lua_settop(L, table + 1); return }
        engine.stack.push(part)
        lua_rawget(L, -2)
        shim_replace(L, table + 1)
        lua_settop(L, table + 1)
    }

    /// Pushes `package.loaded[module]`, loading the shipped module with `require` first when needed (as the
    /// proxy's first use would); false, with nothing pushed, when it cannot be had.
    private func pushLoadedModule(_ module: String) -> Bool {
        let L = engine.L
        let top = lua_gettop(L)
        engine.pushGlobal(path: "package.loaded." + module)
        if lua_type(L, -1) == LUA_TTABLE { return true }
        lua_settop(L, top)
        engine.pushGlobal(path: "require")
        guard lua_type(L, -1) == LUA_TFUNCTION else { lua_settop(L, top); return false }
        engine.stack.push(module)
        // bridge_pcall, not lua_pcall: the module's code is a script's, held to --lua-memory like any other.
        guard bridge_pcall(L, 1, 1, 0) == LUA_OK, lua_type(L, -1) == LUA_TTABLE else { lua_settop(L, top); return false }
        return true
    }

    /// The type name a chain of calls returns, resolving its start with raw lookups and never calling anything.
    private func chainType(_ base: String) -> String? {
        guard let steps = CallChainType.steps(base), let first = steps.first else { return nil }
        let L = engine.L
        var type: String?
        var rest = steps.dropFirst()
        if first.called {
            type = CallChainType.functionResults[first.name]
        } else {
            // Walk plain fields of tables until a userdata (its type) or a call.
            engine.pushGlobal(path: first.name)
            while let next = rest.first, !next.called || lua_type(L, -1) == LUA_TUSERDATA {
                if lua_type(L, -1) == LUA_TUSERDATA { break }
                guard lua_type(L, -1) == LUA_TTABLE else { return nil }
                engine.stack.push(next.name)
                lua_rawget(L, -2)
                rest = rest.dropFirst()
            }
            var tname: UnsafePointer<CChar>?
            guard lua_type(L, -1) == LUA_TUSERDATA, bridge_any_object(L, -1, &tname) != nil, let tname else { return nil }
            let full = String(cString: tname)
            type = full.hasPrefix("coexist.") ? String(full.dropFirst("coexist.".count)) : full
        }
        for step in rest {
            guard let current = type, step.called, let description = engine.types["coexist." + current] else { return nil }
            let doc = description.members.first { $0.name == step.name && $0.isMethod }?.doc
            type = CallChainType.result(of: step.name, on: current, doc: doc)
        }
        return type
    }

    /// Pushes the value of a dotted name (`a.b.c`; `a:b` is treated as `a.b`), true when it exists.
    private func resolve(_ path: String) -> Bool {
        let parts = path.split(whereSeparator: { $0 == "." || $0 == ":" }).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        // One slot per part: a long dotted name must not run past the end of Lua's stack.
        guard lua_checkstack(engine.L, Int32(clamping: parts.count + 4)) != 0 else { return false }
        engine.pushGlobal(path: parts[0])
        for part in parts.dropFirst() {
            guard lua_type(engine.L, -1) == LUA_TTABLE else { return false }
            engine.stack.push(part)
            lua_rawget(engine.L, -2)
            if lua_type(engine.L, -1) == LUA_TNIL { proxyField(part) }
        }
        return lua_type(engine.L, -1) != LUA_TNIL
    }

    private func identifierKeys(at idx: Int32, functionsOnly: Bool) -> [String] {
        let L = engine.L
        var names: [String] = []
        lua_pushnil(L)
        while lua_next(L, idx) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, let key = engine.stack.string(at: -2),
               !functionsOnly || lua_type(L, -1) == LUA_TFUNCTION,
               let first = key.first, first == "_" || first.isLetter, !key.hasPrefix("__") {
                names.append(key)
            }
            engine.stack.pop()
        }
        return names
    }
}
