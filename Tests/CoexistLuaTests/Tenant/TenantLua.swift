@preconcurrency import Glibc
import CoexistKit
@testable import CoexistLua

/// A real engine over a 200-user demo tenant with the tenant bindings installed, and ways to read Lua results.
final class TenantLua {
    let engine: LuaEngine
    let workspace: Workspace

    init(sandbox: Bool = false) throws {
        engine = try LuaEngine(LuaEngineOptions(sandbox: sandbox, stdlibPath: nil))
        workspace = Workspace.demo(users: 200)
        TenantBinding.install(workspace, in: engine)
        CoexistenceBindings.install(workspace, in: engine)
    }

    var tenant: CoexistenceTenant { workspace.coexistence }

    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Runs a chunk; throws its Lua error.
    func run(_ code: String) throws {
        if case .failure(let e) = engine.run(code, chunkName: "test") { throw Failed(description: e.message) }
    }

    /// The value of a Lua expression.
    func value(_ expression: String) throws -> LuaValue {
        try run("_result = (\(expression))")
        engine.pushGlobal(path: "_result")
        defer { engine.stack.pop() }
        return engine.stack.value(at: -1)
    }

    func string(_ expression: String) throws -> String? { try value(expression).stringValue }
    func integer(_ expression: String) throws -> Int64? { try value(expression).integerValue }
    func text(_ expression: String) throws -> String? { try string("tostring(\(expression))") }

    /// The message of the error a chunk raises, or nil when it runs.
    func error(_ code: String) -> String? {
        if case .failure(let e) = engine.run(code, chunkName: "test") { return e.message }
        return nil
    }

    /// What a chunk prints.
    func output(_ code: String) throws -> String {
        let path = TenantLua.temporaryPath("out-\(UInt64.random(in: 0...UInt64.max)).txt")
        try engine.redirectOutput(to: path)
        let failure = error(code)
        try engine.redirectOutput(to: nil)
        if let failure { throw Failed(description: failure) }
        return try TenantLua.read(path)
    }

    static func read(_ path: String) throws -> String {
        guard let f = fopen(path, "rb") else { throw Failed(description: "cannot read \(path)") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func temporaryPath(_ name: String) -> String { "/tmp/coexist-tenant-\(getpid())-\(name)" }
}
