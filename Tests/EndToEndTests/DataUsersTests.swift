import Foundation
import Testing

/// `coexist --data DIR` with a Get-CsOnlineUser export as `Export-Csv -Encoding Unicode` writes it (UTF-16LE).
@Suite struct DataUsersTests {
    static let export = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../CoexistKitTests/Tenant/Fixtures/CsOnlineUser-hybrid-unicode.csv").standardized.path

    @Test func aUnicodeExportLoadsAndItsMismatchIsPrinted() throws {
        let home = try TestHome()
        let dir = "\(home.root)/data"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.export, toPath: "\(dir)/users.csv")
        let run = try PipedRun(["--data", dir, "-e", "print(#users, user('raj.patel@contoso.com').mode, user('mei.chen@contoso.com').mode)"], home: home)
        #expect(run.status == 0)
        #expect(run.stdout == "7\tSfBWithTeamsCollab\tSfBOnly\n")
        #expect(run.stderr.contains("notice: tenant global inferred as SfBWithTeamsCollab from the 2 user(s) who inherit it"))
        #expect(run.stderr.contains("warning: \(dir)/users.csv:8: mei.chen@contoso.com: the file gives TeamsUpgradeEffectiveMode SfBWithTeamsCollab, computed SfBOnly"))
    }
}
