import Testing

/// The shell with standard input from a pipe: statements one at a time, no prompt, no line editing.
@Suite struct PipedTests {
    @Test func aFailingStatementExitsOneAndLaterStatementsStillRun() throws {
        let home = try TestHome()
        let run = try PipedRun(input: """
            print("before")
            error("mid-" .. "failure")
            print("after")

            """, home: home)
        #expect(run.status == 1)
        #expect(run.stdoutLines == ["before", "after"])
        #expect(run.stderr.contains("mid-failure"))
        #expect(!run.stdout.contains("mid-failure"))
    }

    @Test func statementsThatAllSucceedExitZero() throws {
        let home = try TestHome()
        let run = try PipedRun(input: "print(\"one\")\nprint(\"two\")\n", home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["one", "two"])
        #expect(run.stderr == "")
    }

    @Test func bailOnStopsAtTheFirstError() throws {
        let home = try TestHome()
        let run = try PipedRun(input: """
            .bail on
            print("before")
            error("mid-" .. "failure")
            print("after")

            """, home: home)
        #expect(run.status == 1)
        #expect(run.stdoutLines == ["before"])
        #expect(run.stderr.contains("mid-failure"))
    }

    @Test func ioReadSeesTheRestOfStandardInput() throws {
        let home = try TestHome()
        let run = try PipedRun(input: "x = io.read(\"l\")\nhello\nprint(\"got \" .. x)\n", home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["got hello"])
    }

    @Test func valuesOfExpressionsArePrinted() throws {
        let home = try TestHome()
        let run = try PipedRun(input: "1 + 2\n\"a\", 2, nil\nx = 5\nx * 2\n", home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["3", "a\t2\tnil", "10"])
    }

    @Test func incompleteStatementsContinueOnTheNextLines() throws {
        let home = try TestHome()
        let run = try PipedRun(input: "for i = 1, 3 do\n  print(i * 10)\nend\n", home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["10", "20", "30"])
    }

    @Test func outputSendsResultsToAFileUntilReset() throws {
        let home = try TestHome()
        let run = try PipedRun(input: """
            .output out.txt
            1 + 1
            print("printed")
            .output
            "back"

            """, home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["back"])
        #expect(home.read("out.txt") == "2\nprinted\n")
    }

    @Test func onceSendsOnlyTheNextResultToAFile() throws {
        let home = try TestHome()
        let run = try PipedRun(input: """
            .once once.txt
            "first"
            "second"

            """, home: home)
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["second"])
        #expect(home.read("once.txt") == "first\n")
    }
}
