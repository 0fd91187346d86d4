import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What the command line asked for.
public struct SessionConfig {
    public var evalChunks: [String] = []
    public var interactiveAfter = false
    public var sandbox = false
    /// `--sandbox-dir`: the one directory a sandboxed session may write into.
    public var sandboxDirectory: String?
    public var noRC = false
    public var luaMemory = 4 << 30
    public var script: String?
    public var scriptArguments: [String] = []
    /// Start with an empty tenant instead of the demo.
    public var empty = false
    /// How many people the demo tenant has.
    public var demoUsers = DemoPeople.defaultUserCount
    /// A folder of real files to load instead of the demo (`--data DIR`, see `DataDirectory`).
    public var dataDirectory: String?
    /// The clock the workspace reads (`COEXIST_NOW`, read once by the executable); nil: the system clock, or
    /// the demo tenant's own day for the demo.
    public var clock: WorkspaceClock?

    public init() {}
}

/// Wires one run of coexist together: engine, tenant, prelude, init.lua, -e chunks, a script, the shell.
public enum Session {
    public static func run(_ config: SessionConfig) -> Int32 {
        let color = getenv("NO_COLOR") == nil
        let engine: LuaEngine
        do {
            engine = try LuaEngine(LuaEngineOptions(memoryLimit: config.luaMemory, sandbox: config.sandbox,
                                                    sandboxDirectory: config.sandboxDirectory))
        } catch {
            fputs("coexist: \(error)\n", bridge_stderr())
            return 1
        }
        guard let workspace = DataDirectory.workspace(for: config) else { return 1 }
        Bindings.install(workspace, in: engine)
        var settings = ShellSettings()
        settings.color = color
        let shell = Shell(engine: engine, workspace: workspace, settings: settings)
        shell.completer.add(TenantCompletionSource(workspace))
        shell.completer.add(CallsCompletionSource(workspace))
        bridge_install_sigint()

        if case .failure(let e) = engine.runPrelude() { shell.fail("coexist: " + e.message) }
        if !config.noRC && access(XDGPaths.initFile, R_OK) == 0 {
            runStartupFile(XDGPaths.initFile, engine, shell)
        }

        for code in config.evalChunks {
            if !shell.execute(code, source: "(command line)") {
                shell.report(engine.syntaxError(code, chunkName: "(command line)"), source: "(command line)", firstLine: 1)
            }
            if shell.hadError { return finish(engine, 1) }
        }
        var status: Int32 = 0
        if let script = config.script {
            if case .failure(let e) = engine.runFile(script, arguments: config.scriptArguments) {
                shell.fail("coexist: " + e.message)
                status = 1
            }
            if !config.interactiveAfter { return finish(engine, status) }
        }
        guard config.script == nil && config.evalChunks.isEmpty || config.interactiveAfter else {
            return finish(engine, status)
        }
        if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0,
           // The write gate decides the history file too: a sandboxed session writes none (the room shares the
           // trainer's account) unless it lies in --sandbox-dir.
           let reader = EditLineReader(completer: shell.completer,
                                       historyPath: (try? engine.files.checkWrite(XDGPaths.historyFile)) == nil ? nil : XDGPaths.historyFile) {
            shell.loop(reader, interactive: true)
            return finish(engine, status)
        }
        shell.loop(StdioLineReader(), interactive: false)
        return finish(engine, shell.hadError ? 1 : status)
    }

    private static func runStartupFile(_ path: String, _ engine: LuaEngine, _ shell: Shell) {
        if case .failure(let e) = engine.runFile(path) { shell.fail("coexist: " + e.message) }
    }

    /// A failed write of the output (a full disk, `.output /dev/full`) fails the run: nothing is lost quietly.
    private static func finish(_ engine: LuaEngine, _ status: Int32) -> Int32 {
        var status = status
        for failure in engine.closeOutputs() {
            fputs("coexist: \(failure)\n", bridge_stderr())
            status = 1
        }
        return status
    }
}
