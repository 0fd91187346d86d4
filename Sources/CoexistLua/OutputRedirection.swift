import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `.output FILE`, `.output` and `.once FILE` switch Lua's default output, which print, io.write and rendered
/// results all use. The file is made by the one writer (`ResultFiles.create`: the write gate, then a temporary
/// file beside the target); Lua writes into it through the real io.open, captured before any sandbox replaces
/// it, and when the output switches away the handle is closed with its error checked and the file committed
/// (synced and renamed into place), so a full disk is reported and the old file kept.
extension LuaEngine {
    static let redirectKey = "coexist.redirect"

    static let redirectScript = """
    local output, open, stdout, pcall = io.output, io.open, io.stdout, pcall
    local saved
    local owned = setmetatable({}, { __mode = "k" })
    -- Closes a handle this made: its writing path and, if closing failed, why.
    local function finish(f)
      local path = owned[f]
      if not path then
        if f ~= stdout and f ~= saved then pcall(f.close, f) end
        return nil
      end
      owned[f] = nil
      local called, ok, err = pcall(f.close, f)
      if called and not ok then return path, err end
      return path
    end
    return function(op, path)
      local function openw()
        local f, err = open(path, "w")
        if not f then error(err, 0) end
        owned[f] = path
        return f
      end
      if op == "output" then
        local new = path and openw() or stdout
        local old = output()
        output(new)
        if old ~= new and old ~= saved then return finish(old) end
      elseif op == "once" then
        local f = openw()
        if not saved then saved = output() end
        output(f)
      elseif op == "restore" and saved then
        local cur = output()
        output(saved)
        saved = nil
        return finish(cur)
      elseif op == "current" then
        return owned[output()]
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
    /// Ends a `.once` after its statement ran; its error (a full disk) is thrown.
    public func restoreAfterOnce() throws { try redirect("restore", nil) }

    /// Flushes the current output; the message naming it when writing failed (a full disk, /dev/full), once
    /// per output.
    public func flushOutput() -> String? {
        let out = OutputStream.current(L)
        guard let e = out.flushError() else { return nil }
        let name: String
        if out.isStandardOutput {
            name = "standard output"
        } else {
            lua_getfield(L, shim_registryindex(), Self.redirectKey)
            stack.push("current")
            let current = withReserve { call(nargs: 1, nresults: 1) }
            var path: String?
            if case .success = current {
                path = stack.string(at: -1).flatMap { redirected[$0]?.path }
                stack.pop()
            }
            name = path.map { "'\($0)'" } ?? "the output file"
        }
        if outputFailureReported.contains(name) { return nil }
        outputFailureReported.insert(name)
        return "cannot write \(name): \(String(cString: strerror(e)))"
    }

    /// At the end of a session: the pending `.output` or `.once` file committed and standard output flushed,
    /// with every failure's message.
    public func closeOutputs() -> [String] {
        var failures: [String] = []
        if let m = flushOutput() { failures.append(m) }
        do { try restoreAfterOnce() } catch { failures.append("\(error)") }
        do { try redirectOutput(to: nil) } catch { failures.append("\(error)") }
        if let m = flushOutput() { failures.append(m) }
        return failures
    }

    private func redirect(_ op: String, _ path: String?) throws {
        let file = try path.map { try ResultFiles.create($0, gate: files) }
        if let m = flushOutput() {
            file?.abandon()
            throw LuaError(m)
        }
        lua_getfield(L, shim_registryindex(), Self.redirectKey)
        stack.push(op)
        if let file { stack.push(file.writingPath) } else { lua_pushnil(L) }
        // The shell's own Lua, with the reserve: at the cap a session must still switch back and close its file.
        if case .failure(let e) = withReserve({ call(nargs: 2, nresults: 2) }) {
            file?.abandon()
            throw LuaError((path.map { "cannot write '\($0)'" } ?? "cannot switch the output back to standard output") + ": \(e.message)")
        }
        let closed = stack.string(at: -2)
        let reason = stack.string(at: -1)
        stack.pop(2)
        if let file { redirected[file.writingPath] = file }
        guard let closed, let pending = redirected.removeValue(forKey: closed) else { return }
        outputFailureReported.remove("'\(pending.path)'")
        if let reason {
            pending.abandon()
            throw LuaError("cannot write '\(pending.path)': \(reason)")
        }
        do { try pending.commit() } catch { throw LuaError("\(error)") }
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
