import CLua
import CLuaBridge
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Warnings a binding gives without stopping the script (a filter value that names nothing, a cohort
/// selection that matches no one): printed on stderr as "warning: ...", so a report piped to a file stays
/// clean, and kept in the state's registry (the last `kept`) so the engine's owner can read them back.
enum Warnings {
    static let registryKey = "coexist.warnings"
    static let kept = 100

    static func emit(_ L: OpaquePointer, _ message: String) {
        fputs("warning: \(message)\n", bridge_stderr())
        lua_checkstack(L, 3)
        if lua_getfield(L, shim_registryindex(), registryKey) != LUA_TTABLE {
            shim_pop(L, 1)
            shim_newtable(L)
            lua_pushvalue(L, -1)
            lua_setfield(L, shim_registryindex(), registryKey)
        }
        var n = Int64(lua_rawlen(L, -1))
        if n >= Int64(kept) {
            // Drop the oldest half rather than shifting on every warning.
            for i in 1...Int64(kept / 2) {
                lua_rawgeti(L, -1, i + Int64(kept / 2))
                lua_rawseti(L, -2, i)
            }
            for i in stride(from: n, to: Int64(kept / 2), by: -1) {
                lua_pushnil(L)
                lua_rawseti(L, -2, i)
            }
            n = Int64(kept / 2)
        }
        lua_pushstring(L, message)
        lua_rawseti(L, -2, n + 1)
        shim_pop(L, 1)
    }

    /// The warnings given since the last call, oldest first; clears them.
    static func take(_ L: OpaquePointer) -> [String] {
        defer {
            lua_pushnil(L)
            lua_setfield(L, shim_registryindex(), registryKey)
        }
        guard lua_getfield(L, shim_registryindex(), registryKey) == LUA_TTABLE else { shim_pop(L, 1); return [] }
        var out: [String] = []
        let n = Int64(lua_rawlen(L, -1))
        if n > 0 {
            for i in 1...n {
                lua_rawgeti(L, -1, i)
                if let s = lua_tolstring(L, -1, nil) { out.append(String(cString: s)) }
                shim_pop(L, 1)
            }
        }
        shim_pop(L, 1)
        return out
    }
}
