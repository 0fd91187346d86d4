import Foundation
import Testing
@testable import CoexistKit

/// A header that names one column twice is refused, naming both positions: reading one and ignoring the
/// other made the value that counts depend on the order of the columns.
@Suite("import: duplicate header columns")
struct DuplicateColumnTests {
    static func tenantFixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Tenant/Fixtures/" + name).standardized
    }

    @Test("a CQD export with Jitter twice (once by our name) is refused, naming both columns")
    func streams() throws {
        var text = try String(contentsOfFile: CQDExportTests.fixture("conference-export.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: ",Round Trip,", with: ",jitter_ms,")
        let header = text.prefix { $0 != "\r\n" }.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let first = try #require(header.firstIndex(of: "Jitter")) + 1, second = try #require(header.firstIndex(of: "jitter_ms")) + 1
        var s = CallStore()
        do {
            try s.importCSV(text: text, name: "cqd.csv")
            Issue.record("two jitter columns were accepted")
        } catch let e as ImportError {
            #expect(e.description.hasPrefix("cqd.csv:1: jitter_ms: columns \(first) ('Jitter') and \(second) ('jitter_ms') are both jitter_ms"), "\(e)")
        }
        #expect(s.count == 0)
    }

    @Test("a Get-CsOnlineUser export with Department twice is refused, naming both columns, and adds no one")
    func users() throws {
        var text = try String(contentsOf: Self.tenantFixture("CsOnlineUser-export.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"City\",", with: "\"department\",")
        var t = TestTenant.make()
        let before = t.directory.count
        #expect(throws: TenantError.self) { try t.importUsers(csv: text, file: "users.csv", format: .csOnlineUser) }
        do { try t.importUsers(csv: text, file: "users.csv", format: .csOnlineUser) } catch {
            #expect(error.description == "users.csv:2: columns 4 ('Department') and 5 ('department') have the same name; remove one")
        }
        #expect(t.directory.count == before)
    }
}
