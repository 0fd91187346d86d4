@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// A cohort's members from a CSV are read as the users import reads its files: a Get-CsOnlineUser export
/// saved by Windows PowerShell 5.1 with `-Encoding Unicode` (UTF-16LE, `#TYPE` line, CRLF) is a list of
/// members too, and a header that names the UPN column twice is refused rather than read from one of them.
@Suite struct CohortFileLuaTests {
    static func write(_ text: String, utf16: Bool, _ name: String) -> String {
        let bytes: [UInt8] = utf16 ? [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
                                   : [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let path = TenantLua.temporaryPath(name)
        let f = fopen(path, "wb")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return path
    }

    @Test func membersFromAUTF16GetCsOnlineUserExport() throws {
        let lua = try TenantLua()
        let upns = lua.tenant.directory.users.prefix(3).map(\.upn)
        let text = "#TYPE Deserialized.Microsoft.Teams.ConfigApi.Cmdlets.OnlineUser\r\n\"UserPrincipalName\",\"DisplayName\"\r\n"
            + upns.map { "\"\($0)\",\"Someone\"\r\n" }.joined()
        let path = Self.write(text, utf16: true, "cohort-utf16.csv")
        defer { unlink(path) }
        try lua.run("make_cohort('From export', '\(path)')")
        #expect(try lua.integer("cohort('From export').count") == 3)
    }

    @Test func aHeaderNamingTheUPNColumnTwiceIsRefused() throws {
        let lua = try TenantLua()
        let upn = lua.tenant.directory.users[0].upn
        let other = lua.tenant.directory.users[1].upn
        let path = Self.write("upn,UPN\r\n\(upn),\(other)\r\n", utf16: false, "cohort-twice.csv")
        defer { unlink(path) }
        let e = lua.error("make_cohort('Twice', '\(path)')")
        #expect(e?.contains("\(path):1: columns 1 ('upn') and 2 ('UPN') have the same name; remove one") == true, "\(e ?? "no error")")
        #expect(lua.error("cohort('Twice')") != nil)
    }
}
