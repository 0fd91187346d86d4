import Foundation
import Testing

/// Issue 12, item 1: one read gate. Every file the product reads is opened by the one reader (CoexistKit's
/// `RegularFile`: a regular file only, bounded, read with pread), and every file a script or a user at the
/// prompt names passes the session's `FileGate` first (`checkRead`, or `readText`/`readBytes`, which are the
/// gate and the reader together), so `--sandbox` cannot be walked around by a reader that forgot to ask.
/// This reads the sources, as `OneWriterSourceTests` does for writes, and fails on any other way of opening a
/// file for reading, and on a script-facing file that reads through CoexistKit without asking the gate.
@Suite struct OneReaderSourceTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()
    static let sources = root.appendingPathComponent("Sources").path

    /// Ways of opening a file for reading, in Swift, C and the Lua the product ships or embeds.
    static let openers = [
        "fopen(", "O_RDONLY", "FileHandle(forReading", "FileHandle(forUpdating", "Data(contentsOf", "NSData(contentsOf",
        "String(contentsOf", "contentsOfFile:", ".contents(atPath", "InputStream(", "luaL_loadfile", "sqlite3_open",
        "H_LOAD", "io.open", "io.lines", "io.input", "dofile", "loadfile",
    ]

    /// The files allowed a raw open, each for a reason that keeps the gate whole.
    static let allowed: [String: String] = [
        "CoexistKit/Text/RegularFile.swift": "the one reader",
        "CoexistKit/Files/AtomicFile.swift": "opens a file's directory O_RDONLY only to fsync it after a rename; reads nothing",
        "CoexistKit/Workspace/File/WorkspaceFile.swift": "opens the workspace file only to flock it; SQLite reads it",
        "CoexistKit/Workspace/File/WorkspaceSave.swift": "opens the saved file and its directory only to fsync them",
        "CoexistKit/Workspace/File/SQLiteDatabase.swift": "SQLite reads workspace files itself; `.open` asks the gate, --open and --data are the command line",
        "CLuaBridge/state.c": "luaL_loadfilex, text only, for the script named on the command line; a script's own loadfile, dofile and require pass the gate in Sandbox.swift",
        "CoexistLua/LuaEngine.swift": "runFile: the script named on the command line (the trainer's, not a trainee's)",
        "CoexistLua/Sandbox.swift": "the read gate's Lua side: wraps io.open, io.lines, io.input, loadfile, dofile and require's searcher",
        "CoexistLua/OutputRedirection.swift": "opens only for writing, after ResultFiles.create asked the write gate",
        "CoexistLua/StandardLibraryDocs.swift": "help text of io.open and io.lines, no code",
        "CoexistLua/TextChunks.swift": "makes Lua's loadfile, dofile and require text-only; under --sandbox Sandbox.swift gates them on top",
        "CLuaBridge/include/CLuaBridge.h": "the declaration of bridge_loadfile (state.c)",
        "CoexistShell/FileCompletionSource.swift": "names of functions that take a path, for completion; opens nothing",
        "CoexistShell/EditLineReader.swift": "the history file: asked of the gate when the session starts (no history under --sandbox)",
        "CEditLine/shim.h": "libedit's history load, for EditLineReader",
    ]

    /// Readers in CoexistKit that read whatever path they are given.
    static let kitReaders = ["RegularFile.", "ImportSource.read", "UserFileText.read", "CallsFile.read", "Workspace.open"]
    /// What counts as asking the gate.
    static let gateCalls = ["checkRead", "readText(", "readBytes("]
    /// Script-facing files that read through CoexistKit without the gate, each with its reason.
    static let trustedReaders: [String: String] = [
        "CoexistLua/FileGate.swift": "the gate itself",
        "CoexistLua/Training/Trainer.swift": "the runner and lessons: paths from the stdlib, the lesson catalogue or the command line",
        "CoexistShell/ScriptText.swift": "the script named on the command line",
        "CoexistShell/DataDirectory.swift": "--data and --open: the command line",
        "CoexistLua/Calls/GraphPullBinding.swift": "graph_pull is refused under --sandbox; it reads back the pages it fetched",
    ]

    static func codeLines(_ relative: String, under base: String) throws -> [(Int, String)] {
        let text = try String(contentsOfFile: base + "/" + relative, encoding: .utf8)
        let comment = relative.hasSuffix(".lua") ? "--" : "//"
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { n, line in
            let code = line.components(separatedBy: comment).first ?? ""
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            // Doc comments and C comment lines say what a reader does; they open nothing.
            if trimmed.hasPrefix("*") || trimmed.hasPrefix("/*") || trimmed.isEmpty { return nil }
            return (n + 1, code)
        }
    }

    static func files(under base: String, suffixes: [String]) -> [String] {
        (FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? [])
            .filter { f in suffixes.contains { f.hasSuffix($0) } }.sorted()
    }

    /// The offending lines of `files` under `base`: a raw open outside the allowed files.
    static func rawOpens(_ files: [String], under base: String, allowed: [String: String]) throws -> [String] {
        var offenders: [String] = []
        for file in files where !file.hasPrefix("coexist-bench/") && allowed[file] == nil {
            for (n, code) in try codeLines(file, under: base) {
                if openers.contains(where: { code.contains($0) }) {
                    offenders.append("\(file):\(n): \(code.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        return offenders
    }

    @Test func nothingButTheReaderOpensAFileForReading() throws {
        let files = Self.files(under: Self.sources, suffixes: [".swift", ".c", ".h", ".cpp"])
        #expect(files.contains("CoexistKit/Text/RegularFile.swift"), "sources not found at \(Self.sources)")
        for file in Self.allowed.keys { #expect(files.contains(file), "allowed file \(file) is gone: drop it from the list") }
        let offenders = try Self.rawOpens(files, under: Self.sources, allowed: Self.allowed)
        #expect(offenders.isEmpty, "open these through RegularFile (and the gate, if a script names the path):\n\(offenders.joined(separator: "\n"))")
    }

    @Test func shippedLuaOpensNoFile() throws {
        let stdlib = Self.root.appendingPathComponent("stdlib").path
        let files = Self.files(under: stdlib, suffixes: [".lua"])
        #expect(files.contains("prelude.lua") || files.count > 5, "stdlib not found at \(stdlib)")
        let offenders = try Self.rawOpens(files, under: stdlib, allowed: [:])
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test func scriptFacingReadersAskTheGate() throws {
        var offenders: [String] = []
        for target in ["CoexistLua", "CoexistShell", "coexist"] {
            for file in Self.files(under: Self.sources + "/" + target, suffixes: [".swift"]) {
                let relative = target + "/" + file
                guard Self.trustedReaders[relative] == nil else { continue }
                let lines = try Self.codeLines(relative, under: Self.sources)
                let reads = lines.filter { _, code in Self.kitReaders.contains { code.contains($0) } }
                let asks = lines.contains { _, code in Self.gateCalls.contains { code.contains($0) } }
                if !reads.isEmpty && !asks {
                    offenders += reads.map { "\(relative):\($0.0): \($0.1.trimmingCharacters(in: .whitespaces))" }
                }
            }
        }
        #expect(offenders.isEmpty, "these read a path without asking the FileGate (checkRead):\n\(offenders.joined(separator: "\n"))")
    }

    /// The check bites: a raw read added to a copy of a gated file is found, and so is a Kit read without the gate.
    @Test func aNewRawReadIsCaught() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("one-reader-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("CoexistLua"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let probes = [
            "let t = try String(contentsOfFile: path, encoding: .utf8)",
            "let f = fopen(path, \"r\")",
            "let d = try Data(contentsOf: URL(fileURLWithPath: path))",
            "let fd = open(path, O_RDONLY)",
            "let h = FileHandle(forReadingAtPath: path)",
        ]
        for (i, probe) in probes.enumerated() {
            try "import Foundation\nfunc f(_ path: String) {\n    \(probe)\n}\n"
                .write(to: dir.appendingPathComponent("CoexistLua/Probe\(i).swift"), atomically: true, encoding: .utf8)
        }
        let files = Self.files(under: dir.path, suffixes: [".swift"])
        let found = try Self.rawOpens(files, under: dir.path, allowed: Self.allowed)
        #expect(found.count == probes.count, "\(found)")
        // A comment naming a reader is no read.
        try "// fopen(path, \"r\") is what this replaced\n".write(to: dir.appendingPathComponent("CoexistLua/Comment.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.rawOpens(["CoexistLua/Comment.swift"], under: dir.path, allowed: [:]).isEmpty)
    }
}
