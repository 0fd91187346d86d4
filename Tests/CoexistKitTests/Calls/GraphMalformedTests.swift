import Foundation
import Testing
@testable import CoexistKit

/// Broken Graph files are refused with the file, the record and the field, and change nothing.
@Suite("Graph import: malformed files")
struct GraphMalformedTests {
    static let good = #"{"id": "ok", "type": "peerToPeer", "startDateTime": "2026-10-01T09:00:00Z", "sessions": [{"segments": [{"media": [{"label": "main-audio", "streams": [{"streamDirection": "callerToCallee"}]}]}]}]}"#

    static func refused(_ data: Data, _ check: (CallImportError) -> Bool, _ what: String) {
        var s = CallStore()
        do {
            _ = try GraphCallRecordImporter.importData(data, name: "bad.json", into: &s)
            Issue.record("no error for \(what)")
        } catch let e as CallImportError {
            #expect(e.file == "bad.json", "\(what)")
            #expect(check(e), "\(what): \(e)")
        } catch { Issue.record("\(what): \(error)") }
        #expect(s.count == 0, "\(what)")
    }

    @Test("truncated, too deep, invalid UTF-8, a non-object record and a wrong-typed field")
    func malformed() {
        let page = #"{"value": ["# + Self.good + ", " + Self.good
        Self.refused(Data(page.dropLast(30).utf8), { $0.field == "$.value[1]" && $0.message.contains("truncated") }, "truncated page")
        let deep = "[" + Self.good + ", " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + "]"
        Self.refused(Data(deep.utf8), { $0.field == "$[1]" && $0.message.contains("deeper") }, "too deep")
        var utf8 = Array(("[" + Self.good + ", " + Self.good.replacingOccurrences(of: "\"ok\"", with: "\"o?\"") + "]").utf8)
        utf8[utf8.lastIndex(of: UInt8(ascii: "?"))!] = 0xFF
        Self.refused(Data(utf8), { $0.field == "$[1]" && $0.message.contains("UTF-8") }, "invalid UTF-8")
        Self.refused(Data(("[" + Self.good + ", 42]").utf8), { $0.field == "$[1]" && $0.message.contains("callRecord object") }, "non-object record")
        let typed = Self.good.replacingOccurrences(of: #""streamDirection": "callerToCallee""#,
                                                   with: #""streamDirection": "callerToCallee", "averageJitter": 16"#)
        Self.refused(Data(("{\"value\": [" + typed + "]}").utf8),
                     { $0.field == "$.value[0].sessions[0].segments[0].media[0].streams[0].averageJitter" && $0.message.contains("expected a string") },
                     "wrong-typed field")
        Self.refused(Data((Self.good + "\n{\"id\": \n").utf8), { $0.line == 2 && $0.message.contains("is not JSON") }, "truncated JSON Lines")
    }
}
