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

    /// A `--data` tenant saves, and the saved file opens after the folder is gone: its users file is in the workspace.
    @Test func aDataFolderSavesAndOpensWithoutTheFolder() throws {
        let home = try TestHome()
        let dir = "\(home.root)/data"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.export, toPath: "\(dir)/users.csv")
        let saved = try PipedRun(["--data", dir, "-e", "make_cohort('Kept', {'raj.patel@contoso.com'})", "-e", "print(save('t.db'))"], home: home)
        #expect(saved.status == 0, Comment(rawValue: saved.stderr))
        #expect(saved.stdout.contains("saved tenant data: 7 users"), Comment(rawValue: saved.stdout))
        try FileManager.default.removeItem(atPath: dir)
        let opened = try PipedRun(["t.db", "-e", "print(#users, user('raj.patel@contoso.com').mode, user('mei.chen@contoso.com').mode, #changes)"], home: home)
        #expect(opened.status == 0, Comment(rawValue: opened.stderr))
        #expect(opened.stdout == "7\tSfBWithTeamsCollab\tSfBOnly\t1\n", Comment(rawValue: opened.stdout + opened.stderr))
    }
}
