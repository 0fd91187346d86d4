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
    /// A workspace file to open (`--open FILE`, `coexist FILE.db`), and whether only to look (`--readonly`).
    public var workspaceFile: String?
    public var readOnly = false
    /// The clock the workspace reads (`COEXIST_NOW`, read once by the executable); nil: the system clock, or
    /// the demo tenant's own day for the demo.
    public var clock: WorkspaceClock?
    /// `--mode`, `--headers`/`--no-headers`, `--maxrows`, `--nullvalue`: settings as the dot-commands make them.
    public var mode: OutputMode?
    public var headers: Bool?
    public var maxRows: Int?
    public var nullValue: String?
    /// `--quiet`: no banner at the start of a terminal session.
    public var quiet = false
    /// `coexist train ...`: list, run or check lessons (see `Training`).
    public var training: TrainingRequest?

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
        if let mode = config.mode { settings.render.mode = mode }
        if let headers = config.headers { settings.render.headers = headers }
        if let maxRows = config.maxRows { settings.render.maxRows = maxRows }
        if let nullValue = config.nullValue { settings.render.nullValue = nullValue }
        let shell = Shell(engine: engine, workspace: workspace, settings: settings)
        shell.completer.add(TenantCompletionSource(workspace))
        shell.completer.add(FileCompletionSource())
        shell.completer.add(CallsCompletionSource(workspace))
        bridge_install_sigint()

        if case .failure(let e) = engine.runPrelude() { shell.fail("coexist: " + e.message) }
        Training.install(shell, demoUsers: config.demoUsers)
        if let request = config.training {
            switch request {
            case .list:
                shell.write(Training.list(shell))
                return finish(engine, 0)
            case .check(let file):
                return finish(engine, Training.check(file, in: shell))
            case .start(let name):
                do { try Training.start(name, in: shell, demoUsers: config.demoUsers, fromPrompt: false) } catch {
                    shell.fail("coexist: \(error)")
                    return finish(engine, 1)
                }
            }
        }
        if config.training == nil && !config.noRC && access(XDGPaths.initFile, R_OK) == 0 {
            runStartupFile(XDGPaths.initFile, engine, shell)
        }

        for code in config.evalChunks {
            // Dot-commands at the start of a line run in order between the Lua parts, as sqlite3 takes them.
            for part in DotLines.parts(of: code) {
                switch part {
                case .lua(let lua, let firstLine):
                    if !shell.execute(lua, source: "(command line)", firstLine: firstLine) {
                        shell.report(engine.syntaxError(lua, chunkName: "(command line)"), source: "(command line)", firstLine: firstLine)
                    }
                case .command(let line, _):
                    if shell.runMeta(line) == .quit { return finish(engine, 0) }
                }
                // Stopped by Ctrl-C (`coexist pull` among them): 130, the status of a command SIGINT ended.
                if shell.hadError { return finish(engine, engine.wasInterrupted ? 130 : 1) }
            }
        }
        var status: Int32 = 0
        if let script = config.script {
            if case .failure(let e) = runScript(script, arguments: config.scriptArguments, engine) {
                shell.fail("coexist: " + e.message)
                status = engine.wasInterrupted ? 130 : 1
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
            if !config.quiet && config.training == nil { shell.write(banner(workspace)) }
            shell.loop(reader, interactive: true)
            return finish(engine, status)
        }
        shell.loop(StdioLineReader(), interactive: false)
        return finish(engine, shell.hadError ? 1 : status)
    }

    private static func runStartupFile(_ path: String, _ engine: LuaEngine, _ shell: Shell) {
        if case .failure(let e) = runScript(path, arguments: [], engine) { shell.fail("coexist: " + e.message) }
    }

    /// One line for a person at a terminal: what is loaded and where to start.
    static func banner(_ workspace: Workspace) -> String {
        let counts = workspace.counts.map { "\($0.value) \($0.label)" }.joined(separator: ", ")
        return "coexist: tenant \(workspace.name) (\(counts)). help() for the Lua API, .help for dot-commands.\n"
    }

    /// A script or init.lua: run as lua runs a file, but with its dot-command lines (`.mode csv`) turned into
    /// calls that run them in place, so a cron job chooses its output as a session at the prompt does.
    static func runScript(_ path: String, arguments: [String], _ engine: LuaEngine) -> Result<Void, LuaError> {
        guard var text = ScriptText.read(path), let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
        else { return engine.runFile(path, arguments: arguments) }
        // `#!` (or any '#') first line: lua skips it; keep it as an empty line so line numbers stay true.
        if first.hasPrefix("#") { text = String(text.dropFirst(first.count)) }
        guard let rewritten = DotLines.rewritingCommands(in: text) else { return engine.runFile(path, arguments: arguments) }
        return engine.runFile(path, code: rewritten, arguments: arguments)
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
