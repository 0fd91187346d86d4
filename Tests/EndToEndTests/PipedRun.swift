import Foundation

/// One run of a program with its standard input fed from a pipe and its output captured: what
/// `printf ... | coexist args > out 2> err` gives.
struct PipedRun {
    let status: Int32
    /// True when a signal ended the program (status is then the signal's number).
    let signalled: Bool
    let stdout: String
    let stderr: String

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` (default: the built coexist) with `arguments`, writes `input` to its standard
    /// input (before it starts) and closes it. Output goes to files, so no amount of it can block the child.
    init(
        _ arguments: [String] = [], executable: String = CoexistBinary.path, input: String = "",
        home: TestHome, path: String? = nil, directory: String? = nil, environment: [String: String] = [:],
        timeout: Double = 10
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = home.environment(path: path).merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? home.root)
        let stdin = Pipe()
        let outPath = "\(home.root)/.run-stdout-\(UUID().uuidString)"
        let errPath = "\(home.root)/.run-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        // The input is small (well under a pipe's 64 KiB), so it is written and closed before the child
        // starts: the child then sees a pipe with data and end-of-file, and an early exit cannot SIGPIPE us.
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        try process.run()
        try? out.close()
        try? err.close()

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            // SIGKILL, not terminate(): Foundation's children inherit the test threads' blocked SIGTERM, so a
            // hung child would ignore it and waitUntilExit would hang the whole run.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Timeout(description: "\(executable) \(arguments) did not exit within \(timeout) s")
        }
        process.waitUntilExit()
        status = process.terminationStatus
        signalled = process.terminationReason == .uncaughtSignal
        stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    }

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty() }
}

private extension Array where Element == String {
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
