import CLua
import CLuaBridge
import CoexistKit

/// Runs Lua predicates over a selection: one row view, moved from row to row by C, and one protected C
/// loop per predicate (rowview.c), so the cost per row is the Lua call and the fields it reads.
enum LuaPredicates {
    /// Keeps, in order, the rows of `rows` for which every predicate returns a true value.
    static func filter(_ rows: inout [UInt32], _ predicates: [LuaRef], _ snapshot: CallStoreSnapshot,
                       _ L: OpaquePointer) throws {
        guard !predicates.isEmpty, !rows.isEmpty else { return }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_checkstack(L, 12)
        RowLayout.push(snapshot, L)
        rowview_push_row(L, -1, 0)
        let row = lua_gettop(L)
        for p in predicates {
            let n = rows.count
            let kept: Int = try rows.withUnsafeMutableBufferPointer { buf in
                lua_pushcclosure(L, rowview_filter, 0)
                p.push(L)
                lua_pushvalue(L, row)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(buf.baseAddress!))
                lua_pushinteger(L, lua_Integer(n))
                guard bridge_pcall(L, 4, 1, 0) == LUA_OK else {
                    let message = LuaStack(L).errorMessage(at: -1)
                    shim_pop(L, 1)
                    throw LuaError(explain(message, row: rowview_row(L, row)))
                }
                defer { shim_pop(L, 1) }
                return Int(shim_tointegerx(L, -1, nil))
            }
            rows.removeLast(n - kept)
            if rows.isEmpty { return }
        }
    }

    /// Says which stream failed, and the usual cause: a metric the stream did not report is nil, never 0.
    static func explain(_ message: String, row: Int) -> String {
        var s = "where(function) failed on row \(row + 1): \(message)"
        if !message.hasPrefix("(error object"), message.contains("with nil") || message.contains("a nil value") {
            s += " (a metric a stream did not report is nil, never 0: write row.jitter_ms and row.jitter_ms > 20)"
        }
        return s
    }
}
