import CLua
import CLuaBridge

/// Lua code is loaded as text only, in every session: a binary chunk is not verified by Lua, so forged
/// bytecode is arbitrary memory access (issue 12), and coexist scripts are text. `load`, `loadfile` and
/// `dofile` force mode "t", require's file searcher uses that loadfile, and `string.dump` is removed. Paths
/// that are not regular files are refused before Lua opens them (FileGate.kind), by `package.searchpath` too.
/// `debug.setuservalue` refuses row views, whose user values C trusts on the per-field path.
extension LuaEngine {
    static let textChunksScript = """
    local file_kind = ...
    local load, loadfile, select, error, type, tostring = load, loadfile, select, error, type, tostring
    local find, sub, concat = string.find, string.sub, table.concat
    -- A path that is a FIFO, a device, a directory or past 64 MiB is refused before Lua opens it: fopen of a
    -- FIFO waits for a writer forever and /dev/zero never ends (FileGate.kind). A number is a path, as in Lua.
    local function refusal(path)
      if type(path) == "number" then path = tostring(path) end
      if type(path) ~= "string" then return nil end
      local kind, why = file_kind(path)
      if kind == "refused" then return why end
      return nil
    end
    -- An explicit nil env would give the chunk a nil _ENV, so pass env only when the caller did.
    _G.load = function(chunk, name, mode, ...)
      if select("#", ...) > 0 then return load(chunk, name, "t", ...) end
      return load(chunk, name, "t")
    end
    _G.loadfile = function(path, mode, ...)
      local why = refusal(path)
      if why then return nil, why end
      if select("#", ...) > 0 then return loadfile(path, "t", ...) end
      return loadfile(path, "t")
    end
    _G.dofile = function(path)
      local f, err = _G.loadfile(path)
      if not f then error(err, 2) end
      return f()
    end
    -- Lua's searchpath takes the first name fopen opens, which waits forever on a FIFO and accepts a
    -- directory; this one takes the first readable regular file and says why it passed over the others.
    local function plain_replace(s, what, with)
      local parts, i = {}, 1
      while true do
        local a, b = find(s, what, i, true)
        if not a then parts[#parts + 1] = sub(s, i) break end
        parts[#parts + 1] = sub(s, i, a - 1)
        parts[#parts + 1] = with
        i = b + 1
      end
      return concat(parts)
    end
    local function checkstring(v, n, fname)
      if type(v) == "number" then return tostring(v) end
      if type(v) ~= "string" then
        error(("bad argument #%d to '%s' (string expected, got %s)"):format(n, fname, v == nil and "no value" or type(v)), 3)
      end
      return v
    end
    local function searchpath(name, path, sep, rep)
      name, path = checkstring(name, 1, "searchpath"), checkstring(path, 2, "searchpath")
      sep = sep == nil and "." or checkstring(sep, 3, "searchpath")
      rep = rep == nil and "/" or checkstring(rep, 4, "searchpath")
      if sep ~= "" then name = plain_replace(name, sep, rep) end
      local tried = {}
      for template in (path .. ";"):gmatch("([^;]*);") do
        local filename = plain_replace(template, "?", name)
        local kind, why = file_kind(filename)
        if kind == "readable" then return filename end
        tried[#tried + 1] = "no file '" .. filename .. "'" .. (why and (" (" .. why .. ")") or "")
      end
      return nil, concat(tried, "\\n\\t")
    end
    package.searchpath = searchpath
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

    /// Start-up fails loudly when the guard does not load or run: a session without it would load binary chunks.
    func installTextChunks() throws {
        var code = Self.textChunksScript
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=textchunks") }
        }
        guard status == LUA_OK else {
            let message = stack.string(at: -1) ?? "?"
            stack.pop()
            throw Failure.startup("cannot install the text-only chunk guard: \(message)")
        }
        HostFunction("file_kind") { call in
            switch FileGate.kind(of: try call.string(1)) {
            case .readable: return call.results(.string("readable"))
            case .missing: return call.results(.string("missing"))
            case .refused(let why): return call.results(.string("refused"), .string(why))
            }
        }.push(L)
        if case .failure(let e) = call(nargs: 1, nresults: 0) {
            throw Failure.startup("cannot install the text-only chunk guard: \(e.message)")
        }
    }
}
