import CoexistKit
import CoexistLua

/// The one Lua harness of the test targets: a real engine bound to a workspace (by default with every
/// binding, as the shell makes one), and ways to run chunks and read what they return, raise or print.
/// `TenantLua`, `CallsLua` and the shell and review harnesses are this with a particular workspace.
open class LuaHarness {
    public let engine: LuaEngine
    public let workspace: Workspace

    public struct Failed: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `install` binds the workspace into the engine; the default is everything the shell installs.
    public init(_ workspace: Workspace, sandbox: Bool = false, stdlibPath: String? = nil,
                install: (Workspace, LuaEngine) -> Void = { Bindings.install($0, in: $1) }) throws {
        engine = try LuaEngine(LuaEngineOptions(sandbox: sandbox, stdlibPath: stdlibPath))
        self.workspace = workspace
        install(workspace, engine)
    }

    /// Runs a chunk; throws its Lua error.
    public func run(_ code: String) throws {
        if case .failure(let e) = engine.run(code, chunkName: "test") { throw Failed(description: e.message) }
    }

    /// The value of a Lua expression.
    public func value(_ expression: String) throws -> LuaValue {
        try run("_result = (\(expression))")
        _ = engine.pushGlobal(path: "_result")
        defer { engine.stack.pop() }
        return engine.stack.value(at: -1)
    }

    public func string(_ expression: String) throws -> String? { try value(expression).stringValue }
    public func text(_ expression: String) throws -> String? { try string("tostring(\(expression))") }

    /// The message of the error a chunk raises, or nil when it runs.
    public func error(_ code: String) -> String? {
        if case .failure(let e) = engine.run(code, chunkName: "test") { return e.message }
        return nil
    }

    /// The result set a Lua expression returns.
    public func resultSet(_ expression: String) throws -> ResultSet {
        try run("_result = (\(expression))")
        _ = engine.pushGlobal(path: "_result")
        defer { engine.stack.pop() }
        guard let box = ResultSetBinding.type.object(at: -1, engine.L) else { throw Failed(description: "\(expression) is not a result set") }
        return box.resultSet
    }

    /// What the prompt would show for a line: its values as the shell displays them.
    @discardableResult
    public func displays(_ code: String) throws -> [LuaDisplay] {
        switch engine.evaluate(code) {
        case .values(let v): return v
        case .failure(let e): throw e
        case .incomplete: throw Failed(description: "incomplete: \(code)")
        }
    }

    /// What a chunk prints.
    public func output(_ code: String) throws -> String {
        let path = TestFiles.temporaryPath("out-\(UInt64.random(in: 0...UInt64.max)).txt")
        try engine.redirectOutput(to: path)
        let failure = error(code)
        try engine.redirectOutput(to: nil)
        if let failure { throw Failed(description: failure) }
        return try TestFiles.read(path)
    }
}
