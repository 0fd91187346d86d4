import Foundation
import Testing
@testable import CoexistKit

/// Every importer words a bad row the same way, `file:line: field = value: reason`, and reports with the
/// same type; before, the streams CSV said `column X: reason "value"` and the users CSV `field X = 'value'`.
@Suite("import: one error format and one report across importers")
struct ImportVocabularyTests {
    @Test("the streams CSV, the building file, the users CSV and Graph records name a bad row alike")
    func oneFormat() throws {
        var s = CallStore()
        var errors: [String] = []
        do { try s.importCSV(text: "call_id,start,modality,jitter_ms\r\nc1,2026-10-05T09:00:00Z,audio,abc\r\n", name: "s.csv") }
        catch { errors.append("\(error)") }
        do { _ = try BuildingFile.parse("10.1.2.5,Net,24,SEA-1,Contoso,Office,,Seattle,98101,US,WA,West,1,0,0\n", file: "b.csv") }
        catch { errors.append("\(error)") }
        var t = TestTenant.make()
        do { try t.importUsers(csv: "\u{FEFF}upn,enterprise_voice\r\nzed@contoso.com,maybe\r\n", file: "u.csv", format: .plain) }
        catch { errors.append("\(error)") }
        #expect(errors == [
            "s.csv:2: jitter_ms = abc: bad number",
            "b.csv:1: NetworkIP (column 1) = 10.1.2.5: is not the network address of a /24 range; did you mean 10.1.2.0?",
            "u.csv:2: enterprise_voice = maybe: expected True or False",
        ])
    }

    @Test("an empty or space-edged value is shown quoted, so it is seen for what it is")
    func quotedValues() {
        #expect(ImportError(file: "f", line: 3, field: "upn", value: "", message: "required").description == "f:3: upn = \"\": required")
        #expect(ImportError(file: "f", line: 3, field: "upn", value: " ann", message: "x").description == "f:3: upn = \" ann\": x")
        #expect(ImportError(file: "f", line: 3, field: "upn", value: "a\tb", message: "x").description == "f:3: upn = \"a\\tb\": x")
    }

    @Test("skip mode: users and streams reports count rows read, imported and skipped, with reasons in the one format")
    func oneReport() throws {
        var s = CallStore()
        let calls: ImportReport = try s.importCSV(text: "call_id,start,modality\nc1,2026-10-05,audio\nc2,2026-02-30,audio\n",
                                                  name: "s.csv", options: ImportOptions(onError: .skip))
        var t = TestTenant.make()
        let users: ImportReport = try t.importUsers(csv: "upn,homing\nzed@contoso.com,online\nyan@contoso.com,moon\n", file: "u.csv",
                                                    format: .plain, mode: .skip)
        #expect((calls.rowsRead, calls.imported, calls.skipped) == (2, 1, 1))
        #expect((users.rowsRead, users.imported, users.skipped) == (2, 1, 1))
        #expect(calls.skipReasons.map(\.description) == ["s.csv:3: start = 2026-02-30: bad date-time: there is no such day in that month"])
        #expect(users.skipReasons.map(\.description) == ["u.csv:3: homing = moon: expected online or on-premises"])
    }
}
