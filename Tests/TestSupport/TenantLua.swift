import CoexistKit
import CoexistLua

/// The harness over a 200-user demo tenant with the tenant bindings installed.
public final class TenantLua: LuaHarness {
    public init(sandbox: Bool = false) throws {
        try super.init(Workspace.demo(users: 200), sandbox: sandbox) { workspace, engine in
            TenantBinding.install(workspace, in: engine)
            CoexistenceBindings.install(workspace, in: engine)
        }
    }

    public var tenant: CoexistenceTenant { workspace.coexistence }

    public func integer(_ expression: String) throws -> Int64? { try value(expression).integerValue }

    public static func read(_ path: String) throws -> String { try TestFiles.read(path) }

    public static func temporaryPath(_ name: String) -> String { TestFiles.temporaryPath(name, prefix: "tenant") }
}
