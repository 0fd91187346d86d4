import ArgumentParser
import CoexistKit
import CoexistLua
import CoexistShell
#if canImport(Glibc)
@preconcurrency import Glibc
import CLuaBridge
#endif

/// `coexist`: the command line. Parsing and wiring only; the work is in CoexistShell.
struct CoexistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coexist",
        abstract: "A Lua shell for planning and running the move from Skype for Business to Microsoft Teams.",
        usage: "coexist [options] [script.lua [args...]]",
        discussion: """
            With no script and no -e, opens the shell (libedit on a terminal; otherwise reads statements \
            from standard input, exiting 1 if any failed). A script gets its arguments in `arg`, as with lua.
            Files: $XDG_CONFIG_HOME/coexist/init.lua runs at start (skip with --norc); history is kept in \
            $XDG_STATE_HOME/coexist/history. NO_COLOR turns colour off. COEXIST_STDLIB overrides where \
            the shipped Lua modules are found. `coexist train` lists the guided lessons, `coexist train NAME` runs \
            one (sandboxed unless --no-sandbox; --sandbox-dir DIR as with --sandbox), `coexist train --check FILE` \
            tests a lesson file with its reference answers. `coexist FILE.db pull --tenant T --client-id ID --secret-env VAR` \
            fetches call records from Microsoft Graph into the workspace (`coexist pull --help`). COEXIST_NOW=2026-11-01 (or 2026-11-01T09:30Z) fixes the clock: \
            date(), "today", "-7d" and undated moves read it.
            """,
        version: Version.text)

    @Option(name: .customShort("e"), help: ArgumentHelp("Run CODE (repeatable); its values are printed.", valueName: "CODE"))
    var code: [String] = []

    @Flag(name: .customShort("i"), help: "Enter the shell after -e or a script.")
    var interactive = false

    @Flag(help: "For training rooms: no programs, no C modules, no file written (but in --sandbox-dir), reads only in the working directory, the sandbox directory and the shipped modules, no history file, few environment variables.")
    var sandbox = false

    @Option(name: .customLong("sandbox-dir"), help: ArgumentHelp("With --sandbox, the one directory scripts may write files into.", valueName: "DIR"))
    var sandboxDir: String?

    @Flag(help: "Do not run init.lua.")
    var norc = false

    @Flag(help: "Start with an empty tenant instead of the demo Contoso.")
    var empty = false

    @Option(name: .customLong("demo-size"), help: ArgumentHelp("People in the demo tenant.", valueName: "USERS"))
    var demoSize = 2_000

    @Option(name: .customLong("data"), help: ArgumentHelp("Load a folder of real files (streams CSV, Graph JSON, buildings.csv, users.csv) instead of the demo.", valueName: "DIR"))
    var data: String?

    @Option(name: .customLong("open"), help: ArgumentHelp("Open a workspace file (SQLite) instead of the demo; every change is saved to it as it happens (also `coexist FILE.db`).", valueName: "FILE"))
    var open: String?

    @Flag(help: "With --open (or FILE.db): look at the workspace without changing it or taking its lock.")
    var readonly = false

    @Option(help: ArgumentHelp("How results print: table, box, ascii, csv, tsv, json, markdown, line or html (as .mode).", valueName: "MODE"))
    var mode: String?

    @Flag(inversion: .prefixedNo, help: "Print column names (as .headers on|off).")
    var headers: Bool?

    @Option(help: ArgumentHelp("Elide the middle of results longer than N rows; 0 shows every row (as .maxrows).", valueName: "N"))
    var maxrows: Int?

    @Option(help: ArgumentHelp("Text for missing values in table, markdown, line and html modes (as .nullvalue).", valueName: "TEXT"))
    var nullvalue: String?

    @Flag(name: [.customShort("q"), .long], help: "No banner at the start of a terminal session.")
    var quiet = false

    @Option(name: .customLong("lua-memory"), help: ArgumentHelp("Cap Lua's memory (e.g. 512M, 4G; at least 1M; 0 for no cap).", valueName: "SIZE"))
    var luaMemory = ByteSize(bytes: 4 << 30)

    /// Options end at the first argument that is not an option (or after `--`): from there on everything is
    /// the script and its own arguments, as with `lua`, so `coexist s.lua -e x` passes `-e x` to the script.
    static func split(_ argv: [String]) -> (options: [String], script: [String]) {
        // `coexist FILE.db [options] [script]`: a workspace file first is `--open FILE.db`, and options may follow it.
        if let first = argv.first(where: { !$0.hasPrefix("-") }), first.lowercased().hasSuffix(".db"),
           let at = argv.firstIndex(of: first), !isOptionValue(argv, at) {
            var rest = argv
            rest.remove(at: at)
            let (options, script) = split(rest)
            return (["--open", first] + options, script)
        }
        let takesValue: Set<String> = ["-e", "--lua-memory", "--demo-size", "--data", "--open", "--sandbox-dir", "--mode", "--maxrows", "--nullvalue"]
        var i = 0
        while i < argv.count {
            let a = argv[i]
            if a == "--" { return (Array(argv[..<i]), Array(argv[(i + 1)...])) }
            guard a.hasPrefix("-") && a != "-" else { break }
            i += takesValue.contains(a) ? 2 : 1
        }
        i = min(i, argv.count)
        return (Array(argv[..<i]), Array(argv[i...]))
    }

    /// Whether argv[i] is the value of the option before it (`--data x.db`).
    static func isOptionValue(_ argv: [String], _ i: Int) -> Bool {
        i > 0 && ["-e", "--lua-memory", "--demo-size", "--data", "--open", "--sandbox-dir", "--mode", "--maxrows", "--nullvalue"].contains(argv[i - 1])
    }

    func validate() throws {
        if let dir = sandboxDir {
            guard sandbox else { throw ValidationError("--sandbox-dir needs --sandbox") }
            var st = stat()
            guard stat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                throw ValidationError("--sandbox-dir \(dir) is not a directory")
            }
        }
        if let mode, OutputMode(rawValue: mode.lowercased()) == nil {
            let names = OutputMode.allCases.map(\.rawValue)
            throw ValidationError("unknown --mode '\(mode)': use one of \(names.joined(separator: ", "))" + didYouMean(mode, names))
        }
        if readonly && open == nil {
            throw ValidationError("--readonly needs a workspace: --open FILE or FILE.db")
        }
        // An open workspace is written on every change; a sandboxed session writes nothing outside --sandbox-dir.
        if sandbox && open != nil && !readonly { throw ValidationError("--sandbox writes no workspace: open it with --readonly (or .open a copy inside --sandbox-dir)") }
        if open != nil && (data != nil || empty) { throw ValidationError("--open opens a workspace; it does not go with --data or --empty") }
        if let maxrows, maxrows < 0 { throw ValidationError("--maxrows must be 0 (every row) or more, not \(maxrows)") }
        guard demoSize >= 1 && demoSize <= 1_000_000 else {
            throw ValidationError("--demo-size must be between 1 and 1000000")
        }
        // A cap smaller than the session's own start-up needs failed inside Lua's set-up, outside any
        // protected call, and aborted the process: refuse it here instead ("64" is 64 bytes, not 64M).
        if luaMemory.bytes != 0 && luaMemory.bytes < ByteSize.smallestCap {
            throw ValidationError("--lua-memory \(luaMemory.bytes) bytes is below the smallest cap a session starts in (1M); write a unit (512M, 4G) or 0 for no cap")
        }
    }

    func sessionConfig(script: [String]) -> SessionConfig {
        var c = SessionConfig()
        c.evalChunks = code
        c.interactiveAfter = interactive
        c.sandbox = sandbox
        c.sandboxDirectory = sandboxDir
        c.noRC = norc
        c.luaMemory = luaMemory.bytes
        c.empty = empty
        c.demoUsers = demoSize
        c.dataDirectory = data
        c.mode = mode.flatMap { OutputMode(rawValue: $0.lowercased()) }
        c.headers = headers
        c.maxRows = maxrows
        c.nullValue = nullvalue
        c.quiet = quiet
        c.workspaceFile = open
        c.readOnly = readonly
        c.script = script.first
        c.scriptArguments = Array(script.dropFirst())
        return c
    }
}

/// A memory size on the command line: 4G, 512M, 64K or plain bytes.
struct ByteSize: ExpressibleByArgument {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    /// The smallest `--lua-memory` accepted: the standard libraries, the host types and the shell's Lua
    /// code take a few hundred kilobytes before the first statement runs.
    static let smallestCap = 1 << 20

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var text = argument.uppercased()
        if text.hasSuffix("B") && text.count > 1 { text.removeLast() }
        var scale = 1
        if let last = text.last, let unit = units[last] {
            scale = unit
            text.removeLast()
        }
        guard let n = Double(text), n >= 0, n * Double(scale) < 9e18 else { return nil }
        bytes = Int(n * Double(scale))
    }

    var defaultValueDescription: String { "4G" }
}

enum Version {
    static let number = "0.1.0"
    static var text: String { "coexist \(number) (\(LuaEngine.luaVersion))" }
}

setlocale(LC_CTYPE, "")
bridge_default_sigpipe()
let (options, script) = CoexistCommand.split(Array(CommandLine.arguments.dropFirst()))
let command: CoexistCommand
do {
    command = try CoexistCommand.parse(options)
} catch {
    if CoexistCommand.exitCode(for: error) == .success { CoexistCommand.exit(withError: error) }
    let message = CoexistCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
    fputs("coexist: \(message) (see 'coexist --help')\n", bridge_stderr())
    exit(2)
}
var config: SessionConfig
if script.first == "train" {
    // `coexist train [--check FILE] [--no-sandbox] [--sandbox-dir DIR] [NAME]`: lessons, sandboxed by default.
    config = command.sessionConfig(script: [])
    do { try TrainArguments.apply(Array(script.dropFirst()), to: &config) } catch {
        fputs("coexist train: \(error) (see 'coexist --help')\n", bridge_stderr())
        exit(2)
    }
} else if script.first == "pull" {
    // `coexist [FILE.db] pull [options]`: graph_pull{...} on the workspace the options before `pull` name.
    config = command.sessionConfig(script: [])
    do { try PullArguments.apply(Array(script.dropFirst()), to: &config) } catch {
        fputs("coexist pull: \(error) (see 'coexist pull --help')\n", bridge_stderr())
        exit(2)
    }
} else {
    config = command.sessionConfig(script: script)
}
// The one place the environment's "now" is read; the workspace and its Lua engine get it as their clock.
if let value = getenv("COEXIST_NOW").map({ String(cString: $0) }), !value.isEmpty {
    do {
        config.clock = try WorkspaceClock.fixed(parsing: value)
    } catch {
        fputs("coexist: COEXIST_NOW: \(error)\n", bridge_stderr())
        exit(2)
    }
}
exit(Session.run(config))
