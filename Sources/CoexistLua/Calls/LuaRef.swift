import CLua
import CLuaBridge

/// A Lua value Swift keeps (a `where(function(row) ... end)` predicate, a row layout), anchored in the
/// registry for as long as the Swift owner is alive.
final class LuaRef {
    let L: OpaquePointer
    let ref: Int32

    /// Anchors the value at stack slot `idx`.
    init(_ L: OpaquePointer, at idx: Int32) {
        self.L = L
        lua_pushvalue(L, idx)
        ref = luaL_ref(L, shim_registryindex())
    }

    deinit { luaL_unref(L, shim_registryindex(), ref) }

    func push() { lua_rawgeti(L, shim_registryindex(), lua_Integer(ref)) }
}
