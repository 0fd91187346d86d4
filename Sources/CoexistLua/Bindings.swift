import CoexistKit

/// Everything a session exposes to Lua over one workspace, in one place, so the shell and the tests
/// build exactly the same environment.
public enum Bindings {
    public static func install(_ workspace: Workspace, in engine: LuaEngine) {
        engine.clock = workspace.clock
        TenantBinding.install(workspace, in: engine)
        CallsBinding.install(engine, workspace)
        CoexistenceBindings.install(workspace, in: engine)
        CalibrationBinding.install(engine, workspace)
        WanBinding.install(engine, workspace)
        ReviewBinding.install(in: engine)
        ScenarioBinding.install(engine, workspace)
        PlanBinding.install(workspace, in: engine)
        ReviewBinding.documentStdlib(in: engine)
    }
}

extension LuaEngine {
    /// Runs stdlib/prelude.lua, when the stdlib was found.
    public func runPrelude() -> Result<Void, LuaError> {
        guard let stdlib = options.stdlibPath else { return .success(()) }
        return runFile(stdlib + "/" + StdlibLocator.marker)
    }
}
