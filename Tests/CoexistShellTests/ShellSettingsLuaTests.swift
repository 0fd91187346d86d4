import Testing
@testable import CoexistShell
@testable import CoexistLua
import CoexistKit

/// `shell.mode = "csv"` and every other setting from Lua, checked as the dot-commands check them.
@Suite(.serialized) struct ShellSettingsLuaTests {
    @Test func settingsFromLuaChangeWhatTheShellPrints() throws {
        let run = try runShell([#"shell.mode = "csv""#, "shell.headers = false", "policies()"], shell: try tenantShell())
        #expect(!run.hadError)
        #expect(run.output.hasPrefix("Islands,Islands,false\n"), "\(run.output)")
    }

    @Test func everySettingReadsBackWhatWasSet() throws {
        let shell = try makeShell()
        let lines = [
            #"shell.mode = "tsv"; shell.maxrows = 7; shell.maxwidth = 120; shell.width = {5, 0, 9}"#,
            #"shell.nullvalue = "-"; shell.timer = false; shell.bail = true; shell.echo = false; shell.pager = "off""#,
            "print(shell.mode, shell.maxrows, shell.maxwidth, table.concat(shell.width, ' '), shell.nullvalue, shell.bail, shell.pager)",
        ]
        let run = try runShell(lines, shell: shell)
        #expect(run.output.contains("tsv\t7\t120\t5 0 9\t-\ttrue\toff\n"), "\(run.output)")
        #expect(shell.settings.render.mode == .tsv && shell.settings.render.columnWidths == [5, 0, 9] && !shell.settings.autoWidth)
        #expect(shell.engine.renderOptions.mode == .tsv)
    }

    @Test func numbersFromLuaIsTheDotCommandsSetting() throws {
        let shell = try makeShell()
        let run = try runShell([#"shell.numbers = 4; print(shell.numbers); shell.numbers = "auto"; print(shell.numbers)"#], shell: shell)
        #expect(run.output.contains("4\nauto\n"), "\(run.output)")
        #expect(shell.settings.render.numbers == nil)
        if case .failure(let e) = shell.engine.evaluate("shell.numbers = 13") {
            #expect(e.message.contains("0 to 12"), "\(e.message)")
        } else { Issue.record("shell.numbers = 13 was accepted") }
    }

    @Test("unknown settings and bad values are refused, naming the closest", arguments: [
        (#"shell.mdoe = "csv""#, "did you mean 'mode'?"),
        (#"shell.mode = "cvs""#, "did you mean 'csv'?"),
        ("shell.maxrows = -1", ".maxrows N"),
        ("shell.maxrows = 2.5", "whole number"),
        (#"shell.headers = "maybe""#, "true or false"),
        (#"shell.output = "x.txt""#, "cannot be set"),
        ("print(shell.hedaers)", "did you mean 'headers'?"),
        (#"shell.pager = "sometimes""#, "on, off or auto"),
        ("shell.width = {5, -1}", ".width takes whole numbers"),
        ("shell.maxwidth = 3", "too narrow"),
    ])
    func refused(_ line: String, _ message: String) throws {
        let shell = try makeShell()
        let before = shell.settings.render
        let capture = tempPath("refused.txt")
        try shell.engine.redirectOutput(to: capture)
        let outcome = shell.engine.evaluate(line)
        try shell.engine.redirectOutput(to: nil)
        guard case .failure(let e) = outcome else { Issue.record("\(line) was accepted"); return }
        #expect(e.message.contains(message), "\(e.message)")
        // The error points at the line that set it, not inside the shell table.
        #expect(e.message.hasPrefix("stdin:1:"), "\(e.message)")
        #expect(shell.settings.render == before)
    }

    @Test func shellCommandRunsADotCommand() throws {
        let shell = try makeShell()
        _ = try runShell([#"shell.command(".mode json")"#], shell: shell)
        #expect(shell.settings.render.mode == .json)
        if case .failure(let e) = shell.engine.evaluate(#"shell.command(".quit")"#) {
            #expect(e.message.contains("leaves the prompt only"))
        } else { Issue.record(".quit from Lua was accepted") }
        if case .failure(let e) = shell.engine.evaluate(#"shell.command(".mdoe csv")"#) {
            #expect(e.message.contains("did you mean 'mode'?"))
        } else { Issue.record("an unknown dot-command was accepted") }
    }
}

/// A shell over the demo tenant with every binding a session installs (modes(), policies(), calls ...).
func tenantShell() throws -> Shell {
    let engine = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
    let workspace = Workspace.demo(users: 50)
    Bindings.install(workspace, in: engine)
    return Shell(engine: engine, workspace: workspace)
}
