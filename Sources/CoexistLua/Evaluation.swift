import CLua
import CLuaBridge
import CoexistKit

/// What the REPL shows for one value: text as lua.c would print it, or a result set to render in the
/// current output mode.
public enum LuaDisplay {
    case text(String)
    case resultSet(ResultSetBox)
}

/// An object the REPL shows as a table (a calls query shows its first rows) rather than as text.
public protocol LuaTabular: AnyObject {
    /// The table to show; L is the thread of the current call (Lua code the object holds runs on it).
    func resultSet(_ L: OpaquePointer) throws -> ResultSet
}

public enum Evaluation {
    case values([LuaDisplay])
    /// The chunk is unfinished (Lua's syntax error at `<eof>`): read another line and try again.
    case incomplete
    case failure(LuaError)
}

extension LuaEngine {
    /// Runs one REPL chunk as lua.c does: first as an expression (`return <chunk>`), and only if that does not
    /// compile, as a statement. The first value of an expression is kept in the global `_`.
    public func evaluate(_ code: String, chunkName: String = "stdin") -> Evaluation {
        let top = stack.top
        defer { lua_settop(L, top) }
        let asExpression = load("return " + code + ";", chunkName)
        // Compiled again as statements, an expression that failed for want of memory got a syntax error.
        if asExpression == LUA_ERRMEM { return .failure(LuaError(stack.string(at: -1) ?? "not enough memory")) }
        if asExpression != LUA_OK {
            stack.pop()
            let status = load(code, chunkName)
            if status != LUA_OK {
                let message = stack.string(at: -1) ?? "syntax error"
                if status == LUA_ERRSYNTAX && message.hasSuffix("<eof>") { return .incomplete }
                return .failure(LuaError(message))
            }
        }
        if case .failure(let e) = call() { return .failure(e) }
        let n = stack.top - top
        guard n > 0 else { return .values([]) }
        lua_pushvalue(L, top + 1)
        setGlobal(path: "_")
        return .values((0..<n).map { display(at: top + 1 + $0) })
    }

    /// Whether a chunk is unfinished (more lines would complete it), by compiling it without running it.
    public func isIncomplete(_ code: String, chunkName: String = "stdin") -> Bool {
        let top = stack.top
        defer { lua_settop(L, top) }
        if load("return " + code + ";", chunkName) == LUA_OK { return false }
        stack.pop()
        let status = load(code, chunkName)
        return status == LUA_ERRSYNTAX && (stack.string(at: -1) ?? "").hasSuffix("<eof>")
    }

    /// Compiles a chunk (as an expression, else as statements) without running it: its syntax error, if any.
    public func evaluateCompileOnly(_ code: String, chunkName: String = "stdin") -> Result<Void, LuaError> {
        let top = stack.top
        defer { lua_settop(L, top) }
        if load("return " + code + ";", chunkName) == LUA_OK { return .success(()) }
        stack.pop()
        if load(code, chunkName) == LUA_OK { return .success(()) }
        return .failure(LuaError(stack.string(at: -1) ?? "syntax error"))
    }

    /// Lua's own syntax error for a chunk (e.g. one cut off at the end of the input).
    public func syntaxError(_ code: String, chunkName: String) -> LuaError {
        let top = stack.top
        defer { lua_settop(L, top) }
        guard load(code, chunkName) != LUA_OK else { return LuaError("\(chunkName): unfinished input") }
        return LuaError(stack.string(at: -1) ?? "syntax error")
    }

    private func load(_ code: String, _ chunkName: String) -> Int32 {
        var code = code
        return code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=" + chunkName) }
        }
    }

    /// How the REPL shows the value at idx.
    public func display(at idx: Int32) -> LuaDisplay {
        if let box = ResultSetBinding.type.object(at: idx, L) { return .resultSet(box) }
        if let ctx = bridge_any_object(L, idx, nil), let tabular = Unmanaged<AnyObject>.fromOpaque(ctx).takeUnretainedValue() as? LuaTabular {
            do { return .resultSet(ResultSetBox(try tabular.resultSet(L))) } catch { return .text("error: \(error)") }
        }
        return .text(ValueInspector(self).describe(at: idx))
    }
}
