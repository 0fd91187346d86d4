@preconcurrency import Glibc
import Foundation

/// scripts/graph-server, the local Microsoft Graph, started for one test and stopped when the test lets go
/// of it (CI starts with no background processes, so every test starts its own).
final class GraphServer {
    static let script: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/graph-server").path
    }()

    static let clientId = "11111111-2222-3333-4444-555555555555"

    let process = Process()
    let port: Int
    let arguments: [String]

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `port`: 0 for any free one (a restarted server takes its predecessor's, so stored nextLinks still lead to it).
    init(_ arguments: [String], secret: String, port: Int = 0) throws {
        self.arguments = arguments
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--port", String(port), "--secret", secret] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains("\n") && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = seen.split(separator: "\n").first, line.hasPrefix("graph-server: listening on http://127.0.0.1:"),
              let p = Int(line.split(separator: ":").last ?? "") else {
            process.terminate()
            throw Failure(description: "graph-server did not start: '\(seen)'")
        }
        self.port = p
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: a child of a test thread starts with SIGTERM blocked (the mask is inherited).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1.0" }
    var loginURL: String { "http://127.0.0.1:\(port)" }

    /// The server's counters: tokens issued, pages served, 429s sent, expired tokens refused, the totals a
    /// complete pull must bring (records_total, streams_total), ...
    func stats() throws -> [String: Int] {
        // Through python3 (the server's own interpreter): Foundation's URL loading is not in every toolchain here.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())",
                       "http://127.0.0.1:\(port)/_stats"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return o.compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}
