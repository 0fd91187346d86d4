@preconcurrency import Glibc
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

func tempPath(_ name: String) -> String {
    let dir = "/tmp/coexist-tests-\(getpid())"
    mkdir(dir, 0o755)
    return dir + "/" + name
}

func readFile(_ path: String) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n == 0 { break }
        bytes += buffer[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

func makeShell(sandbox: Bool = false) throws -> Shell {
    let engine = try LuaEngine(LuaEngineOptions(sandbox: sandbox, stdlibPath: nil))
    let workspace = Workspace.demo(users: 50)
    TenantBinding.install(workspace, in: engine)
    return Shell(engine: engine, workspace: workspace)
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
