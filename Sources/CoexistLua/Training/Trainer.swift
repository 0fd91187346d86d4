import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The Swift side of the lesson runner (stdlib/trainer.lua): loads it into an engine, reads lesson files
/// (the shell reads them, so a lesson in $XDG_CONFIG_HOME loads under the sandbox, which lets scripts read
/// only the working directory), and calls the runner's functions. The runner and the lesson live in the
/// registry, out of reach of the trainee's globals.
public final class Trainer {
    public let engine: LuaEngine
    static let runnerKey = "coexist.trainer"
    static let lessonKey = "coexist.lesson"

    /// What the runner says after each call: the step to do next (1-based; past the last when finished),
    /// the skipped steps, whether the lesson is finished, whether the step is a question answered by a line.
    public struct Status: Equatable {
        public var step: Int
        public var skipped: [Int]
        public var finished: Bool
        public var question: Bool

        public init(step: Int, skipped: [Int], finished: Bool, question: Bool) {
            self.step = step
            self.skipped = skipped
            self.finished = finished
            self.question = question
        }
    }

    /// A lesson as listed: its file and metadata.
    public struct Info {
        public var title: String
        public var minutes: Int
        public var teaches: String
        public var steps: Int
    }

    public init(engine: LuaEngine, width: Int, color: Bool, write: @escaping (String) -> Void) throws {
        self.engine = engine
        guard let stdlib = engine.options.stdlibPath, let text = try? Self.readText(stdlib + "/trainer.lua") else {
            throw LuaError("the lesson runner (stdlib/trainer.lua) was not found; set COEXIST_STDLIB")
        }
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        var code = text
        let status = code.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { bridge_load(L, $0.baseAddress, $0.count, "@" + stdlib + "/trainer.lua") }
        }
        guard status == LUA_OK else { throw LuaError(engine.stack.string(at: -1) ?? "cannot load trainer.lua") }
        shim_newtable(L)
        HostFunction("write") { call in
            write(try call.string(1))
            return 0
        }.push(L)
        lua_setfield(L, -2, "write")
        HostFunction("line") { call in
            // Level 0 is this function, 1 the lesson{}/step{} helper, 2 the lesson file's chunk.
            var ar = lua_Debug()
            guard lua_getstack(call.L, 2, &ar) != 0, lua_getinfo(call.L, "l", &ar) != 0 else { return call.results(.integer(1)) }
            return call.results(.integer(Int64(max(1, ar.currentline))))
        }.push(L)
        lua_setfield(L, -2, "line")
        lua_pushinteger(L, lua_Integer(width))
        lua_setfield(L, -2, "width")
        lua_pushboolean(L, color ? 1 : 0)
        lua_setfield(L, -2, "color")
        if case .failure(let e) = engine.call(nargs: 1, nresults: 1) { throw e }
        lua_setfield(L, shim_registryindex(), Self.runnerKey)
    }

    /// The runner and the lessons, read through the one reader (`RegularFile`, a regular file only) but not
    /// the sandbox's read gate: their paths come from the shipped modules, the lesson catalogue or the
    /// trainer's command line, never from a trainee's script.
    static func readText(_ path: String) throws -> String {
        switch RegularFile.bytes(path) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure(let why): throw LuaError("cannot read lesson \(path): \(why)")
        }
    }

    /// Loads and validates a lesson file; it becomes the current lesson. Throws every problem, one per line,
    /// each naming the file and line.
    @discardableResult
    public func load(_ path: String) throws -> Info {
        let text = try Self.readText(path)
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try callRunner("load", [.string(path), .string(text)], results: 2)
        guard lua_type(L, -2) == LUA_TTABLE else { throw LuaError(engine.stack.string(at: -1) ?? "\(path): not a lesson") }
        lua_pushvalue(L, -2)
        lua_setfield(L, shim_registryindex(), Self.lessonKey)
        lua_settop(L, top)
        try callRunner("info", [], withLesson: true, results: 4)
        return Info(title: engine.stack.string(at: -4) ?? "", minutes: Int(lua_tointegerx(L, -3, nil)),
                    teaches: engine.stack.string(at: -2) ?? "", steps: Int(lua_tointegerx(L, -1, nil)))
    }

    /// Pushes `T[name]`, then the lesson when asked, then `args`; calls it; leaves `results` values.
    private func callRunner(_ name: String, _ args: [LuaValue], withLesson: Bool = false, results: Int32) throws {
        let L = engine.L
        lua_getfield(L, shim_registryindex(), Self.runnerKey)
        lua_getfield(L, -1, name)
        shim_remove(L, -2)
        if withLesson { lua_getfield(L, shim_registryindex(), Self.lessonKey) }
        for a in args { engine.stack.push(a) }
        if case .failure(let e) = engine.call(nargs: Int32(args.count) + (withLesson ? 1 : 0), nresults: results) { throw e }
    }

    private func status(_ name: String, _ args: [LuaValue] = [], withLesson: Bool = false) throws -> Status {
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try callRunner(name, args, withLesson: withLesson, results: 4)
        let skipped = (engine.stack.string(at: -3) ?? "").split(separator: ",").compactMap { Int($0) }
        return Status(step: Int(lua_tointegerx(L, -4, nil)), skipped: skipped,
                      finished: lua_toboolean(L, -2) != 0, question: lua_toboolean(L, -1) != 0)
    }

    /// Starts the current lesson at `step`, replaying the reference answers of the steps before it.
    public func start(name: String, at step: Int, skipped: [Int]) throws -> Status {
        try status("start", [.string(name), .integer(Int64(step)), .string(skipped.map(String.init).joined(separator: ","))], withLesson: true)
    }

    /// After a statement at the prompt; `answer` for a question step's typed line.
    public func after() throws -> Status { try status("after") }
    public func answer(_ line: String) throws -> Status { try status("answer", [.string(line)]) }
    /// `.hint`, `.task`, `.progress`, `.skip`.
    public func command(_ name: String) throws -> Status { try status(name) }
    public func stop() {
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try? callRunner("stop", [], results: 0)
    }

    /// `--check`: every step's reference answer then its check; the first failure, or nil.
    public func checkAll() throws -> String? {
        let L = engine.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try callRunner("check_all", [], withLesson: true, results: 1)
        return engine.stack.string(at: -1)
    }
}
