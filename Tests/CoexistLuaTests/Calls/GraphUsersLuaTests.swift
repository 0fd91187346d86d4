import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// import_calls of Graph call records whose people have no UPN, through Lua.
@Suite("Graph users without a UPN, from Lua") struct GraphUsersLuaTests {
    /// Microsoft's "Get callRecord" Example 2 response, kept with the core's Graph fixtures.
    static let microsoftExample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../CoexistKitTests/Calls/Fixtures/Graph/ms-get-callrecord-example2.json").standardized.path

    @Test("import_calls reports users_without_upn and a warning naming the record")
    func reported() throws {
        let lua = try CallsLua(streams: 10)
        try lua.run("_r = import_calls('\(Self.microsoftExample)')")
        #expect(try lua.integer("_r.imported") == 2)
        #expect(try lua.integer("_r.users_without_upn") == 2)
        let notice = try lua.value("_r.notices[1]").stringValue ?? ""
        #expect(notice.hasPrefix("warning:") && notice.contains("e523d2ed-2966-4b6b-925b-754a88034cc5") && notice.contains("Owen Franklin"))
        // Nobody is matched by display name.
        #expect(try lua.integer("calls:where{first_user='Owen Franklin'}:count()") == 0)
        // The call's one "poor" rating is on both of its streams.
        #expect(try lua.integer("calls:where{call_id='e523d2ed-2966-4b6b-925b-754a88034cc5', rating=2}:count()") == 2)
    }
}
