import Foundation
import Testing
@testable import CoexistKit

/// Every reader refuses a record past `RegularFile.maxLineBytes` (1 MiB), naming the line, before it
/// holds it: a lost closing quote used to make one "field" of the rest of the file.
@Suite("import: the longest record an import reads")
struct ImportLimitsTests {
    static let long = String(repeating: "x", count: RegularFile.maxLineBytes + 10)

    @Test("the streams CSV: a 1 MiB field, and a quote never closed", arguments: [false, true])
    func streams(quoted: Bool) throws {
        var s = CallStore()
        let row = quoted ? "c2,2026-10-05,audio,\"never closed\n" + Self.long + "\n" : "c2,2026-10-05,audio," + Self.long + "\n"
        do {
            try s.importCSV(text: "call_id,start,modality,capture_device\nc1,2026-10-05,audio,x\n" + row, name: "s.csv")
            Issue.record("a record past 1 MiB was accepted")
        } catch let e as ImportError {
            #expect(e.line == 3, "\(e)")
            #expect(e.description.contains("1 MiB"), "\(e)")
        }
        #expect(s.count == 0)
    }

    @Test("the users CSV and the building file name the line")
    func tenantFiles() throws {
        var t = TestTenant.make()
        do { try t.importUsers(csv: "upn,display_name\nzed@contoso.com,\"" + Self.long + "\"\n", file: "u.csv", format: .plain) ; Issue.record("accepted") }
        catch { #expect("\(error)".hasPrefix("u.csv:2: "), "\(error)"); #expect("\(error)".contains("1 MiB")) }
        do { _ = try BuildingFile.parse("10.1.2.0,Net,24," + Self.long + ",,,,,,,,,1,0,0\n", file: "b.csv"); Issue.record("accepted") }
        catch { #expect("\(error)".hasPrefix("b.csv:1: "), "\(error)"); #expect("\(error)".contains("1 MiB")) }
        do { _ = try DeviceCatalogue.parse("*Jabra*\n" + Self.long + "\n", file: "d.txt"); Issue.record("accepted") }
        catch { #expect("\(error)".hasPrefix("d.txt:2: the line is"), "\(error)") }
    }
}
