@preconcurrency import Glibc
import CoexistKit

/// Files the tests read and write: temporary paths of this process, whole-file reads, the shipped stdlib.
public enum TestFiles {
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// `/tmp/coexist-<prefix>-<pid>-<name>`: one process's files never meet another's.
    public static func temporaryPath(_ name: String, prefix: String = "tests") -> String {
        "/tmp/coexist-\(prefix)-\(getpid())-\(name)"
    }

    /// A directory of this process's (made if missing) and `name` in it.
    public static func temporaryPath(inDirectory name: String) -> String {
        let dir = "/tmp/coexist-tests-\(getpid())"
        mkdir(dir, 0o755)
        return dir + "/" + name
    }

    public static func read(_ path: String) throws -> String {
        guard let f = fopen(path, "rb") else { throw Unreadable(description: "cannot read \(path)") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `bytes` whole, as a Microsoft tool's export would arrive.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        guard let f = fopen(path, "wb") else { throw Unreadable(description: "cannot write \(path)") }
        defer { fclose(f) }
        guard fwrite(bytes, 1, bytes.count, f) == bytes.count else { throw Unreadable(description: "short write to \(path)") }
    }

    /// The repository's `stdlib` folder (this file is Tests/TestSupport/TestFiles.swift).
    public static var stdlib: String {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/stdlib"
    }
}
