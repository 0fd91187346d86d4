@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// `import_calls` and `import_users` return one report shape: `rows_read`, `imported`, `skipped`, `reasons`
/// (each `file:line: field = value: reason`) and `warnings`, with files as Microsoft's tools write them.
@Suite struct ImportReportLuaTests {
    static func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = CallsLua.temporaryPath(name)
        let f = fopen(path, "wb")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return path
    }

    @Test func importCallsInSkipModeCountsAndNamesTheBadRow() throws {
        let lua = try CallsLua(streams: 10)
        // A CQD export: byte-order mark, CRLF, display names; the second row has a day that does not exist.
        let text = "Call Id,Start Time,Media Type,Jitter,Stream Direction\r\nr1,2026-10-05T09:00:00Z,Audio,3,First-to-Second\r\n"
            + "r2,2026-02-30T09:00:00Z,Audio,3,First-to-Second\r\nr3,2026-10-05T09:00:00Z,Audio,3,First-to-Second\r\n"
        let path = Self.write([0xEF, 0xBB, 0xBF] + Array(text.utf8), "report-cqd.csv")
        defer { unlink(path) }
        try lua.run("r = import_calls('\(path)', {on_error='skip'})")
        #expect(try lua.integer("r.rows_read") == 3)
        #expect(try lua.integer("r.imported") == 2)
        #expect(try lua.integer("r.skipped") == 1)
        #expect(try lua.value("r.reasons[1]").stringValue == "\(path):3: Start Time = 2026-02-30T09:00:00Z: bad date-time: there is no such day in that month")
        #expect(try lua.integer("#r.warnings") == 0)
        // The same file again: every good row is a duplicate, and the warnings say so.
        try lua.run("r = import_calls('\(path)', {on_error='skip'})")
        #expect(try lua.integer("r.rows_read") == 3)
        #expect(try lua.integer("r.imported") == 0)
        #expect(try lua.integer("r.duplicates") == 2)
        #expect(try lua.value("r.warnings[1]").stringValue == "skipped 2 duplicate streams (already imported)")
    }

    @Test func importUsersReturnsTheSameShape() throws {
        let lua = try TenantLua()
        let text = "#TYPE Deserialized.Microsoft.Teams.ConfigApi.Cmdlets.OnlineUser\r\n\"UserPrincipalName\",\"EnterpriseVoiceEnabled\"\r\n"
            + "\"zed.new@contoso.com\",\"True\"\r\n\"yan.new@contoso.com\",\"maybe\"\r\n"
        let path = Self.write([0xEF, 0xBB, 0xBF] + Array(text.utf8), "report-users.csv")
        defer { unlink(path) }
        _ = try lua.output("r = import_users('\(path)', {on_error='skip', global='SfBWithTeamsCollab'})")
        #expect(try lua.integer("r.rows_read") == 2)
        #expect(try lua.integer("r.imported") == 1)
        #expect(try lua.integer("r.skipped") == 1)
        #expect(try lua.string("r.reasons[1]") == "\(path):4: EnterpriseVoiceEnabled = maybe: expected True or False")
        #expect(try lua.string("type(r.warnings)") == "table")
    }

    @Test func onErrorIsSpelledAndRefusedTheSameWayByEveryImport() throws {
        let calls = try CallsLua(streams: 10)
        let users = try TenantLua()
        let path = Self.write(Array("upn\n".utf8), "report-policy.csv")
        defer { unlink(path) }
        #expect(calls.error("import_calls('\(path)', {on_error='skp'})")?
            .contains("import_calls: on_error must be \"strict\" or \"skip\", got 'skp' (did you mean 'skip'?)") == true)
        #expect(users.error("import_users('\(path)', {on_error='skp'})")?
            .contains("import_users: on_error must be \"strict\" or \"skip\", got 'skp' (did you mean 'skip'?)") == true)
        // "abort" was a silent synonym of strict in import_calls only.
        #expect(calls.error("import_calls('\(path)', {on_error='abort'})")?.contains("on_error must be") == true)
        #expect(calls.error("import_calls('\(path)', {on_error='SKIP'})")?.contains("on_error") != true)
    }
}
