import Foundation
import Testing
@testable import CoexistKit

/// Strict imports refuse values that cannot be: a day that does not exist, an offset past 14 hours, a
/// duration that is infinite, negative or not a number. They used to be normalised (2026-02-30 became
/// 2026-03-02) or accepted. Files as CQD's export writes them: a byte-order mark, CRLF, display names.
@Suite("import: impossible dates, offsets and durations")
struct StrictImportValuesTests {
    static let export = CQDExportTests.fixture("conference-export.csv")

    /// The CQD fixture with the first data row's `column` set to `value`, written beside the temp files.
    static func exportWith(_ column: String, _ value: String) throws -> String {
        let text = try String(contentsOfFile: export, encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let at = try #require(header.firstIndex(of: column))
        var row = lines[1].components(separatedBy: ",")
        row[at] = value
        lines[1] = row.joined(separator: ",")
        let path = NSTemporaryDirectory() + "coexist-strict-\(UUID().uuidString).csv"
        try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a CQD export with an impossible value is refused, naming file, line 2, the column and the value", arguments: [
        ("Start Time", "2026-02-30T09:00:12Z", "no such day"),
        ("Start Time", "2025-02-29T09:00:12Z", "no such day"),
        ("Start Time", "2026-10-05T09:00:12+99:99", "offset"),
        ("Start Time", "2026-10-05T09:00:12+15:00", "offset"),
        ("Start Time", "2026-13-05T09:00:12Z", "no such month"),
        ("Duration (Seconds)", "1e309", "out of range"),
        ("Duration (Seconds)", "-5", "0 or more"),
        ("Duration (Seconds)", "NaN", "bad duration"),
    ])
    func refused(column: String, value: String, reason: String) throws {
        let path = try Self.exportWith(column, value)
        defer { unlink(path) }
        var s = CallStore()
        do {
            try s.importCSV(path: path)
            Issue.record("\(column) = \(value) was accepted")
        } catch let e as ImportError {
            #expect(e.description.hasPrefix("\(path):2: \(column) = \(value): "), "\(e)")
            #expect(e.description.contains(reason), "\(e)")
        }
        #expect(s.count == 0)
    }

    @Test("the real days at the edges are kept: 29 February of a leap year, offsets of +14:00 and -12:00")
    func edges() throws {
        for value in ["2028-02-29T09:00:12Z", "2026-10-05T09:00:12+14:00", "2026-10-05T09:00:12-12:00", "2026-12-31T23:59:60Z"] {
            let path = try Self.exportWith("Start Time", value)
            defer { unlink(path) }
            var s = CallStore()
            #expect(try s.importCSV(path: path).imported == 5, "\(value)")
        }
    }

    @Test("Graph call records: an impossible startDateTime and a stream that ends before it starts are refused")
    func graph() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Calls/Fixtures/Graph/p2p-audio.json").standardized.path
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        var s = CallStore()
        let feb30 = text.replacingOccurrences(of: "2020-02-25T18:52:21.2169889Z", with: "2020-02-30T18:52:21.2169889Z")
        do {
            try s.importGraph(text: feb30, name: "records.json")
            Issue.record("2020-02-30 accepted")
        } catch let e as ImportError {
            #expect(e.description.contains("2020-02-30T18:52:21.2169889Z: bad ISO 8601 date-time: there is no such day"), "\(e)")
        }
        #expect(s.count == 0)
    }
}
