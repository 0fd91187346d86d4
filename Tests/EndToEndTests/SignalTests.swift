@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 12, item 6: SIGTERM and SIGHUP at the prompt end only this process, after it saved its history and
/// restored the terminal; output into `head` ends quietly with status 141 (death by SIGPIPE, as `cat`).
@Suite struct SignalTests {
    /// `bash -c 'coexist ...; echo after'` on a terminal: whether the line after coexist still runs is
    /// whether the signal stayed with coexist.
    func shellAroundCoexist(_ home: TestHome) throws -> PseudoTerminal {
        let inner = "\(CoexistBinary.path) --empty -i -e 'print(\"pid=\" .. io.open(\"/proc/self/stat\"):read(\"n\"))'"
        return try PseudoTerminal("/bin/bash", arguments: ["--norc", "-c", "\(inner); echo \"after-coexist status=$?\""],
                                  environment: home.environment())
    }

    func pid(in screen: String) -> pid_t? {
        guard let r = screen.range(of: "pid=") else { return nil }
        return pid_t(screen[r.upperBound...].prefix(while: { $0.isNumber }))
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalAtThePromptEndsOnlyCoexist(_ signal: Int32) throws {
        let home = try TestHome()
        let term = try shellAroundCoexist(home)
        let shown = try term.waitFor("coexist> ")
        let coexist = try #require(pid(in: shown))
        term.type(#"x = "kept-" .. "in-history""#)
        try term.waitForPrompt()
        kill(coexist, signal)
        // bash outlives it and runs the next command; coexist's status is 128 + the signal.
        try term.waitFor("after-coexist status=\(128 + signal)")
        #expect(term.waitForExit() == 0)
        #expect(home.read(home.historyFile)?.contains("kept-") == true)
    }

    @Test func theTerminalIsRestoredWhenASignalEndsTheShell() throws {
        let home = try TestHome()
        let inner = "\(CoexistBinary.path) --empty -i -e 'print(\"pid=\" .. io.open(\"/proc/self/stat\"):read(\"n\"))'"
        // stty reads the terminal's modes after coexist ended: icanon and echo are back on.
        let term = try PseudoTerminal("/bin/bash", arguments: ["--norc", "-c", "\(inner); stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo modes-done"],
                                      environment: home.environment())
        let shown = try term.waitFor("coexist> ")
        kill(try #require(pid(in: shown)), SIGTERM)
        let after = try term.waitFor("modes-done")
        #expect(after.contains("icanon echo"), "\(after)")
    }

    /// `coexist ... | head -1` run by bash; PIPESTATUS[0] is coexist's status.
    func intoHead(_ code: String, ignoringSIGPIPE: Bool, home: TestHome) throws -> PipedRun {
        let trap = ignoringSIGPIPE ? "trap '' PIPE; " : ""
        let script = "\(trap)\(CoexistBinary.path) --empty -e '\(code)' | head -1; echo \"status=${PIPESTATUS[0]}\""
        return try PipedRun(["--norc", "-c", script], executable: "/bin/bash", home: home, timeout: 30)
    }

    @Test(arguments: [false, true])
    func outputIntoHeadEndsQuietlyWith141(_ ignoringSIGPIPE: Bool) throws {
        let home = try TestHome()
        for code in ["for i = 1, 1e8 do print(i) end", "while true do io.write(\"line\\n\") end"] {
            let run = try intoHead(code, ignoringSIGPIPE: ignoringSIGPIPE, home: home)
            #expect(run.stdoutLines.count == 2, "\(code): \(run.stdout.prefix(200))")
            #expect(run.stdoutLines.last == "status=141", "\(code) (SIGPIPE ignored by the parent: \(ignoringSIGPIPE))")
            #expect(run.stderr.isEmpty, "\(code): \(run.stderr.prefix(300))")
        }
    }
}
