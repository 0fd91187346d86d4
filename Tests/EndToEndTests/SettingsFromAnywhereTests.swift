import Testing

/// Output settings chosen on the command line, in -e code, in scripts and from Lua, as a cron job would;
/// tables into a pipe are ASCII; the README's examples of this, run as written.
@Suite struct SettingsFromAnywhereTests {
    let policiesCSV = "identity,mode,notify_sfb_users\nIslands,Islands,false\n"

    @Test func modeOnTheCommandLine() throws {
        let home = try TestHome()
        // README: coexist --mode csv -e 'policies()' > policies.csv
        let run = try PipedRun(["--mode", "csv", "-e", "policies()"], home: home)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix(policiesCSV), "\(run.stdout)")
        #expect(run.stdoutLines.count == 11)
    }

    @Test func anUnknownModeIsRefusedWithTheClosestSpelling() throws {
        let run = try PipedRun(["--mode", "cvs", "-e", "policies()"], home: try TestHome())
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown --mode 'cvs'") && run.stderr.contains("did you mean 'csv'?"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func headersMaxrowsAndNullvalueOnTheCommandLine() throws {
        let home = try TestHome()
        let noHeaders = try PipedRun(["--mode", "csv", "--no-headers", "-e", "policies()"], home: home)
        #expect(noHeaders.stdout.hasPrefix("Islands,Islands,false\n"), "\(noHeaders.stdout)")
        let headers = try PipedRun(["--mode", "csv", "--headers", "-e", "policies()"], home: home)
        #expect(headers.stdout.hasPrefix(policiesCSV))
        let few = try PipedRun(["--maxrows", "3", "-e", #"calls:by("building"):summary()"#], home: home)
        #expect(few.stdout.contains("rows (3 shown)\n"), "\(few.stdout)")
        let dash = try PipedRun(["--nullvalue", "<none>", "-e", #"calls:by("building"):summary()"#], home: home)
        #expect(dash.stdout.contains("| <none> "), "\(dash.stdout)")
        #expect(!dash.stdout.contains("NULL"))
        let negative = try PipedRun(["--maxrows", "-1", "-e", "1"], home: home)
        #expect(negative.status == 2 && negative.stderr.contains("--maxrows"))
        // 64 without a unit is 64 bytes: it used to abort the process in Lua's set-up; now it is refused.
        let tiny = try PipedRun(["--lua-memory", "64", "-e", "print(1)"], home: home)
        #expect(tiny.status == 2 && tiny.stderr.contains("--lua-memory 64 bytes is below"), "\(tiny.status) \(tiny.stderr)")
        let smallest = try PipedRun(["--lua-memory", "1M", "-e", "print(1)"], home: home)
        #expect(smallest.status == 0 && smallest.stdout == "1\n", "\(smallest.stderr)")
    }

    @Test func dotCommandsInECode() throws {
        let home = try TestHome()
        // README: coexist -e $'.mode tsv\n.headers off\npolicies()'
        let run = try PipedRun(["-e", ".mode tsv\n.headers off\npolicies()"], home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Islands\tIslands\tfalse\n"), "\(run.stdout)")
        let bad = try PipedRun(["-e", ".mdoe csv\nprint('after')"], home: home)
        #expect(bad.status == 1 && bad.stderr.contains("unknown dot-command .mdoe (did you mean 'mode'?)"), "\(bad.stderr)")
        #expect(!bad.stdout.contains("after"))
    }

    @Test func shellTableInECode() throws {
        // README: coexist -e 'shell.mode = "markdown"' -e 'modes()'
        let run = try PipedRun(["-e", #"shell.mode = "markdown""#, "-e", "modes()"], home: try TestHome())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| mode "), "\(run.stdout)")
        #expect(run.stdout.contains("| SfBOnly "))
    }

    @Test func dotCommandsInAScriptRunInPlaceAndKeepLineNumbers() throws {
        let home = try TestHome()
        let script = try home.write("""
            #!/usr/bin/env coexist
            local s = [[
            .mode json
            ]]
            .mode csv
            print(policies())
            .headers off
            print(modes())
            print(s)
            error("on line ten")

            """, to: "job.lua")
        let run = try PipedRun([script], home: home)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix(policiesCSV), "\(run.stdout)")
        #expect(run.stdout.contains("\nSfBOnly,SfB,SfB,"), "\(run.stdout)")
        #expect(!run.stdout.contains("mode,chat_calls_in"))
        // The dot-command inside the long string is text, printed as written.
        #expect(run.stdout.contains("\n.mode json\n"))
        #expect(run.stderr.contains("job.lua:10: on line ten"), "\(run.stderr)")
    }

    @Test func tablesIntoAPipeAreASCIIUnlessAsked() throws {
        let home = try TestHome()
        let plain = try PipedRun(["-e", "policies()"], home: home)
        #expect(plain.stdout.contains("\n+-------") && plain.stdout.contains("| Islands "), "\(plain.stdout)")
        #expect(!plain.stdout.contains("│") && !plain.stdout.contains("─"))
        let boxed = try PipedRun(["--mode", "box", "-e", "policies()"], home: home)
        #expect(boxed.stdout.contains("┌") && boxed.stdout.contains("│ Islands "))
        // No width limit into a pipe: the long texts of calls:fields() are whole.
        let fields = try PipedRun(["-e", "calls:fields()"], home: home)
        #expect(!fields.stdout.contains("…") && !fields.stdout.contains("hidden"))
        #expect(fields.stdout.contains("unknown, audio, video, vbss, appsharing"))
        // Unless asked.
        let narrow = try PipedRun(["-e", ".maxwidth 80\ncalls:fields()"], home: home)
        #expect(narrow.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }.allSatisfy { $0.count <= 80 }, "\(narrow.stdout)")
        #expect(narrow.stdout.contains("~"))
    }

    @Test func echoPrintsTheStatementBeforeItsOutput() throws {
        let run = try PipedRun(input: ".echo on\nprint('out')\n.headers off\n", home: try TestHome())
        #expect(run.stdoutLines == ["print('out')", "out", ".headers off"], "\(run.stdout)")
    }

    @Test func showSaysWhereOutputGoes() throws {
        let run = try PipedRun(input: ".show\n", home: try TestHome())
        #expect(run.stdout.contains(" output: stdout (not a terminal)\n"), "\(run.stdout)")
        #expect(run.stdout.contains("maxwidth: auto\n") && run.stdout.contains("  pager: off\n"))
    }

    @Test func noBannerIntoAPipe() throws {
        let run = try PipedRun(input: "print('x')\n", home: try TestHome())
        #expect(run.stdout == "x\n")
    }
}
