import Testing
@testable import CoexistShell
@testable import CoexistLua
import CoexistKit

/// `.help CMD` explains a dot-command in full, with examples; `.show` says where output goes.
@Suite(.serialized) struct MetaCommandHelpTests {
    @Test func everyDotCommandHasDetailsAndExamples() {
        for command in MetaCommands.all {
            let doc = MetaCommandDocs.entries[command.name]
            #expect(doc != nil && !doc!.details.isEmpty && !doc!.examples.isEmpty, ".\(command.name) has no full help")
        }
        #expect(Set(MetaCommandDocs.entries.keys) == Set(MetaCommands.all.map(\.name)))
    }

    @Test("the full help of a command", arguments: ["width", ".width", "mode", "pager", "maxwidth", "echo"])
    func fullHelp(_ name: String) throws {
        let run = try runShell([".help \(name)"])
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        let doc = try #require(MetaCommandDocs.entries[bare])
        #expect(run.output.contains("Examples:\n"), "\(run.output)")
        for example in doc.examples { #expect(run.output.contains("  " + example + "\n")) }
        #expect(run.output.split(separator: "\n").count >= 5)
    }

    @Test func newModesAndSettingsAreAccepted() throws {
        let shell = try tenantShell()
        let run = try runShell([".mode tsv", "policies()", ".mode box", ".width 3 0", ".maxwidth 50", ".pager auto", ".show"], shell: shell)
        #expect(!run.hadError)
        #expect(run.output.hasPrefix("identity\tmode\tnotify_sfb_users\nIslands\tIslands\tfalse\n"), "\(run.output)")
        #expect(run.output.contains("   mode: box\n") && run.output.contains("  width: 3 0\n"))
        #expect(run.output.contains("maxwidth: 50\n") && run.output.contains("  pager: auto\n"))
    }

    @Test func showNamesTheOutputFile() throws {
        let shell = try makeShell()
        let file = tempPath("show-output.txt")
        let run = try runShell([".output \(file)", ".show", ".output"], shell: shell)
        #expect(!run.hadError)
        #expect(readFile(file)?.contains(" output: \(file) (.output)\n") == true, "\(readFile(file) ?? "")")
    }

    @Test("bad values are refused", arguments: [".width x", ".width -2", ".maxwidth 5", ".maxwidth wide", ".pager maybe", ".mode tvs"])
    func refused(_ line: String) throws {
        let run = try runShell([line])
        #expect(run.hadError)
    }

    @Test func widthAloneMakesEveryColumnAutomaticAgain() throws {
        let shell = try tenantShell()
        let run = try runShell([".width 4 0", "policies()", ".width", "policies()"], shell: shell)
        #expect(run.output.contains("| Isl~ |"), "\(run.output)")
        #expect(run.output.contains("| Islands "), "\(run.output)")
        #expect(shell.settings.render.columnWidths.isEmpty)
    }

    @Test func aSandboxedSessionRunsNoPager() throws {
        let shell = try makeShell(sandbox: true)
        // The harness captures output through a file, which a sandbox may not write; the loop alone says enough.
        shell.loop(ScriptedReader([".pager on", ".pager auto"]), interactive: false)
        #expect(shell.hadError)
        #expect(shell.settings.pager == .off)
    }

    @Test func echoNeverGoesIntoAnOnceFile() throws {
        let file = tempPath("echo-once.csv")
        let run = try runShell([".echo on", ".mode csv", ".once \(file)", "policies()"], shell: try tenantShell())
        #expect(!run.hadError)
        let csv = readFile(file) ?? ""
        #expect(csv.hasPrefix("identity,mode,notify_sfb_users\n"), "\(csv)")
        #expect(!csv.contains("policies()"))
    }
}
