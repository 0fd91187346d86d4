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
        case .member(let base, let separator):
            guard resolve(base) else { return [] }
            let idx = lua_gettop(L)
            let methods = separator == ":"
            var tname: UnsafePointer<CChar>?
            switch lua_type(L, idx) {
            case LUA_TTABLE:
                var names = identifierKeys(at: idx, functionsOnly: methods)
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
