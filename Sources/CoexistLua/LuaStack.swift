import CLua
import CLuaBridge

/// Moves values between the Lua stack and Swift. Every operation here is non-raising: raw table access,
/// `lua_next` over keys we do not modify, `lua_tolstring` only on strings and numbers.
public struct LuaStack {
    public let L: OpaquePointer

    public init(_ L: OpaquePointer) { self.L = L }

    public var top: Int32 { lua_gettop(L) }

    public func pop(_ n: Int32 = 1) { shim_pop(L, n) }

    public func push(_ value: LuaValue) {
        lua_checkstack(L, 4)
        switch value {
        case .nil, .opaque: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): push(s)
        case .date(let d): LuaDateType.push(d, L)
        case .table(let t):
            lua_createtable(L, Int32(clamping: t.array.count), Int32(clamping: t.fields.count))
            for (i, v) in t.array.enumerated() {
                push(v)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
            for (k, v) in t.fields where k != .nil {
                push(k)
                push(v)
                lua_rawset(L, -3)
            }
        }
    }

    public func push(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            _ = buf.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// The string at idx when it is a string (numbers are not converted: that would change the stack slot).
    public func string(at idx: Int32) -> String? {
        guard lua_type(L, idx) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = shim_tolstring(L, idx, &len) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    /// A copy of the value at idx; tables are copied to `maxDepth` levels and cycles end as `.opaque("table")`.
    public func value(at idx: Int32, maxDepth: Int = 32) -> LuaValue {
        var seen: Set<UnsafeRawPointer> = []
        return value(at: lua_absindex(L, idx), depth: maxDepth, seen: &seen)
    }

    private func value(at idx: Int32, depth: Int, seen: inout Set<UnsafeRawPointer>) -> LuaValue {
        switch lua_type(L, idx) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, idx) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, idx) != 0 { return .integer(shim_tointegerx(L, idx, nil)) }
            return .number(shim_tonumberx(L, idx, nil))
        case LUA_TSTRING: return .string(string(at: idx) ?? "")
        case LUA_TTABLE:
            guard depth > 0, let p = lua_topointer(L, idx), !seen.contains(p), lua_checkstack(L, 4) != 0 else {
                return .opaque("table")
            }
            seen.insert(p)
            defer { seen.remove(p) }
            var table = LuaTable()
            let n = Int(lua_rawlen(L, idx))
            table.array.reserveCapacity(n)
            for i in 0..<n {
                lua_rawgeti(L, idx, lua_Integer(i + 1))
                table.array.append(value(at: top, depth: depth - 1, seen: &seen))
                pop()
            }
            lua_pushnil(L)
            while lua_next(L, idx) != 0 {
                let isArrayKey = n > 0 && lua_isinteger(L, -2) != 0 && (1...n).contains(Int(shim_tointegerx(L, -2, nil)))
                if !isArrayKey {
                    let key = value(at: top - 1, depth: 0, seen: &seen)
                    let val = value(at: top, depth: depth - 1, seen: &seen)
                    table.fields.append((key, val))
                }
                pop()
            }
            return .table(table)
        case LUA_TUSERDATA:
            if let d = LuaDateType.date(at: idx, L) { return .date(d) }
            var name: UnsafePointer<CChar>?
            if bridge_any_object(L, idx, &name) != nil, let name { return .opaque(String(cString: name)) }
            return .opaque("userdata")
        default:
            return .opaque(String(cString: lua_typename(L, lua_type(L, idx))))
        }
    }

    /// An error value as a message, as lua.c's msghandler words it: a string or number as it is, else its
    /// `__tostring` (run under protection), else "(error object is a table value)". Never "error".
    public func errorMessage(at idx: Int32) -> String {
        let idx = lua_absindex(L, idx)
        switch lua_type(L, idx) {
        case LUA_TSTRING: return string(at: idx) ?? ""
        case LUA_TNUMBER:
            if lua_isinteger(L, idx) != 0 { return String(shim_tointegerx(L, idx, nil)) }
            return String(shim_tonumberx(L, idx, nil))
        default:
            if luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL {
                pop()
                if bridge_tostring(L, idx) == LUA_OK, let s = string(at: -1) {
                    pop()
                    return s
                }
                pop()
            }
            return "(error object is a \(typeName(at: idx)) value)"
        }
    }

    /// Lua's type name of the value at idx, with bridged objects named by their own type.
    public func typeName(at idx: Int32) -> String {
        var name: UnsafePointer<CChar>?
        if lua_type(L, idx) == LUA_TUSERDATA, bridge_any_object(L, idx, &name) != nil, let name {
            return String(cString: name)
        }
        return String(cString: lua_typename(L, lua_type(L, idx)))
    }
}
