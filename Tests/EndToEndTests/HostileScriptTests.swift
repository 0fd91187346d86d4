import Foundation
import Testing

/// Issue 12: no Lua code crashes the process. Each script in Fixtures/hostile is run by the real binary and
/// must end in a Lua error (status 1) or a result (status 0), never a signal. Adding a script there adds a case.
@Suite struct HostileScriptTests {
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures/hostile").path
    }()

    static let scripts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".lua") }.sorted()
    }()

    /// A small demo tenant keeps the scripts that call every builtin quick; the code paths are the same.
    static func run(_ script: String, home: TestHome) throws -> PipedRun {
        try PipedRun(["--demo-size", "50", "\(directory)/\(script)"], home: home, timeout: 120)
    }

    @Test func theCorpusIsThere() {
        // A missing directory would make the parameterised test below pass with no cases.
        #expect(Self.scripts.count >= 20)
        #expect(Self.scripts.contains("every_builtin_wrong_types.lua"))
    }

    @Test(arguments: scripts)
    func endsInAnErrorOrAResultNeverASignal(_ script: String) throws {
        let home = try TestHome()
        let run = try Self.run(script, home: home)
        #expect(!run.signalled, "\(script) was killed by signal \(run.status): \(run.stderr.prefix(600))")
        #expect(run.status == 0 || run.status == 1, "\(script) exited \(run.status): \(run.stderr.prefix(600))")
        #expect(!run.stderr.contains("Fatal error"), "\(script): \(run.stderr.prefix(600))")
    }

    @Test func aNilErrorObjectSaysSoAtTheTopLevel() throws {
        let home = try TestHome()
        let run = try Self.run("error_nil.lua", home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("where(function) failed on row 1: (error object is a nil value)"))
    }

    @Test func aTableErrorObjectShowsItsTostring() throws {
        let home = try TestHome()
        let run = try Self.run("error_objects.lua", home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("the final error"))
        #expect(run.stdout.contains("(error object is a table value)"))
        #expect(run.stdout.contains("custom error"))
    }

    @Test func outOfRangeDatesNameTheValue() throws {
        let home = try TestHome()
        let cases = [("date_nan.lua", "date out of range: nan"), ("date_huge.lua", "date out of range: 1e+308"),
                     ("date_mininteger.lua", "date out of range: -9223372036854775808"),
                     ("date_plus_huge.lua", "date out of range: 2026-01-01 + 1e+300 days"),
                     ("routing_matrix_infinite_day.lua", "routing_matrix: option 'on': date out of range: inf")]
        for (script, message) in cases {
            let run = try Self.run(script, home: home)
            #expect(run.status == 1, "\(script)")
            #expect(run.stderr.contains(message), "\(script): \(run.stderr.prefix(300))")
        }
    }

    @Test func iteratorsAndQueriesOutliveTheirCoroutine() throws {
        let home = try TestHome()
        let made = try Self.run("rows_iterator_made_in_coroutine.lua", home: home)
        #expect(made.status == 0 && made.stdoutLines == ["11"], "\(made.stderr.prefix(300))")
        let stepped = try Self.run("rows_iterator_stepped_in_coroutine.lua", home: home)
        #expect(stepped.stdoutLines == ["1", "2", "3", "4"], "\(stepped.stderr.prefix(300))")
        let query = try Self.run("where_function_made_in_coroutine.lua", home: home)
        #expect(query.status == 0, "\(query.stderr.prefix(300))")
        #expect(query.stdoutLines.count == 2)
    }
}
