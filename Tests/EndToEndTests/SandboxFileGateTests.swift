import Foundation
import Testing

/// Issue 12, item 1: `--sandbox` holds for a room of trainees. Every path that writes a file is refused
/// outside `--sandbox-dir`, reads stay in the working directory, the sandbox directory and the shipped
/// modules, no binary chunk loads, and the environment is hidden. One test per way of touching a file.
@Suite struct SandboxFileGateTests {
    /// A sandboxed run in the home directory (its working directory), optionally with a sandbox directory.
    func sandboxed(_ home: TestHome, _ code: [String] = [], input: String = "", dir: String? = nil) throws -> PipedRun {
        try PipedRun(["--sandbox", "--demo-size", "20"] + (dir.map { ["--sandbox-dir", $0] } ?? [])
                     + code.flatMap { ["-e", $0] }, input: input, home: home)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func room(_ home: TestHome) throws -> String {
        let dir = "\(home.root)/room"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func outputAndOnceCannotWriteTheRcFile() throws {
        let home = try TestHome()
        _ = try home.write("-- the trainer's own\n", to: home.initFile)
        let run = try sandboxed(home, input: ".output \(home.initFile)\nprint('os.execute(\"x\")')\n.once \(home.initFile)\nprint(2)\n")
        #expect(run.stderr.contains("sandbox: writing files is disabled ('\(home.initFile)')"))
        #expect(home.read(home.initFile) == "-- the trainer's own\n")
        #expect(run.stdout.contains("os.execute"), "the output stays on stdout")
    }

    @Test func outputGoesIntoTheSandboxDirectoryOnly() throws {
        let home = try TestHome()
        let dir = try room(home)
        let run = try sandboxed(home, input: ".output \(dir)/out.txt\nprint('inside')\n.output\n.once \(home.root)/escape.txt\nprint(1)\n", dir: dir)
        #expect(home.read("\(dir)/out.txt") == "inside\n")
        #expect(!exists("\(home.root)/escape.txt"))
        #expect(run.stderr.contains("is outside the sandbox directory"))
    }

    /// (statement writing to PATH, the files it writes)
    static let writers: [(String, [String])] = [
        ("calls:poor():summary():save('PATH/a.csv')", ["a.csv"]),
        ("calls:to_csv('PATH/streams.csv')", ["streams.csv"]),
        ("changes:powershell{path='PATH/plan.ps1'}", ["plan.ps1", "plan.csv", "plan.rollback.ps1", "plan.verify.ps1"]),
        ("local f = assert(io.open('PATH/io.txt', 'w')); f:write('x'); f:close()", ["io.txt"]),
        ("assert(io.open('PATH/append.txt', 'a')):close()", ["append.txt"]),
        ("io.output('PATH/out.txt'); io.write('x'); io.close()", ["out.txt"]),
    ]

    @Test(arguments: writers.indices)
    func everyWriterIsRefusedOutsideAndAllowedInside(_ i: Int) throws {
        let (statement, files) = Self.writers[i]
        let home = try TestHome()
        let dir = try room(home)
        let outside = try sandboxed(home, [statement.replacingOccurrences(of: "PATH", with: home.root)], dir: dir)
        #expect(outside.status == 1, "\(statement)")
        #expect(outside.stderr.contains("sandbox: '\(home.root)/"), "\(statement): \(outside.stderr)")
        for f in files { #expect(!exists("\(home.root)/\(f)"), "\(statement) wrote \(f) outside") }
        let none = try sandboxed(home, [statement.replacingOccurrences(of: "PATH", with: dir)])
        #expect(none.stderr.contains("sandbox: writing files is disabled"), "\(statement): \(none.stderr)")
        for f in files { #expect(!exists("\(dir)/\(f)"), "\(statement) wrote \(f) with no sandbox directory") }
        let inside = try sandboxed(home, [statement.replacingOccurrences(of: "PATH", with: dir)], dir: dir)
        #expect(inside.status == 0, "\(statement): \(inside.stderr)")
        for f in files { #expect(exists("\(dir)/\(f)"), "\(statement) did not write \(f) inside") }
    }

    @Test func dotDotAndSymbolicLinksDoNotLeadOut() throws {
        let home = try TestHome()
        let dir = try room(home)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link", withDestinationPath: "\(home.root)/target.txt")
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/up", withDestinationPath: home.root)
        for path in ["\(dir)/../dotdot.txt", "\(dir)/link", "\(dir)/up/through.txt"] {
            let run = try sandboxed(home, ["assert(io.open('\(path)', 'w')):close()"], dir: dir)
            #expect(run.status == 1, "\(path)")
            #expect(run.stderr.contains("is outside the sandbox directory"), "\(path): \(run.stderr)")
        }
        for f in ["dotdot.txt", "target.txt", "through.txt"] { #expect(!exists("\(home.root)/\(f)")) }
    }

    /// Every way a script reads a file, pointed at PATH.
    static let readers = ["io.open('PATH')", "io.lines('PATH')", "io.input('PATH')", "dofile('PATH')", "loadfile('PATH')",
                          "import_buildings('PATH')", "import_devices('PATH')", "import_calls('PATH')"]

    @Test(arguments: readers)
    func readsOutsideTheRoomAreRefused(_ reader: String) throws {
        let home = try TestHome()
        for secret in ["/etc/passwd", "/etc/shadow"] {
            let run = try sandboxed(home, [reader.replacingOccurrences(of: "PATH", with: secret)])
            #expect(run.status == 1)
            #expect(run.stderr.contains("sandbox: reading '\(secret)' is not allowed"), "\(reader): \(run.stderr)")
            #expect(!run.stderr.contains("root:"))
        }
    }

    @Test func requireAndDotReadCannotReachEtc() throws {
        let home = try TestHome()
        let required = try sandboxed(home, ["package.path = '/etc/?'; require('passwd')"])
        #expect(required.stderr.contains("sandbox: reading '/etc/passwd' is not allowed"), "\(required.stderr)")
        let read = try sandboxed(home, input: ".read /etc/passwd\n")
        #expect(read.stderr.contains("sandbox: reading '/etc/passwd' is not allowed"))
        #expect(!read.stderr.contains("root:"))
    }

    @Test func theWorkingDirectoryAndTheModulesStillRead() throws {
        let home = try TestHome()
        _ = try home.write("return 'local module'\n", to: "mine.lua")
        _ = try home.write("print('read by .read')\n", to: "lesson.lua")
        let run = try sandboxed(home, ["print(require('mine'), type(require('qer')), io.open('mine.lua'):read('l'))"],
                                input: "")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutLines == ["local module\ttable\treturn 'local module'"])
        let read = try sandboxed(home, input: ".read lesson.lua\n")
        #expect(read.stdoutLines == ["read by .read"], "\(read.stderr)")
    }

    @Test func noBinaryChunkLoadsInAnySession() throws {
        let home = try TestHome()
        // A forged chunk header: what string.dump would have made, written without it.
        let chunk = "\u{1B}Lua\u{54}\u{00}\u{19}\u{93}\r\n\u{1A}\n"
        let path = "\(home.root)/forged.luac"
        try Data(chunk.utf8).write(to: URL(fileURLWithPath: path))
        _ = try home.write("return 1\n", to: "ok.lua")
        for flags in [["--sandbox"], []] {
            for loader in ["dofile('forged.luac')", "assert(loadfile('forged.luac'))",
                           "package.path = './?.luac'; require('forged')", "assert(load(io.open('forged.luac'):read('a')))"] {
                let run = try PipedRun(flags + ["--empty", "-e", loader], home: home)
                #expect(run.status == 1 && !run.signalled, "\(flags) \(loader)")
                #expect(run.stderr.contains("attempt to load a binary chunk (mode is 't')"), "\(flags) \(loader): \(run.stderr)")
            }
            let dump = try PipedRun(flags + ["--empty", "-e", "print(string.dump, dofile('ok.lua'))"], home: home)
            #expect(dump.stdoutLines == ["nil\t1"], "\(flags): \(dump.stderr)")
        }
    }

    @Test func theEnvironmentIsHiddenButForAFew() throws {
        let home = try TestHome()
        let code = "print(os.getenv('HOME'), os.getenv('PATH'), os.getenv('XDG_CONFIG_HOME'), os.getenv('NO_COLOR'), os.getenv('TERM'), os.getenv('LANG'))"
        let sandboxed = try self.sandboxed(home, [code])
        #expect(sandboxed.stdoutLines == ["nil\tnil\tnil\t1\txterm\tC.UTF-8"])
        let open = try PipedRun(["--empty", "-e", code], home: home)
        #expect(open.stdoutLines.first?.hasPrefix(home.root) == true)
    }

    @Test func anInteractiveSandboxedSessionWritesNoHistory() throws {
        let home = try TestHome()
        let term = try home.terminal("--sandbox")
        try term.waitForPrompt()
        term.type(#"print("typed-" .. "in-the-room")"#)
        try term.waitFor("typed-in-the-room\n")
        try term.waitForPrompt()
        term.send(PseudoTerminal.ctrlD)
        #expect(term.waitForExit() == 0)
        #expect(!exists(home.historyFile))
    }

    @Test func sandboxDirNeedsSandboxAndADirectory() throws {
        let home = try TestHome()
        let alone = try PipedRun(["--sandbox-dir", home.root, "-e", "1"], home: home)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--sandbox-dir needs --sandbox"))
        let file = try home.write("x", to: "file.txt")
        let notDir = try PipedRun(["--sandbox", "--sandbox-dir", file, "-e", "1"], home: home)
        #expect(notDir.status == 2)
        #expect(notDir.stderr.contains("is not a directory"))
    }
}
