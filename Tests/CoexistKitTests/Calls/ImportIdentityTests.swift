import Testing
import Foundation
@testable import CoexistKit

/// Importing a file twice, or two exports that overlap, counts each stream once.
@Suite("stream identity: idempotent imports")
struct ImportIdentityTests {
    static let cqd = CQDExportTests.fixture("conference-export.csv")
    static let graph = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Graph/p2p-audio.json").path

    /// The CQD fixture's header and rows (BOM and CRLF kept out), to cut into overlapping exports.
    static func cqdLines() throws -> [String] {
        var text = try String(contentsOfFile: cqd, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("the same CQD export imported twice adds nothing the second time, and says so")
    func sameFileTwice() throws {
        var s = CallStore()
        let first = try s.importCSV(path: Self.cqd)
        #expect(first.imported == 5 && first.duplicates == 0)
        let again = try s.importCSV(path: Self.cqd)
        #expect(s.count == 5)
        #expect(again.imported == 0 && again.duplicates == 5)
        #expect(again.warnings == ["skipped 5 duplicate streams (already imported)"])
    }

    @Test("our own CSV of an imported CQD export is the same streams: importing it adds nothing")
    func ownCSVOfCQDExport() throws {
        var s = CallStore()
        try s.importCSV(path: Self.cqd)
        let path = NSTemporaryDirectory() + "coexist-identity-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(s, to: path)
        let r = try s.importCSV(path: path)
        #expect(r.duplicates == 5 && r.imported == 0)
        #expect(s.count == 5)
    }

    @Test("two exports that overlap count the shared streams once")
    func overlappingExports() throws {
        let lines = try Self.cqdLines()
        let header = lines[0], rows = Array(lines.dropFirst())
        let september = ([header] + rows[0..<3]).joined(separator: "\r\n") + "\r\n"
        let october = ([header] + rows[1..<5]).joined(separator: "\r\n") + "\r\n"
        var s = CallStore()
        try s.importCSV(text: september, name: "sep.csv")
        let r = try s.importCSV(text: october, name: "oct.csv")
        #expect(r.duplicates == 2 && r.imported == 2)
        #expect(s.count == 5)
        #expect(try s.count(CallQuery().filter("first_user", .eq, .string("ann@contoso.com"))) == 2)
    }

    @Test("with a stream id, rows equal in everything else are different streams; a repeat id is not")
    func streamIdKeys() throws {
        let header = "call_id,stream_id,start,modality,direction,first_user\n"
        let text = header + "c1,s1,2026-10-05T09:00:00Z,audio,first_to_second,ann@contoso.com\n"
            + "c1,s2,2026-10-05T09:00:00Z,audio,first_to_second,ann@contoso.com\n"
            + "c1,s1,2026-10-05T09:00:00Z,audio,first_to_second,ann@contoso.com\n"
        var s = CallStore()
        let r = try s.importCSV(text: text)
        #expect(r.imported == 2 && r.duplicates == 1)
        let later = try s.importCSV(text: header + "c1,s2,2026-10-05T09:00:00Z,audio,first_to_second,ann@contoso.com\n"
                                    + "c1,s3,2026-10-05T09:00:00Z,audio,first_to_second,ann@contoso.com\n")
        #expect(later.imported == 1 && later.duplicates == 1)
        #expect(s.count == 3)
    }

    @Test("without a stream id, equal rows of one export are kept (two streams CQD cannot tell apart), and skipped when imported again")
    func equalRowsOfOneExport() throws {
        let text = "Call Id,Start Time,Media Type,First UPN\nc1,2026-10-05T09:00:00Z,Audio,\nc1,2026-10-05T09:00:00Z,Audio,\n"
        var s = CallStore()
        #expect(try s.importCSV(text: text).imported == 2)
        let again = try s.importCSV(text: text)
        #expect(again.imported == 0 && again.duplicates == 2)
        #expect(s.count == 2)
    }

    @Test("Graph call records: the same record twice, in one import or two, adds its streams once")
    func graphTwice() throws {
        var s = CallStore()
        let first = try s.importGraph(path: Self.graph)
        #expect(first.imported > 0)
        let again = try s.importGraph(path: Self.graph)
        #expect(again.imported == 0 && again.duplicates == first.imported)
        #expect(s.count == first.imported)

        let record = try String(contentsOfFile: Self.graph, encoding: .utf8)
        var both = CallStore()
        let r = try both.importGraph(text: "[" + record + "," + record + "]")
        #expect(r.imported == first.imported && r.duplicates == first.imported)
        #expect(both.count == first.imported)
    }

    @Test("large overlapping exports (past the radix sort's cut-over): exactly the shared rows are skipped")
    func largeOverlap() throws {
        func export(_ range: Range<Int>) -> String {
            "call_id,start,modality,first_user,direction\n" + range.map { i in
                "c\(i / 4),2026-10-05T09:\(String(format: "%02d", i % 60)):00Z,audio,u\(i % 97)@contoso.com,\(i % 2 == 0 ? "first_to_second" : "second_to_first")"
            }.joined(separator: "\n") + "\n"
        }
        var s = CallStore()
        #expect(try s.importCSV(text: export(0..<3000)).imported == 3000)
        let r = try s.importCSV(text: export(2000..<6000))
        #expect(r.duplicates == 1000 && r.imported == 3000)
        #expect(s.count == 6000 && s.identities.count == 6000)
        let values = (0..<5000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        #expect(RadixSort.sorted(values) == values.sorted())
    }

    @Test("a failed strict import leaves the identities as they were: the good file imports fully afterwards")
    func failedImportKeepsIdentities() throws {
        let lines = try Self.cqdLines()
        let broken = (lines + [lines[1].replacingOccurrences(of: ",Audio,", with: ",Hologram,")]).joined(separator: "\r\n")
        var s = CallStore()
        #expect(throws: CallImportError.self) { try s.importCSV(text: broken, name: "broken.csv") }
        #expect(s.count == 0 && s.identities.count == 0)
        let r = try s.importCSV(path: Self.cqd)
        #expect(r.imported == 5 && r.duplicates == 0)
    }

    @Test("a fork keeps its own identities; a merge carries them")
    func forksAndMerges() throws {
        var base = CallStore()
        try base.importCSV(path: Self.cqd)
        var fork = base
        #expect(try fork.importCSV(path: Self.cqd).duplicates == 5)
        let lines = try Self.cqdLines()
        let extra = lines[0] + "\r\n" + lines[1].replacingOccurrences(of: "conf-1", with: "conf-9") + "\r\n"
        try fork.importCSV(text: extra)
        #expect(fork.count == 6 && base.count == 5 && base.identities.count == 5)

        var other = CallStore()
        try other.importCSV(text: extra)
        var merged = CallStore()
        try merged.importGraph(path: Self.graph)
        try merged.append(contentsOf: other)
        #expect(try merged.importCSV(text: extra).duplicates == 1)
    }
}
