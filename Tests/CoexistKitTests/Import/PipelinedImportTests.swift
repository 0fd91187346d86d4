import Foundation
import Testing
@testable import CoexistKit

/// A large streams CSV imported from its path is parsed while it is read (CSVPipelinedImport). Whatever the
/// chunk size, and so wherever a chunk ends (inside a quoted field holding newlines, between a CR and its
/// LF, in a blank line), it gives the rows, the report and the error of the one-thread import of the same
/// bytes held whole.
@Suite("import: parsing a CSV while it is read", .serialized)
struct PipelinedImportTests {
    /// The demo written by CSVWriter, given an ignored `notes` column whose quoted values hold commas,
    /// doubled quotes, LF and CRLF; every other row ends in CRLF, and blank lines are sprinkled in.
    /// `bad`: every 2,999th row has the wrong number of fields.
    static func text(bad: Bool) throws -> (text: String, rows: Int) {
        let demo = DemoCalls.generate(DemoCallsOptions(users: 400))
        let path = NSTemporaryDirectory() + "coexist-pipelined-demo-\(getpid()).csv"
        defer { unlink(path) }
        try CSVWriter.write(demo, to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        var out = String(lines[0]) + ",notes\n"
        for (i, line) in lines.dropFirst().enumerated() {
            let notes = i % 7 == 0 ? "\"multi\nline, with \"\"quotes\"\"\r\nand an end\"" : i % 5 == 0 ? "\"plain, quoted\"" : "n\(i)"
            out += bad && i % 2999 == 1500 ? "only,three,fields" : String(line) + "," + notes
            out += i % 2 == 0 ? "\r\n" : "\n"
            if i % 1000 == 999 { out += i % 2000 == 999 ? "\n" : "\r\n" }
        }
        return (out, demo.count)
    }

    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "coexist-pipelined-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The pipelined import of `path` with `chunk` bytes per read (nil: it declined the file).
    static func pipelined(_ path: String, chunk: Int, options: ImportOptions) throws -> (CallStore, ImportReport) {
        guard case .success(let (fd, size)) = RegularFile.open(path) else { throw CallImportError(file: path, message: "cannot open") }
        defer { close(fd) }
        var store = CallStore()
        guard let report = try CSVPipelinedImport.importFile(fd: fd, size: size, path: path, into: &store, options: options,
                                                             chunk: chunk) else {
            throw CallImportError(file: path, message: "declined")
        }
        return (store, report)
    }

    static func sameRows(_ a: CallStore, _ b: CallStore) {
        #expect(a.count == b.count)
        guard a.count == b.count else { return }
        for f in CallField.allCases {
            for i in stride(from: 0, to: a.count, by: 3) where a.value(f, at: i) != b.value(f, at: i) {
                Issue.record("\(f) row \(i): \(a.value(f, at: i)) against \(b.value(f, at: i))")
                return
            }
        }
        #expect(a.quality == b.quality)
        #expect(a.metrics == b.metrics)
    }

    @Test("good rows: the same streams and report at every chunk size", arguments: [997, 65_536, RegularFile.chunkBytes])
    func goodRows(chunk: Int) throws {
        let (text, rows) = try Self.text(bad: false)
        let path = try Self.write(text)
        defer { unlink(path) }
        #expect(text.utf8.count > 4 * CSVPipelinedImport.headBytes(chunk: chunk) || chunk == RegularFile.chunkBytes,
                "most of the file is read after the head")
        var whole = CallStore()
        let expected = try whole.importCSV(text: text, name: path, options: ImportOptions(parallel: false))
        #expect(expected.imported == rows)
        let (store, report) = try Self.pipelined(path, chunk: chunk, options: ImportOptions())
        #expect(report == expected)
        Self.sameRows(store, whole)
    }

    @Test("bad rows skipped: the same skipped lines and rows; strict: the same first error", arguments: [997, 65_536])
    func badRows(chunk: Int) throws {
        let (text, _) = try Self.text(bad: true)
        let path = try Self.write(text)
        defer { unlink(path) }
        var whole = CallStore()
        let expected = try whole.importCSV(text: text, name: path, options: ImportOptions(onError: .skip, parallel: false))
        #expect(expected.skipped > 5)
        let (store, report) = try Self.pipelined(path, chunk: chunk, options: ImportOptions(onError: .skip))
        #expect(report == expected)
        #expect(report.skipReasons.map(\.line) == expected.skipReasons.map(\.line))
        Self.sameRows(store, whole)

        var strictWhole = CallStore()
        var wanted = ""
        do { try strictWhole.importCSV(text: text, name: path, options: ImportOptions(parallel: false)) } catch { wanted = "\(error)" }
        #expect(wanted.hasPrefix(path + ":"), "\(wanted)")
        do {
            _ = try Self.pipelined(path, chunk: chunk, options: ImportOptions())
            Issue.record("a strict import of bad rows succeeded")
        } catch {
            #expect("\(error)" == wanted)
        }
    }

    @Test("a quoted newline across the middle: the second part is parsed again from the right record")
    func quotedNewlineAcrossTheSplit() throws {
        let demo = DemoCalls.generate(DemoCallsOptions(users: 400))
        let demoPath = NSTemporaryDirectory() + "coexist-pipelined-split-\(getpid()).csv"
        defer { unlink(demoPath) }
        try CSVWriter.write(demo, to: demoPath)
        let lines = try String(contentsOfFile: demoPath, encoding: .utf8).split(separator: "\n").map { String($0) + ",n\n" }
        let header = String(lines[0].dropLast(3)) + ",notes\n"
        let rows = lines.dropFirst()
        // The rows split where their bytes balance; between the halves, one record whose quoted notes (200 KB
        // of lines) is longer than the halves differ, so the middle of the file falls inside its quotes.
        let total = rows.reduce(0) { $0 + $1.utf8.count }
        var k = 0, a = 0
        for r in rows { if a + r.utf8.count > total / 2 { break }; a += r.utf8.count; k += 1 }
        let big = String(rows[rows.startIndex + k].dropLast(3)) + ",\"" + String(repeating: "spanning\n", count: 22_000) + "\"\n"
        let edited = header + rows.prefix(k).joined() + big + rows.dropFirst(k + 1).joined()
        let path = try Self.write(edited)
        defer { unlink(path) }
        var whole = CallStore()
        let expected = try whole.importCSV(text: edited, name: path, options: ImportOptions(parallel: false))
        #expect(expected.imported == demo.count)
        for chunk in [4093, 65_536] {
            let (store, report) = try Self.pipelined(path, chunk: chunk, options: ImportOptions())
            #expect(report == expected, "chunk \(chunk)")
            Self.sameRows(store, whole)
        }
    }

    @Test("importCSV(path:) takes this path for a large file, and gives what the whole-file import gives")
    func thePathImportUsesIt() throws {
        let (text, rows) = try Self.text(bad: false)
        #expect(text.utf8.count >= CSVImporter.parallelThreshold)
        let path = try Self.write(text)
        defer { unlink(path) }
        var viaPath = CallStore()
        let report = try viaPath.importCSV(path: path)
        var bytes = CallStore()
        let expected = try bytes.importCSV(text: text, name: path, options: ImportOptions(parallel: false))
        #expect(report == expected && report.imported == rows)
        Self.sameRows(viaPath, bytes)
    }
}
