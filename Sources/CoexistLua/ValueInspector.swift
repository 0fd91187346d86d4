import CLua
import CLuaBridge

/// Turns a Lua value into the text the REPL prints: scalars exactly as lua.c's print would, tables
/// readably (keys sorted, nested to a bounded depth, long ones cut), never as `table: 0x...`.
public struct ValueInspector {
    let engine: LuaEngine
    public var maxDepth = 4
    public var maxItems = 100
    public var lineWidth = 80

    public init(_ engine: LuaEngine) { self.engine = engine }

    var L: OpaquePointer { engine.L }

    public func describe(at idx: Int32) -> String {
        var seen: Set<UnsafeRawPointer> = []
        return describe(at: lua_absindex(L, idx), depth: 0, indent: "", seen: &seen, quoted: false)
    }

    private func describe(at idx: Int32, depth: Int, indent: String, seen: inout Set<UnsafeRawPointer>,
                          quoted: Bool) -> String {
        switch lua_type(L, idx) {
        case LUA_TSTRING:
            let s = engine.stack.string(at: idx) ?? ""
            return quoted ? quote(s) : s
        case LUA_TTABLE where luaL_getmetafield(L, idx, "__tostring") == LUA_TNIL:
            return table(at: idx, depth: depth, indent: indent, seen: &seen)
        case LUA_TTABLE:
            engine.stack.pop()
            return tostring(idx)
        default:
            return tostring(idx)
        }
    }

    /// luaL_tolstring under protection: a failing __tostring shows its error instead of raising.
    private func tostring(_ idx: Int32) -> String {
        // Unless a __tostring written in Lua runs, showing a value is the shell's work (Lua's formatting, a C
        // library's or a host object's __tostring), so at the cap `#keep` still shows its number (the reserve,
        // CLuaBridge.h).
        var scripted = false
        if luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL {
            scripted = lua_iscfunction(L, -1) == 0
            engine.stack.pop()
        }
        let status = scripted ? bridge_tostring(L, idx) : engine.withReserve { bridge_tostring(L, idx) }
        defer { engine.stack.pop() }
        let text = engine.stack.string(at: -1) ?? "?"
        if status == LUA_ERRMEM { return "<not enough memory to show it>" }
        return status == LUA_OK ? text : "<error in __tostring: \(text)>"
    }

    private func table(at idx: Int32, depth: Int, indent: String, seen: inout Set<UnsafeRawPointer>) -> String {
        guard let p = lua_topointer(L, idx) else { return "{}" }
        if seen.contains(p) { return "<cycle>" }
        if depth >= maxDepth { return "{...}" }
        guard lua_checkstack(L, 6) != 0 else { return "{...}" }
        seen.insert(p)
        defer { seen.remove(p) }

        let inner = indent + "  "
        let n = Int(lua_rawlen(L, idx))
        var items: [String] = []
        var keyed: [(sort: SortKey, text: String)] = []
        var total = 0
        for i in 0..<n {
            total += 1
            if items.count < maxItems {
                lua_rawgeti(L, idx, lua_Integer(i + 1))
                items.append(describe(at: engine.stack.top, depth: depth + 1, indent: inner, seen: &seen, quoted: true))
                engine.stack.pop()
            }
        }
        lua_pushnil(L)
        while lua_next(L, idx) != 0 {
            let top = engine.stack.top
            let isSequence = n > 0 && lua_isinteger(L, top - 1) != 0
                && (1...n).contains(Int(shim_tointegerx(L, top - 1, nil)))
            if !isSequence {
                total += 1
                if keyed.count < maxItems {
                    let (sort, key) = keyText(top - 1)
                    let value = describe(at: top, depth: depth + 1, indent: inner, seen: &seen, quoted: true)
                    keyed.append((sort, "\(key) = \(value)"))
                }
            }
            engine.stack.pop()
        }
        keyed.sort { $0.sort < $1.sort }
        var parts = items + keyed.map(\.text)
        if total > parts.count { parts.append("... \(total - parts.count) more") }
        if parts.isEmpty { return "{}" }
        let oneLine = "{ " + parts.joined(separator: ", ") + " }"
        if oneLine.count + indent.count <= lineWidth && !oneLine.contains("\n") { return oneLine }
        return "{\n" + parts.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    /// Keys sort numbers first (numerically), then strings, then everything else.
    enum SortKey: Comparable {
        case number(Double)
        case string(String)
        case other(String)
    }

    private func keyText(_ idx: Int32) -> (SortKey, String) {
        switch lua_type(L, idx) {
        case LUA_TNUMBER:
            let d = shim_tonumberx(L, idx, nil)
            return (.number(d), "[\(tostring(idx))]")
        case LUA_TSTRING:
            let s = engine.stack.string(at: idx) ?? ""
            return (.string(s), isIdentifier(s) ? s : "[\(quote(s))]")
        default:
            let t = tostring(idx)
            return (.other(t), "[\(t)]")
        }
    }

    private static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
            && !Self.keywords.contains(s)
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 32 || scalar.value == 127 { out += "\\\(scalar.value)" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
