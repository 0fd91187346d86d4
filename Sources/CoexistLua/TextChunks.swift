import CLua
import CLuaBridge

/// Lua code is loaded as text only, in every session: a binary chunk is not verified by Lua, so forged
/// bytecode is arbitrary memory access (issue 12), and coexist scripts are text. `load`, `loadfile` and
/// `dofile` force mode "t", require's file searcher uses that loadfile, and `string.dump` is removed.
/// `debug.setuservalue` refuses row views, whose user values C trusts on the per-field path.
extension LuaEngine {
    static let textChunksScript = """
    local load, loadfile, select, error, searchpath = load, loadfile, select, error, package.searchpath
    -- An explicit nil env would give the chunk a nil _ENV, so pass env only when the caller did.
    _G.load = function(chunk, name, mode, ...)
      if select("#", ...) > 0 then return load(chunk, name, "t", ...) end
      return load(chunk, name, "t")
    end
    _G.loadfile = function(path, mode, ...)
      if select("#", ...) > 0 then return loadfile(path, "t", ...) end
      return loadfile(path, "t")
    end
    _G.dofile = function(path)
      local f, err = _G.loadfile(path)
      if not f then error(err, 2) end
      return f()
    end
    local text_loadfile = _G.loadfile
    package.searchers[2] = function(module)
      local path, err = searchpath(module, package.path)
      if not path then return "\\n\\t" .. err end
      local f, lerr = text_loadfile(path)
      if not f then
        error(("error loading module '%s' from file '%s':\\n\\t%s"):format(module, path, lerr), 2)
      end
      return f, path
    end
    string.dump = nil
    -- A row view's user value keeps its layout (and the store's columns) alive; C reads the columns through
    -- it without re-checking on every field (rowview.c), so it may not be replaced.
    if debug and debug.setuservalue then
      local setuservalue, getregistry, getmetatable = debug.setuservalue, debug.getregistry, debug.getmetatable
      debug.setuservalue = function(u, ...)
        local mt = getmetatable(u)
        if mt ~= nil and mt == getregistry()["coexist.row"] then
          error("debug.setuservalue: row views cannot be changed", 2)
        end
        return setuservalue(u, ...)
      end
    end
    """

    func installTextChunks() {
        var code = Self.textChunksScript
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=textchunks") }
        }
        guard status == LUA_OK else { stack.pop(); return }
        _ = call(nresults: 0)
    }
}
