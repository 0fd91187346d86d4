@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 18 item 3: Ctrl-C during a long `import_calls` at the prompt stops the import with its own error
/// (not Lua's bare "interrupted!", which the count hook Ctrl-C sets used to put in its place), nothing is
/// imported, and the shell goes on.
@Suite(.serialized) struct ImportInterruptTerminalTests {
    @Test func ctrlCStopsAGraphImportAtThePromptAndNothingIsImported() throws {
        let bench = CoexistBinary.directory + "/coexist-bench"
        let home = try TestHome()
        let template = home.root + "/template.json"
        try GraphImportMemoryTests.template.write(toFile: template, atomically: true, encoding: .utf8)
        // 100,000 records (about 217 MB): seconds to import, so Ctrl-C comes while it runs.
        let file = home.root + "/calls.page.json"
        let gen = try PipedRun(["graph-gen", "--records", "\(GraphImportMemoryTests.records)", "--seed", "18", "--shape", "page",
                                "--out", file, "--template", template], executable: bench, home: home, timeout: 120)
        #expect(gen.status == 0, "\(gen.stderr)")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let term = try PseudoTerminal(arguments: ["--empty", "-q", "--norc"], environment: home.environment(), columns: 120, rows: 30)
        try term.waitForPrompt()
        term.type("r = import_calls('\(file)')")
        // The progress line says the import is under way.
        try term.waitFor("importing calls.page.json: ", timeout: 60)
        term.send(PseudoTerminal.ctrlC)
        let shown = try term.waitFor("import stopped by Ctrl-C; nothing imported", timeout: 30)
        try term.waitForPrompt(timeout: 10)
        #expect(shown.contains("import_calls: \(file): import stopped by Ctrl-C; nothing imported"), "\(shown)")
        #expect(!shown.contains("interrupted!"), "\(shown)")
        // The shell goes on, with nothing imported and nothing journaled.
        term.type("print('count ' .. calls:count() .. ' r ' .. tostring(r))")
        try term.waitFor("count 0 r nil\n", timeout: 10)
        try term.waitForPrompt()
        term.send(PseudoTerminal.ctrlD)
        #expect(term.waitForExit(timeout: 30) == 0, "\(term.screen)")
    }
}
