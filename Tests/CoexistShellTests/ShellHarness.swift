@testable import CoexistLua
@testable import CoexistShell
import CoexistKit

/// Feeds lines to a shell as if typed and captures what it printed (through `.output` to a temp file).
final class ScriptedReader: LineReader {
    var lines: [String]
    var remembered: [String] = []
    init(_ lines: [String]) { self.lines = lines }
    func read(prompt: String) -> LineInput { lines.isEmpty ? .endOfInput : .line(lines.removeFirst()) }
    func remember(_ entry: String) { remembered.append(entry) }
}

struct ShellRun {
    var output: String
    var hadError: Bool
    var completed: Bool
    var remembered: [String]
}

func tempPath(_ name: String) -> String { TestFiles.temporaryPath(inDirectory: name) }

func readFile(_ path: String) -> String? { try? TestFiles.read(path) }

/// A shell over the shared harness: a 50-user demo tenant with the tenant bindings.
func makeShell(sandbox: Bool = false) throws -> Shell {
    let lua = try LuaHarness(Workspace.demo(users: 50), sandbox: sandbox) { TenantBinding.install($0, in: $1) }
    return Shell(engine: lua.engine, workspace: lua.workspace)
}

/// Runs the lines through the shell's loop as piped input and returns what it printed.
func runShell(_ lines: [String], shell: Shell? = nil, name: String = #function) throws -> ShellRun {
    let shell = try shell ?? makeShell()
    let capture = tempPath("out-\(name.filter(\.isLetter)).txt")
    try shell.engine.redirectOutput(to: capture)
    let reader = ScriptedReader(lines)
    let completed = shell.loop(reader, interactive: false)
    try shell.engine.redirectOutput(to: nil)
    return ShellRun(output: readFile(capture) ?? "", hadError: shell.hadError, completed: completed,
                    remembered: reader.remembered)
}
