import Foundation
import Testing

/// At the `--lua-memory` cap the session goes on: a line typed there still compiles (the reserve in
/// CLuaBridge.h), so `keep = nil` frees what the globals hold, and the shell's own work (switching `.output`
/// back, committing its file at the end) still runs. Before the reserve every later line, `keep = nil`
/// included, failed with "not enough memory", and the session ended with "cannot write ''" and lost the
/// `.output` file.
@Suite struct MemoryCapPromptTests {
    /// Result sets kept in a global until the cap stops the loop: their rows are held by Swift and charged.
    static let fillTheCap = #"keep = {} for i = 1, 1e9 do keep[#keep + 1] = calls:poor():by("week"):summary() end"#

    @Test func aLineAtTheCapFreesWhatTheGlobalsHold() throws {
        let home = try TestHome()
        let input = """
            \(Self.fillTheCap)
            keep = nil
            do collectgarbage() end
            print("freed", collectgarbage("count") < 4096)
            print(#calls:poor():by("week"):summary() > 0)
            """
        let run = try PipedRun(["--lua-memory", "2M"], input: input + "\n", home: home, timeout: 60)
        #expect(run.status == 1, "the loop's error ends the run with 1: \(run.stderr)")
        #expect(run.stdoutLines == ["freed\ttrue", "true"], "\(run.stdout) | \(run.stderr)")
        #expect(run.stderr.components(separatedBy: "not enough memory").count == 2, "only the loop fails: \(run.stderr)")
        #expect(run.stderr.contains("hint: the session holds"), "\(run.stderr)")
        #expect(run.stderr.contains("of its 2.0 MB --lua-memory cap"), "\(run.stderr)")
    }

    @Test func atTheCapTheSessionStillEndsCleanly() throws {
        let home = try TestHome()
        let file = "\(home.root)/kept.txt"
        // The session ends while the globals still hold the whole budget: it used to say "cannot write ''".
        let plain = try PipedRun(["--lua-memory", "2M"], input: "\(Self.fillTheCap)\n", home: home, timeout: 60)
        #expect(plain.status == 1, "\(plain.stderr)")
        #expect(!plain.stderr.contains("cannot"), "\(plain.stderr)")
        // The same with an .output file: committed.
        let run = try PipedRun(["--lua-memory", "2M"], input: ".output \(file)\nprint('before')\n\(Self.fillTheCap)\n",
                               home: home, timeout: 60)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("cannot"), "\(run.stderr)")
        #expect((try? String(contentsOfFile: file, encoding: .utf8)) == "before\n", "\(run.stderr)")
        // Switching back by hand, at the cap, also works; once freed, what follows goes to standard output.
        let back = try PipedRun(["--lua-memory", "2M"], input: ".output \(file)\n\(Self.fillTheCap)\n.output\nkeep = nil\nprint(2)\n",
                                home: home, timeout: 60)
        #expect(back.stdoutLines == ["2"], "\(back.stderr)")
        #expect(!back.stderr.contains("cannot"), "\(back.stderr)")
    }
}
