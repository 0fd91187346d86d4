import CLua
import CLuaBridge

/// A Lua value Swift keeps (a `where(function(row) ... end)` predicate, a row layout), anchored in the
/// registry for as long as the Swift owner is alive. It keeps no thread but the main one: the coroutine a
/// query or iterator was made on may be collected long before the query, so `push` takes the thread of the
/// call that uses it, and the anchor is released through the main thread, which lives as long as the state.
final class LuaRef {
    private let mainThread: OpaquePointer
    let ref: Int32

    /// Anchors the value at stack slot `idx` of L (any thread of the state).
    init(_ L: OpaquePointer, at idx: Int32) {
        mainThread = LuaRef.mainThread(of: L)
        lua_pushvalue(L, idx)
        ref = luaL_ref(L, shim_registryindex())
    }

    deinit { luaL_unref(mainThread, shim_registryindex(), ref) }

    /// Pushes the value onto L, the thread of the current call.
    func push(_ L: OpaquePointer) { lua_rawgeti(L, shim_registryindex(), lua_Integer(ref)) }

    static func mainThread(of L: OpaquePointer) -> OpaquePointer {
        lua_rawgeti(L, shim_registryindex(), lua_Integer(LUA_RIDX_MAINTHREAD))
        defer { shim_pop(L, 1) }
        return lua_tothread(L, -1) ?? L
    }
}
