import Foundation
import Testing

/// Issue 10, item 8 and issue 12, item 1: the sandbox's write check lives in the one writer
/// (`ResultFiles.create`), so every path that writes a file is refused outside `--sandbox-dir` and allowed
/// inside it. One case per path (SandboxFileGateTests has the Lua io library's and the first few).
@Suite struct SandboxWritePathTests {
    func sandboxed(_ home: TestHome, _ statement: String, dir: String? = nil) throws -> PipedRun {
        try PipedRun(["--sandbox", "--demo-size", "20"] + (dir.map { ["--sandbox-dir", $0] } ?? []) + ["-e", statement], home: home)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// (statement writing into PATH, the files it writes)
    static let writers: [(String, [String])] = [
        ("calls:by('building'):summary():save('PATH/a.json')", ["a.json"]),
        ("calls:by('building'):summary():save('PATH/a.md')", ["a.md"]),
        ("calls:by('building'):summary():save('PATH/a.html')", ["a.html"]),
        ("calls:by('building'):summary():save('PATH/a.txt')", ["a.txt"]),
        ("review.report{title='t'}:save('PATH/r.md')", ["r.md"]),
        ("review.report{title='t'}:save('PATH/r.html')", ["r.html"]),
        ("review.report{title='t'}:save('PATH/r.txt')", ["r.txt"]),
        ("review.report{title='t'}:save('PATH/findings.json')", ["findings.json"]),
        ("cohort('Pilot'):powershell{path='PATH/wave.ps1'}", ["wave.ps1", "wave.csv", "wave.rollback.ps1", "wave.verify.ps1"]),
        ("changes:powershell{path='PATH/p.ps1', csv='PATH/elsewhere.csv'}", ["p.ps1", "elsewhere.csv", "p.rollback.ps1", "p.verify.ps1"]),
        ("save('PATH/w.db')", ["w.db"]),
        ("tenant:save('PATH/t.db')", ["t.db"]),
    ]

    @Test(arguments: writers.indices)
    func refusedOutsideTheSandboxDirectoryAndAllowedInside(_ i: Int) throws {
        let (statement, files) = Self.writers[i]
        let home = try TestHome()
        let dir = "\(home.root)/room"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let outside = try sandboxed(home, statement.replacingOccurrences(of: "PATH", with: home.root), dir: dir)
        #expect(outside.status == 1, "\(statement)")
        #expect(outside.stderr.contains("sandbox: '\(home.root)/"), "\(statement): \(outside.stderr)")
        let none = try sandboxed(home, statement.replacingOccurrences(of: "PATH", with: dir))
        #expect(none.stderr.contains("sandbox: writing files is disabled"), "\(statement): \(none.stderr)")
        for f in files {
            #expect(!exists("\(home.root)/\(f)") && !exists("\(dir)/\(f)"), "\(statement) wrote \(f)")
        }
        let inside = try sandboxed(home, statement.replacingOccurrences(of: "PATH", with: dir), dir: dir)
        #expect(inside.status == 0, "\(statement): \(inside.stderr)")
        for f in files { #expect(exists("\(dir)/\(f)"), "\(statement) did not write \(f) inside") }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(statement) left \(left)")
    }

    /// `.save FILE`, the dot-command, asks the same gate as save(path).
    @Test func dotSaveWritesOnlyIntoTheSandboxDirectory() throws {
        let home = try TestHome()
        let dir = "\(home.root)/room"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let outside = try PipedRun(["--sandbox", "--demo-size", "20", "--sandbox-dir", dir], input: ".save \(home.root)/w.db\n", home: home)
        #expect(outside.stderr.contains("sandbox: '\(home.root)/w.db'"), "\(outside.stderr)")
        #expect(!exists("\(home.root)/w.db"))
        let none = try PipedRun(["--sandbox", "--demo-size", "20"], input: ".save \(dir)/w.db\n", home: home)
        #expect(none.stderr.contains("sandbox: writing files is disabled"), "\(none.stderr)")
        #expect(!exists("\(dir)/w.db"))
        let inside = try PipedRun(["--sandbox", "--demo-size", "20", "--sandbox-dir", dir], input: ".save \(dir)/w.db\n", home: home)
        #expect(inside.stdout.contains("to \(dir)/w.db"), "\(inside.stderr)")
        #expect(exists("\(dir)/w.db"))
    }

    @Test func onceAndOutputWriteIntoTheSandboxDirectoryWhole() throws {
        let home = try TestHome()
        let dir = "\(home.root)/room"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let run = try PipedRun(["--sandbox", "--empty", "--sandbox-dir", dir],
                               input: ".once \(dir)/once.txt\nprint('once')\n.output \(dir)/out.txt\nprint('a')\nprint('b')\n", home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(home.read("\(dir)/once.txt") == "once\n")
        #expect(home.read("\(dir)/out.txt") == "a\nb\n", "committed when the session ends")
    }

    /// The history file asks the same gate: a sandboxed session writes it only when it lies in --sandbox-dir.
    @Test func theHistoryFileIsWrittenOnlyInsideTheSandboxDirectory() throws {
        let home = try TestHome()
        for dir in [nil, home.stateHome] {
            try? FileManager.default.removeItem(atPath: home.historyFile)
            try FileManager.default.createDirectory(atPath: home.stateHome + "/coexist", withIntermediateDirectories: true)
            let term = try dir.map { try home.terminal("--sandbox", "--sandbox-dir", $0) } ?? home.terminal("--sandbox")
            try term.waitForPrompt()
            term.type("print(40 + 2)")
            try term.waitFor("42\n")
            try term.waitForPrompt()
            term.send(PseudoTerminal.ctrlD)
            #expect(term.waitForExit() == 0)
            #expect(exists(home.historyFile) == (dir != nil), "sandbox dir \(dir ?? "none")")
        }
    }
}
