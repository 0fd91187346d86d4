import Foundation
import Testing
@testable import CoexistKit

/// A file that shrinks or is rewritten while an import reads it ends in an error naming it, never in SIGBUS
/// (the importer used to parse a memory-mapped file, and truncating it killed the process).
@Suite("import: a file that changes while it is read", .serialized)
struct FileChangedWhileReadTests {
    static let header = "Call Id,Start Time,Media Type,Duration (Seconds),Packet Loss Rate,Jitter\r\n"

    /// About 24 MB of CQD-style rows (CRLF, as CQD's export writes them): three chunks of `RegularFile.load`.
    static func bigFile() throws -> (path: String, rows: Int) {
        let path = NSTemporaryDirectory() + "coexist-shrink-\(UUID().uuidString).csv"
        var text = "\u{FEFF}" + header
        let rows = 400_000
        text.reserveCapacity(rows * 60)
        for i in 0..<rows { text += "call-\(i),2026-10-05T09:\(String(format: "%02d", i % 60)):00Z,Audio,60,0.01,3\r\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (path, rows)
    }

    @Test("a file truncated while its rows are parsed: the rows read are imported whole, the process lives")
    func truncatedWhileParsed() throws {
        let (path, rows) = try Self.bigFile()
        defer { unlink(path) }
        var options = ImportOptions(parallel: false, progress: { _ in _ = truncate(path, 0) })
        options.progressIntervalNs = 0
        var store = CallStore()
        let report = try store.importCSV(path: path, options: options)
        // The progress callback truncated the file mid-parse; the bytes were already ours.
        #expect(report.imported == rows)
        #expect(store.count == rows)
    }

    @Test("a file truncated while it is read is refused, naming it, and the store is unchanged")
    func truncatedWhileRead() throws {
        let (path, _) = try Self.bigFile()
        defer { unlink(path); RegularFile.afterChunkForTesting = nil }
        RegularFile.afterChunkForTesting = { p, _ in if p == path { _ = truncate(path, 1000) } }
        var store = CallStore()
        try store.importCSV(text: Self.header + "c0,2026-10-05T08:00:00Z,Audio,60,0.01,3\n")
        #expect(throws: CallImportError.self) { try store.importCSV(path: path) }
        do { try store.importCSV(path: path) } catch {
            #expect("\(error)".hasPrefix(path + ": changed while it was read"), "\(error)")
        }
        #expect(store.count == 1)
    }

    @Test("a file rewritten at the same size while it is read is refused too")
    func rewrittenWhileRead() throws {
        let (path, _) = try Self.bigFile()
        defer { unlink(path); RegularFile.afterChunkForTesting = nil }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        RegularFile.afterChunkForTesting = { p, _ in
            if p == path { try? original.write(to: URL(fileURLWithPath: path)) }
        }
        do {
            _ = try ImportSource.read(path)
            Issue.record("a file rewritten during the read was accepted")
        } catch {
            #expect(error.description.contains("changed while it was read"), "\(error)")
        }
    }

    @Test("another thread truncating and restoring the file during imports: each import ends in a result or an error")
    func raced() throws {
        let (path, rows) = try Self.bigFile()
        defer { unlink(path) }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let stop = ManagedAtomicFlag()
        let writer = Thread {
            while !stop.isSet {
                _ = truncate(path, 4096)
                usleep(2000)
                try? original.write(to: URL(fileURLWithPath: path))
                usleep(5000)
            }
        }
        writer.start()
        defer { stop.set() }
        for _ in 0..<6 {
            var store = CallStore()
            do {
                let r = try store.importCSV(path: path, options: ImportOptions(onError: .skip))
                #expect(r.imported <= rows)
            } catch let e as CallImportError {
                #expect(e.file == path)
            }
        }
    }
}

/// A flag one thread sets and another polls.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
