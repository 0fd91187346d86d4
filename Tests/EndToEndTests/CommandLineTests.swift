import Testing

/// The command line: scripts and their arguments, -e, -i, --sandbox, --version and usage errors.
@Suite struct CommandLineTests {
    @Test func aScriptGetsItsArguments() throws {
        let home = try TestHome()
        let script = try home.write("""
            print(select("#", ...), ...)
            print(#arg, arg[0], arg[1], arg[2])

            """, to: "args.lua")
        let run = try PipedRun([script, "a", "b c"], home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["2\ta\tb c", "2\t\(script)\ta\tb c"])
    }

    @Test func aFailingScriptExitsOne() throws {
        let home = try TestHome()
        let script = try home.write("print(\"start\")\nerror(\"script-\" .. \"failure\")\nprint(\"never\")\n", to: "fails.lua")
        let run = try PipedRun([script], home: home)
        #expect(run.status == 1)
        #expect(run.stdoutLines == ["start"])
        #expect(run.stderr.contains("script-failure"))
    }

    @Test func aShebangScriptRunsWhenCoexistIsOnPath() throws {
        let home = try TestHome()
        let script = try home.write("#!/usr/bin/env coexist\nprint(\"shebang\", ...)\n", to: "hello", executable: true)
        let run = try PipedRun(["x"], executable: script, home: home, path: "\(CoexistBinary.directory):/usr/bin:/bin")
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["shebang\tx"])
    }

    @Test func eIsRepeatableAndPrintsValues() throws {
        let home = try TestHome()
        let run = try PipedRun(["-e", "x = 20", "-e", "x + 22", "-e", "print(\"done\")"], home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["42", "done"])
    }

    @Test func iAfterEEntersTheShell() throws {
        let home = try TestHome()
        let term = try home.terminal("-e", "pre_marker = 21", "-i")
        try term.waitForPrompt()
        term.type("pre_marker * 2")
        try term.waitFor("\n42\n")
        try term.waitForPrompt()
        term.send(PseudoTerminal.ctrlD)
        #expect(term.waitForExit() == 0)
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let home = try TestHome()
        let run = try PipedRun(["--bogus"], home: home)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.stderr.contains("--bogus"))
        #expect(run.stderr.contains("--help"))
    }

    @Test func versionExitsZero() throws {
        let home = try TestHome()
        let run = try PipedRun(["--version"], home: home)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("coexist "))
        #expect(run.stdout.contains("Lua 5.4"))
    }

    @Test func sandboxRemovesOsExecute() throws {
        let home = try TestHome()
        let code = "print(os.execute == nil, io.popen == nil)"
        let open = try PipedRun(["-e", code], home: home)
        #expect(open.stdoutLines == ["false\tfalse"])
        let boxed = try PipedRun(["--sandbox", "-e", code], home: home)
        #expect(boxed.status == 0)
        #expect(boxed.stdoutLines == ["true\ttrue"])
    }
}
