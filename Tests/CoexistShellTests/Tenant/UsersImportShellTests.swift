@preconcurrency import Glibc
import Foundation
import Testing
import CoexistKit
@testable import CoexistLua
@testable import CoexistShell

/// `import_users(path)` typed at the prompt and `--data DIR` take the same path through Kit, so a
/// Get-CsOnlineUser export (here UTF-16LE, as `Export-Csv -Encoding Unicode` writes it) gives the same tenant.
@Suite(.serialized) struct UsersImportShellTests {
    static let export = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../CoexistKitTests/Tenant/Fixtures/CsOnlineUser-hybrid-unicode.csv").standardized.path
    static let today = PlanDay(year: 2026, month: 10, day: 1)

    func emptyShell() throws -> Shell {
        let lua = try LuaHarness(Workspace.empty(today: Self.today))
        return Shell(engine: lua.engine, workspace: lua.workspace)
    }

    @Test func importUsersAtThePrompt() throws {
        let shell = try emptyShell()
        let run = try runShell(["r = import_users('\(Self.export)')", "print(r.added, r.global, user('raj.patel@contoso.com').mode)"], shell: shell)
        #expect(!run.hadError)
        #expect(run.output.contains("7\tSfBWithTeamsCollab\tSfBWithTeamsCollab\n"))
        #expect(run.output.contains("warning: \(Self.export):8: mei.chen@contoso.com: the file gives TeamsUpgradeEffectiveMode SfBWithTeamsCollab, computed SfBOnly"))
    }

    @Test func dataDirectoryLoadsTheSameTenant() throws {
        let dir = tempPath("data-users")
        mkdir(dir, 0o755)
        let copy = dir + "/users.csv"
        unlink(copy)
        try FileManager.default.copyItem(atPath: Self.export, toPath: copy)
        let loaded = try DataDirectory.load(dir, clock: .fixed(Self.today))
        let shell = try emptyShell()
        _ = try runShell(["import_users('\(copy)')"], shell: shell)
        #expect(loaded.coexistence.directory.count == 7)
        #expect(loaded.coexistence.state().globalPolicy.name == "SfBWithTeamsCollab")
        #expect(loaded.coexistence.users() == shell.workspace.coexistence.users())
    }
}
