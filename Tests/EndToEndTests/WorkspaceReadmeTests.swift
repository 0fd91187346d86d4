@preconcurrency import Glibc
import Foundation
import Testing

/// The README's Workspaces examples, run as written: save and reopen from the command line, then sqlite3 and
/// DuckDB's SQLite scanner on the file, each checked against what coexist itself says of the same tenant.
@Suite(.serialized) struct WorkspaceReadmeTests {
    static let readme: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let save = #"coexist -e 'cohort("Pilot"):move("TeamsOnly")' -e 'save("contoso.db")'"#
    static let sqlite = #"sqlite3 contoso.db "SELECT effective_mode, count(*) FROM grants GROUP BY effective_mode ORDER BY effective_mode""#
    static let duckdb = #"duckdb -c "INSTALL sqlite; LOAD sqlite; SELECT cohort, count(*) AS users FROM sqlite_scan('contoso.db', 'grants') GROUP BY cohort ORDER BY cohort""#

    func shell(_ line: String, home: TestHome) throws -> PipedRun {
        let bin = CoexistBinary.directory
        return try PipedRun(["-c", line], executable: "/bin/sh", home: home,
                            path: bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), timeout: 120)
    }

    /// Users per value of a column of `tenant.users:table()`, as coexist prints them.
    func counts(column: String, home: TestHome) throws -> [String: Int] {
        let run = try PipedRun(["--open", "contoso.db", "--readonly", "--mode", "csv", "-e", "tenant.users:table()"], home: home, timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let at = try #require(lines.first?.firstIndex(of: column))
        var out: [String: Int] = [:]
        for row in lines.dropFirst() { out[row[at], default: 0] += 1 }
        return out
    }

    func saved() throws -> TestHome {
        let home = try TestHome()
        let made = try shell(Self.save, home: home)
        #expect(made.status == 0, Comment(rawValue: made.stderr))
        return home
    }

    @Test func theExamplesAreTheReadmes() {
        for example in [Self.save, "coexist contoso.db", Self.sqlite, Self.duckdb] {
            #expect(Self.readme.contains("\n" + example + "\n"), "README lacks: \(example)")
        }
    }

    @Test func aSavedWorkspaceOpensWithItsChangeAndName() throws {
        let home = try saved()
        let reopened = try PipedRun(["contoso.db"], input: "print(#changes)\nprint(changes[1])\n", home: home, timeout: 60)
        #expect(reopened.status == 0, Comment(rawValue: reopened.stderr))
        #expect(reopened.stdout.hasPrefix("1\n"))
        #expect(reopened.stdout.contains("cohort 'Pilot'"))
        _ = try shell("cp contoso.db pilot.db", home: home)
        let named = try PipedRun(["--open", "pilot.db", "-e", "print(tenant)"], home: home, timeout: 60)
        #expect(named.stdout.hasPrefix("tenant pilot:"), Comment(rawValue: named.stdout + named.stderr))
    }

    @Test func sqlite3ReadsTheFile() throws {
        let home = try saved()
        guard access("/usr/bin/sqlite3", X_OK) == 0 || (try? shell("command -v sqlite3", home: home))?.status == 0 else {
            Issue.record("sqlite3 is not installed: scripts/setup installs it")
            return
        }
        let run = try shell(Self.sqlite, home: home)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        var got: [String: Int] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: "|")
            got[String(parts[0])] = Int(parts[1])
        }
        let expected = try counts(column: "mode", home: home)
        #expect(got == expected)
        #expect(got["TeamsOnly", default: 0] > 0)
    }

    @Test func duckdbsSQLiteScannerReadsTheFile() throws {
        let home = try saved()
        guard (try shell("command -v duckdb", home: home)).status == 0 else {
            print("skipped: duckdb is not installed (the DuckDB CLI; scripts/duckdb-compare.py uses pip install duckdb)")
            return
        }
        let run = try shell(Self.duckdb, home: home)
        guard run.status == 0 else {
            print("skipped: duckdb could not load its sqlite extension (offline?): \(run.stderr)")
            return
        }
        let expected = try counts(column: "cohort", home: home)
        for (cohort, n) in expected where !cohort.isEmpty {
            #expect(run.stdout.contains(cohort) && run.stdout.contains("\(n)"), "\(cohort) \(n)")
        }
    }
}

/// `.save` and `.open` at the prompt (piped), with `--readonly` and their refusals.
@Suite struct WorkspaceDotCommandTests {
    @Test func saveThenOpenAtThePrompt() throws {
        let home = try TestHome()
        let input = """
            cohort("Pilot"):move("TeamsOnly")
            .save w1.db
            undo()
            print(#changes)
            .open w1.db
            print(#changes)
            print(tenant)
            .open w1.db --readonly
            .open w1.db --readonyl
            .open missing.db
            """
        let run = try PipedRun(["-q", "--demo-size", "30"], input: input + "\n", home: home, timeout: 60)
        #expect(run.stdout.contains("saved tenant contoso: 30 users"))
        #expect(run.stdout.contains("\n0\n"))
        #expect(run.stdout.contains("opened w1.db: tenant w1: 30 users"))
        #expect(run.stdout.contains("1 change(s)\n1\ntenant w1:"))
        #expect(run.stdout.contains("opened w1.db (read-only)"))
        #expect(run.stderr.contains("unknown option '--readonyl' (did you mean '--readonly'?)"), Comment(rawValue: run.stderr))
        #expect(run.stderr.contains("workspace missing.db: No such file or directory"), Comment(rawValue: run.stderr))
        let view = try PipedRun(["--open", "w1.db", "--readonly", "-e", "undo()"], home: home, timeout: 60)
        #expect(view.status != 0)
        #expect(view.stderr.contains("opened --readonly: changes are refused"), Comment(rawValue: view.stderr))
        let bad = try PipedRun(["--readonly", "-e", "print(1)"], home: home, timeout: 60)
        #expect(bad.stderr.contains("--readonly needs a workspace"))
    }
}

/// Under --sandbox a workspace is only looked at (or opened inside the sandbox directory): it is written on every change.
@Suite struct WorkspaceSandboxTests {
    @Test func aSandboxedSessionOpensAWorkspaceReadOnly() throws {
        let home = try TestHome()
        _ = try PipedRun(["--demo-size", "20", "-e", "save('s.db')"], home: home, timeout: 60)
        let refused = try PipedRun(["--sandbox", "--open", "s.db", "-e", "print(1)"], home: home, timeout: 60)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--sandbox writes no workspace"), Comment(rawValue: refused.stderr))
        let view = try PipedRun(["--sandbox", "--open", "s.db", "--readonly", "-e", "print(#changes)"], home: home, timeout: 60)
        #expect(view.status == 0, Comment(rawValue: view.stderr))
        let dot = try PipedRun(["--sandbox", "-q"], input: ".open s.db\n", home: home, timeout: 60)
        #expect(!dot.stdout.contains("opened s.db"), Comment(rawValue: dot.stdout))
        #expect(!dot.stderr.isEmpty)
    }
}
