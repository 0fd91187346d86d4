import CLua
import CLuaBridge

/// `--sandbox`: for training rooms and scripts nobody has vetted. Removes what runs programs, deletes or
/// renames files, exits the shell or loads native code; routes every file the Lua libraries open through the
/// session's FileGate (writes only into `--sandbox-dir`; reads only from the working directory, the sandbox
/// directory and the shipped modules); shows scripts only a few environment variables; and keeps only
/// traceback of the debug library (which could reach the originals through upvalues and the registry).
enum Sandbox {
    static let registryKey = "coexist.sandbox"

    /// What os.getenv still answers: display and locale settings and coexist's own clock. HOME, USER, PATH
    /// and the rest say who and where the trainer is, and tokens often live in the environment.
    static let visibleEnvironment = ["NO_COLOR", "COEXIST_NOW", "TERM", "LANG", "LC_ALL", "LC_CTYPE", "COLUMNS", "LINES", "TZ"]

    static let script = """
    local registry, check_read, check_write, visible = ...
    local open, output, input, lines, loadfile = io.open, io.output, io.input, io.lines, loadfile
    local getenv, searchpath, traceback, type, tostring, error = os.getenv, package.searchpath, debug.traceback, type, tostring, error
    registry["coexist.io_output"] = output
    os.execute, io.popen, os.remove, os.rename, os.exit, os.tmpname, io.tmpfile = nil
    package.loadlib, package.cpath = nil, ""
    for i = #package.searchers, 3, -1 do package.searchers[i] = nil end
    -- The gate answers true, or nil and why; the error is raised at the script's call (level 3).
    local function gate(check, path)
      local ok, why = check(path)
      if not ok then error(why, 3) end
    end
    local function name(path) if type(path) == "number" then return tostring(path) end return path end
    io.open = function(path, mode, ...)
      local p = name(path)
      if type(p) == "string" then
        if type(mode) == "string" and mode:find("[wa+]") then gate(check_write, p) else gate(check_read, p) end
      end
      return open(path, mode, ...)
    end
    io.lines = function(path, ...)
      local p = name(path)
      if type(p) == "string" then gate(check_read, p) end
      return lines(path, ...)
    end
    io.input = function(file)
      local p = name(file)
      if type(p) == "string" then gate(check_read, p) end
      return input(file)
    end
    io.output = function(file)
      local p = name(file)
      if type(p) == "string" then gate(check_write, p) end
      return output(file)
    end
    local text_loadfile = _G.loadfile
    local function gated_loadfile(path, mode, ...)
      local p = name(path)
      if type(p) == "string" then gate(check_read, p) end
      return text_loadfile(path, mode, ...)
    end
    _G.loadfile = gated_loadfile
    _G.dofile = function(path)
      local f, err = gated_loadfile(path)
      if not f then error(err, 2) end
      return f()
    end
    -- require's file searcher, through the gate and text-only (Lua's own uses luaL_loadfile, binary allowed).
    package.searchers[2] = function(module)
      local path, err = searchpath(module, package.path)
      if not path then return "\\n\\t" .. err end
      local f, lerr = gated_loadfile(path)
      if not f then
        error(("error loading module '%s' from file '%s':\\n\\t%s"):format(module, path, lerr), 2)
      end
      return f, path
    end
    local shown = {}
    for _, v in ipairs(visible) do shown[v] = true end
    os.getenv = function(var) if shown[var] then return getenv(var) end return nil end
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
        for check in [FileGate.checkRead, FileGate.checkWrite] {
            HostFunction("gate") { call in
                do { try check(FileGate.of(call.L))(try call.string(1)) } catch let e as LuaError {
                    return call.results(.nil, .string(e.message))
                }
                return call.results(.boolean(true))
            }.push(L)
        }
        engine.stack.push(.table(LuaTable(array: visibleEnvironment.map { .string($0) })))
        if case .failure(let e) = engine.call(nargs: 4, nresults: 0) { throw LuaEngine.Failure.startup("sandbox: \(e)") }
    }

    static func isActive(_ L: OpaquePointer) -> Bool { FileGate.of(L).sandboxed }

    /// Host functions that read files a script names call this first.
    static func checkRead(_ L: OpaquePointer, _ path: String) throws { try FileGate.of(L).checkRead(path) }
}
