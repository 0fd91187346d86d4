import CLua
import CLuaBridge
import CoexistKit

/// Which clock a Lua state reads: its engine's (`LuaEngine.clock`, the workspace's once bindings are
/// installed). Host functions only see the state, so the engine leaves a pointer to itself in the
/// registry; two engines in one process never share a "now".
enum LuaClock {
    static let registryKey = "coexist.engine"

    static func register(_ engine: LuaEngine) {
        lua_pushlightuserdata(engine.L, Unmanaged.passUnretained(engine).toOpaque())
        lua_setfield(engine.L, shim_registryindex(), registryKey)
    }

    /// The engine that owns `L` (or the coroutine's main state).
    static func engine(_ L: OpaquePointer) -> LuaEngine? {
        lua_checkstack(L, 1)
        lua_getfield(L, shim_registryindex(), registryKey)
        defer { shim_pop(L, 1) }
        guard let p = lua_touserdata(L, -1) else { return nil }
        return Unmanaged<LuaEngine>.fromOpaque(p).takeUnretainedValue()
    }

    static func clock(_ L: OpaquePointer) -> WorkspaceClock { engine(L)?.clock ?? .system }

    static func now(_ L: OpaquePointer) -> Instant { clock(L).now }
}
