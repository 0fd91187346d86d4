import CLua
import CLuaBridge

/// `--sandbox`: for training rooms and scripts nobody has vetted. Removes what runs programs, deletes or
/// renames files, exits the shell or loads native code; io.open only reads; load takes text only; the
/// debug library (which could reach the originals through upvalues and the registry) keeps only traceback.
enum Sandbox {
    static let registryKey = "coexist.sandbox"

    static let script = """
    local open, output, load, loadfile, traceback = io.open, io.output, load, loadfile, debug.traceback
    local registry = ...
    registry["coexist.io_output"] = output
    os.execute, io.popen, os.remove, os.rename, os.exit, os.tmpname, io.tmpfile = nil
    package.loadlib, package.cpath = nil, ""
    for i = #package.searchers, 3, -1 do package.searchers[i] = nil end
    local function denied(what) error("sandbox: " .. what .. " is disabled", 3) end
    io.open = function(path, mode)
      mode = mode or "r"
      if mode ~= "r" and mode ~= "rb" then
        denied("opening files for writing")
      end
      return open(path, mode)
    end
    io.output = function(file)
      if file ~= nil and type(file) ~= "userdata" then denied("io.output to a file name") end
      return output(file)
    end
    _G.load = function(chunk, name, mode, env) return load(chunk, name, "t", env) end
    _G.loadfile = function(path, mode, env) return loadfile(path, "t", env) end
    debug = { traceback = traceback }
    package.loaded.debug = debug
    """

    static func apply(_ engine: LuaEngine) throws {
        let L = engine.L
        // The shell's own .output must keep working; keep the real io.output where scripts cannot reach it.
        lua_pushboolean(L, 1)
        lua_setfield(L, shim_registryindex(), registryKey)
        var code = script
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=sandbox") }
        }
        guard status == LUA_OK else { throw LuaEngine.Failure.startup("sandbox: \(engine.stack.string(at: -1) ?? "?")") }
        lua_pushvalue(L, shim_registryindex())
        if case .failure(let e) = engine.call(nargs: 1, nresults: 0) { throw LuaEngine.Failure.startup("sandbox: \(e)") }
    }

    static func isActive(_ L: OpaquePointer) -> Bool {
        lua_getfield(L, shim_registryindex(), registryKey)
        defer { shim_pop(L, 1) }
        return lua_toboolean(L, -1) != 0
    }

    /// Host functions that write files call this first.
    static func checkWrite(_ L: OpaquePointer, _ path: String) throws {
        if isActive(L) { throw LuaError("sandbox: writing files is disabled ('\(path)')") }
    }
}
