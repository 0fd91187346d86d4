import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Owns one lua_State. Confined to the thread that made it (the main thread): the shell calls into it
/// line by line, with no hop through tasks or actors.
public final class LuaEngine {
    public let L: OpaquePointer
    public let options: LuaEngineOptions
    /// What this session may read and write (FileGate); host functions find it through the registry.
    public let files: FileGate
    /// Object types by metatable name, for help() and completion.
    public internal(set) var types: [String: LuaTypeDescription] = [:]
    /// One-line docs of globals by dotted name ("help", "string.format"), for help() and completion.
    public internal(set) var globalDocs: [String: String] = [:]
    /// What `tostring` of a result set renders with; the registry points at it (see RenderSettings).
    let renderSettings = RenderSettings()
    /// What `date()`, "today" and "-7d" read: the system clock until `Bindings.install` hands in the workspace's.
    public var clock: WorkspaceClock = .system
    /// The files `.output` and `.once` write into, by the path Lua has them open at, until committed.
    var redirected: [String: AtomicFile] = [:]
    /// Outputs whose write failure was already said, so a full disk is reported once, not per statement.
    var outputFailureReported: Set<String> = []

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreateState
        case startup(String)
        public var description: String {
            switch self {
            case .cannotCreateState: return "cannot create the Lua state (out of memory?)"
            case .startup(let m): return m
            }
        }
    }

    public init(_ options: LuaEngineOptions = LuaEngineOptions()) throws {
        self.options = options
        files = options.sandbox
            ? FileGate(sandboxed: true, writeDirectory: options.sandboxDirectory,
                       readRoots: [".", options.stdlibPath].compactMap { $0 })
            : .open
        guard let L = bridge_newstate(options.memoryLimit < 0 ? 0 : options.memoryLimit) else {
            throw Failure.cannotCreateState
        }
        self.L = L
        LuaClock.register(self)
        files.install(L)
        guard bridge_openlibs(L) == LUA_OK else { throw Failure.startup("cannot open the Lua libraries") }
        if let path = options.stdlibPath { setPackagePath(path) }
        renderSettings.install(L)
        registerType(LuaDateType.description)
        installBuiltins()
        installRedirection()
        try installTextChunks()
        if options.sandbox { try Sandbox.apply(self) }
    }

    deinit { bridge_close(L) }

    public var stack: LuaStack { LuaStack(L) }
    public var memoryUsed: Int { bridge_memory_used(L) }

    /// Runs the shell's own Lua work past the cap, within BRIDGE_RESERVE (see CLuaBridge.h): at the cap a
    /// session must still show a number, switch its output back and close its file.
    func withReserve<T>(_ body: () throws -> T) rethrows -> T {
        let was = bridge_reserve_enter(L)
        defer { bridge_reserve_leave(L, was) }
        return try body()
    }

    // MARK: globals

    /// Defines a global function (or `lib.fn` inside an existing or new global table).
    public func register(_ name: String, doc: String, _ body: @escaping HostFunction.Body) {
        let fn = HostFunction(name.split(separator: ".").last.map(String.init) ?? name, body)
        fn.push(L)
        setGlobal(path: name)
        globalDocs[name] = doc
    }

    /// Records a doc for a global that Lua or a module defined, so help() and completion can show it.
    public func document(_ name: String, _ doc: String) { globalDocs[name] = doc }

    /// Drops the docs of names that are not for users (helpers a binding removes again after setting up).
    public func forget(_ names: [String]) { for name in names { globalDocs[name] = nil } }

    public func registerType(_ type: LuaTypeDescription) { types[type.metatableName] = type }

    public func setGlobal(_ name: String, _ value: LuaValue) {
        stack.push(value)
        setGlobal(path: name)
    }

    /// Pops the top value into the global at a dotted path, creating tables on the way. Raw accesses only:
    /// a script's metatable on _G must not be able to raise through Swift.
    public func setGlobal(path: String) {
        let parts = path.split(separator: ".").map(String.init)
        shim_pushglobaltable(L)
        for part in parts.dropLast() {
            stack.push(part)
            if lua_rawget(L, -2) != LUA_TTABLE {
                stack.pop()
                shim_newtable(L)
                stack.push(part)
                lua_pushvalue(L, -2)
                lua_rawset(L, -4)
            }
            shim_remove(L, -2)
        }
        // stack: value, table
        stack.push(parts.last ?? path)
        lua_pushvalue(L, -3)
        lua_rawset(L, -3)
        stack.pop(2)
    }

    /// Pushes the value at a dotted global path (raw lookups only), or nil; returns its Lua type.
    @discardableResult
    /// Whether a global (or a dotted path) holds a value other than nil.
    public func hasGlobal(_ path: String) -> Bool {
        let type = pushGlobal(path: path)
        stack.pop()
        return type != LUA_TNIL
    }

    public func pushGlobal(path: String) -> Int32 {
        shim_pushglobaltable(L)
        for part in path.split(separator: ".") {
            guard lua_type(L, -1) == LUA_TTABLE else {
                stack.pop()
                lua_pushnil(L)
                return LUA_TNIL
            }
            stack.push(String(part))
            lua_rawget(L, -2)
            shim_remove(L, -2)
        }
        return lua_type(L, -1)
    }

    private func setPackagePath(_ stdlib: String) {
        pushGlobal(path: "package.path")
        let current = stack.string(at: -1) ?? ""
        stack.pop()
        stack.push("\(stdlib)/?.lua;\(stdlib)/?/init.lua;" + current)
        setGlobal(path: "package.path")
    }

    // MARK: calling

    /// Whether a Ctrl-C arrived during any call so far: a session run from the command line that stops on one
    /// exits 130 (128 + SIGINT), as a shell reports a command killed by it.
    public private(set) var wasInterrupted = false

    /// Calls the function below `nargs` arguments with Ctrl-C armed and a traceback on error.
    /// On success the results are on the stack (`nresults`, or all with LUA_MULTRET); on failure, nothing.
    public func call(nargs: Int32 = 0, nresults: Int32 = LUA_MULTRET) -> Result<Void, LuaError> {
        let outer = bridge_arm(L)
        let status = bridge_pcall_traceback(L, nargs, nresults)
        bridge_disarm(outer)
        if bridge_take_interrupt() != 0 { wasInterrupted = true }
        guard status == LUA_OK else {
            let message = stack.string(at: -1) ?? (status == LUA_ERRMEM ? "not enough memory" : "unknown error")
            stack.pop()
            return .failure(LuaError(message))
        }
        return .success(())
    }

    /// Loads and runs a chunk of text, discarding its results.
    public func run(_ code: String, chunkName: String) -> Result<Void, LuaError> {
        let top = stack.top
        var code = code
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "=" + chunkName) }
        }
        guard status == LUA_OK else {
            let message = stack.string(at: -1) ?? "cannot load \(chunkName)"
            stack.pop()
            return .failure(LuaError(message))
        }
        defer { lua_settop(L, top) }
        return call(nresults: 0)
    }

    /// Runs a script file as `lua FILE args...` does: `...` and the global `arg` hold the arguments.
    /// With `code`, runs that text (the file's text as the shell rewrote it) under the file's name.
    public func runFile(_ path: String, code: String? = nil, arguments: [String] = [], interpreter: String = "coexist") -> Result<Void, LuaError> {
        var table = LuaTable(array: arguments.map { .string($0) })
        table.fields = [(.integer(0), .string(path)), (.integer(-1), .string(interpreter))]
        setGlobal("arg", .table(table))
        let top = stack.top
        let status: Int32
        if var code {
            status = code.withUTF8 { buf in
                buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "@" + path) }
            }
        } else {
            status = bridge_loadfile(L, path)
        }
        guard status == LUA_OK else {
            let message = stack.string(at: -1) ?? "cannot open \(path)"
            stack.pop()
            return .failure(LuaError(message))
        }
        defer { lua_settop(L, top) }
        for a in arguments { stack.push(a) }
        return call(nargs: Int32(arguments.count), nresults: 0)
    }
}

extension LuaEngine {
    /// "Lua 5.4.4", from the library coexist was built against.
    public static var luaVersion: String { String(cString: shim_version()) }
}
