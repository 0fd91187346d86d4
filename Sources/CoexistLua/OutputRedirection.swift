import CLua
import CLuaBridge

/// `.output FILE`, `.output` and `.once FILE` switch Lua's default output, which print, io.write and rendered
/// results all use. The switching runs in Lua with the real io.open and io.output captured before any
/// sandbox replaces them.
extension LuaEngine {
    static let redirectKey = "coexist.redirect"

    static let redirectScript = """
    local output, open, stdout = io.output, io.open, io.stdout
    local saved
    return function(op, path)
      local function openw()
        local f, err = open(path, "w")
        if not f then error(err, 0) end
        return f
      end
      if op == "output" then
        local new = path and openw() or stdout
        local old = output()
        output(new)
        if old ~= stdout and old ~= saved then old:close() end
      elseif op == "once" then
        local f = openw()
        if not saved then saved = output() end
        output(f)
      elseif op == "restore" and saved then
        local cur = output()
        output(saved)
        saved = nil
        if cur ~= stdout then cur:close() end
      end
    end
    """

    func installRedirection() {
        guard run(Self.redirectScript, chunkName: "redirect", keepResult: true) else { return }
        lua_setfield(L, shim_registryindex(), Self.redirectKey)
    }

    /// `.output FILE` (or nil: back to standard output).
    public func redirectOutput(to path: String?) throws { try redirect("output", path) }
    /// `.once FILE`: only the next statement's output goes to FILE.
    public func redirectOnce(to path: String) throws { try redirect("once", path) }
    /// Ends a `.once` after its statement ran; does nothing otherwise.
    public func restoreAfterOnce() { try? redirect("restore", nil) }

    private func redirect(_ op: String, _ path: String?) throws {
        // The Lua side opens with the real io.open, so the gate is asked here.
        if let path { try files.checkWrite(path) }
        OutputStream.current(L).flush()
        lua_getfield(L, shim_registryindex(), Self.redirectKey)
        stack.push(op)
        if let path { stack.push(path) } else { lua_pushnil(L) }
        if case .failure(let e) = call(nargs: 2, nresults: 0) { throw e }
    }

    /// Loads and runs code, leaving its one result on the stack when keepResult; false on failure.
    private func run(_ code: String, chunkName: String, keepResult: Bool) -> Bool {
        var code = code
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=" + chunkName) }
        }
        guard status == LUA_OK else { stack.pop(); return false }
        if case .failure = call(nresults: keepResult ? 1 : 0) { return false }
        return true
    }
}
