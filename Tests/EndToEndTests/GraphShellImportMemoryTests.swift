import Foundation
import Testing

/// Issue 18 item 1 from where users run it: `import_calls("PAGE.json")` in the shell stays under the store
/// plus 64 MB. `GraphImportMemoryTests` measures the importer alone (coexist-bench); this measures the real
/// `coexist`, whose `import_calls` once loaded the whole file to stamp it for the journal (a 217 MB file cost
/// 217 MB more than the importer did).
///
/// The bound: peak RSS of the shell after the import <= its peak with an empty tenant doing nothing (the
/// Swift and Lua runtimes, libedit, the stdlib: measured here, in the same run, as it varies with the build)
/// + the store's columns after the import (as `coexist-bench graph-import` reports them for the same file)
/// + 64 MB (the slack for a batch of records and a piece of the file).
@Suite("import_calls from the shell: peak memory of 100,000 Graph records", .serialized)
struct GraphShellImportMemoryTests {
    /// The shell's VmHWM (/proc/PID/status; not ru_maxrss, which Linux carries over exec from the test runner)
    /// once `code` has run: the code ends by saying "ready" and waiting for a line, so the process is alive
    /// when its status is read, and exits when the line comes.
    static func peakAfter(_ code: String, home: TestHome) throws -> (peak: Int, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CoexistBinary.path)
        process.arguments = ["--empty", "--norc", "-e", code + "; io.write('ready\\n'); io.flush(); io.read('l')"]
        process.environment = home.environment(path: nil)
        process.currentDirectoryURL = URL(fileURLWithPath: home.root)
        let stdin = Pipe(), stdout = Pipe()
        let errPath = "\(home.root)/.peak-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = err
        try process.run()
        try? err.close()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        // Read until "ready" (or the end: the code failed), then the peak, then let it go.
        var out = Data()
        let reader = stdout.fileHandleForReading
        while !String(decoding: out, as: UTF8.self).contains("ready\n") {
            let piece = reader.availableData
            if piece.isEmpty { break }
            out.append(piece)
        }
        var peak = -1
        if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                peak = (Int(line.dropFirst(6).split(whereSeparator: \.isWhitespace).first ?? "") ?? -1) * 1024
            }
        }
        stdin.fileHandleForWriting.write(Data("\n".utf8))
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (peak, String(decoding: out, as: UTF8.self), stderr)
    }

    @Test("import_calls of 100,000 records as one page and as JSON Lines: peak RSS at most baseline + store + 64 MB",
          .disabled(if: GraphImportMemoryTests.underAddressSanitizer, "ASan's shadow memory and quarantine make RSS say nothing about the importer"))
    func boundedFromTheShell() throws {
        let bench = CoexistBinary.directory + "/coexist-bench"
        let dir = NSTemporaryDirectory() + "coexist-shell-graph-memory-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let home = try TestHome()
        try GraphImportMemoryTests.template.write(toFile: dir + "/template.json", atomically: true, encoding: .utf8)
        let baseline = try Self.peakAfter("local x = 1", home: home)
        try #require(baseline.peak > 0, "no VmHWM for the empty shell: \(baseline.stderr)")
        for shape in ["page", "lines"] {
            let file = "\(dir)/calls.\(shape).json"
            let gen = try PipedRun(["graph-gen", "--records", "\(GraphImportMemoryTests.records)", "--seed", "18", "--shape", shape,
                                    "--out", file, "--template", dir + "/template.json"],
                                   executable: bench, home: home, timeout: 120)
            #expect(gen.status == 0, "\(gen.stderr)")
            defer { try? FileManager.default.removeItem(atPath: file) }
            // The store the import makes, as the importer alone reports it (its sixth figure: column bytes).
            let alone = try PipedRun(["graph-import", file], executable: bench, home: home, timeout: 180)
            let f = alone.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int(Double($0) ?? -1) }
            try #require(f.count == 6, "graph-import printed \(alone.stdout) \(alone.stderr)")
            let (bytes, store) = (f[0], f[5])
            #expect(bytes > store + 2 * GraphImportMemoryTests.slack, "\(shape): the file (\(bytes) bytes) is too small to test the bound")
            let run = try Self.peakAfter("local r = import_calls('\(file)'); io.write(r.imported, '\\n')", home: home)
            #expect(run.stdout.hasPrefix("\(2 * GraphImportMemoryTests.records)\n"), "\(shape): \(run.stdout) \(run.stderr)")
            let bound = baseline.peak + store + GraphImportMemoryTests.slack
            #expect(run.peak > 0 && run.peak <= bound,
                    "\(shape): peak RSS \(run.peak >> 20) MB > shell baseline \(baseline.peak >> 20) MB + store \(store >> 20) MB + 64 MB (file \(bytes >> 20) MB)")
            print("shell graph memory (\(shape)): file \(bytes >> 20) MB, peak RSS \(run.peak >> 20) MB, baseline \(baseline.peak >> 20) MB, store columns \(store >> 20) MB")
        }
    }
}
