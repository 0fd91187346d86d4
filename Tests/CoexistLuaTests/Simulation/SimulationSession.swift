@preconcurrency import Glibc
import CoexistKit
@testable import CoexistLua

/// A session like the shell's (every binding, the shipped stdlib with its scenarios) over a workspace.
final class SimulationSession {
    let lua: LuaEngine
    let workspace: Workspace

    static var stdlib: String {
        var path = #filePath
        for _ in 0..<4 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/stdlib"
    }

    init(_ workspace: Workspace = .demo(users: 300)) throws {
        self.workspace = workspace
        lua = try LuaEngine(LuaEngineOptions(stdlibPath: SimulationSession.stdlib))
        Bindings.install(workspace, in: lua)
        if case .failure(let e) = lua.runPrelude() { throw e }
    }

    struct Failed: Error, CustomStringConvertible { var description: String }

    func run(_ code: String) throws {
        if case .failure(let e) = lua.run(code, chunkName: "test") { throw Failed(description: e.message) }
    }

    func error(_ code: String) -> String? {
        if case .failure(let e) = lua.run(code, chunkName: "test") { return e.message }
        return nil
    }

    func value(_ expression: String) throws -> LuaValue {
        try run("_result = (\(expression))")
        lua.pushGlobal(path: "_result")
        defer { lua.stack.pop() }
        return lua.stack.value(at: -1)
    }

    func text(_ expression: String) throws -> String { try value("tostring(\(expression))").stringValue ?? "" }

    /// What a chunk prints.
    func output(_ code: String) throws -> String {
        let path = "/tmp/coexist-sim-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).txt"
        try lua.redirectOutput(to: path)
        let failure = error(code)
        try lua.redirectOutput(to: nil)
        defer { unlink(path) }
        if let failure { throw Failed(description: failure) }
        return try TenantLua.read(path)
    }
}
