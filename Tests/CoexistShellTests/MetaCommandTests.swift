import CoexistKit
import Testing
@testable import CoexistLua
@testable import CoexistShell

@Suite(.serialized) struct MetaCommandTests {
    let records = "result{{name='Ann', calls=3}, {name='Raj', calls=12}}"

    @Test func modeSwitchesHowResultsPrint() throws {
        let run = try runShell([".mode csv", records, ".mode json", records, ".mode line", records])
        #expect(run.output.contains("calls,name\n3,Ann\n12,Raj\n"))
        #expect(run.output.contains("{\"calls\":3,\"name\":\"Ann\"}"))
        #expect(run.output.contains("calls = 3\n name = Ann"))
        #expect(!run.hadError)
    }

    @Test func unknownModeIsAnErrorThatSuggests() throws {
        let run = try runShell([".mode jsno", records])
        #expect(run.hadError)
        #expect(run.output.contains("| Ann  |"))  // still the default table mode (ASCII into a file)
    }

    @Test func headersOffDropsTheHeaderLine() throws {
        let run = try runShell([".mode csv", ".headers off", records])
        #expect(run.output == "3,Ann\n12,Raj\n")
    }

    @Test func maxrowsElidesTheMiddleAndSaysHowMany() throws {
        let many = "(function() local t = {} for i = 1, 100 do t[i] = {n = i} end return result(t) end)()"
        let run = try runShell([".maxrows 6", many])
        #expect(run.output.contains("100 rows (6 shown)"))
        #expect(run.output.contains("|   1 |"), "\(run.output)")
        #expect(run.output.contains("100"))
        #expect(!run.output.contains("|  50 |"))
        let all = try runShell([".maxrows 0", many])
        #expect(all.output.contains("50"))
        #expect(!all.output.contains("shown"))
    }

    @Test func outputSendsResultsToAFileAndBack() throws {
        let file = tempPath("output.csv")
        let run = try runShell(["print('before')", ".mode csv", ".output \(file)", records, "print('also printed')", ".output"])
        #expect(readFile(file) == "calls,name\n3,Ann\n12,Raj\nalso printed\n")
        #expect(run.output == "before\n")
    }

    @Test func onceSendsOnlyTheNextStatement() throws {
        let file = tempPath("once.txt")
        let run = try runShell([".once \(file)", "print('first')", "print('second')"])
        #expect(readFile(file) == "first\n")
        #expect(run.output.contains("second"))
        #expect(!run.output.contains("first"))
    }

    @Test func readRunsAFileAsIfTyped() throws {
        let file = tempPath("script.coexist")
        try AtomicFile.write("x = 20\n.mode csv\nresult{{v = x + 1}}\nerror('in file')\n", to: file)
        let run = try runShell([".read \(file)", "print(x)"])
        #expect(run.output.contains("v\n21\n"))
        #expect(run.output.contains("20\n"))
        #expect(run.hadError)
    }

    @Test func bailStopsAtTheFirstError() throws {
        let run = try runShell([".bail on", "print('one')", "error('stop here')", "print('never')"])
        #expect(run.output.contains("one"))
        #expect(!run.output.contains("never"))
        #expect(!run.completed)
    }

    @Test func withoutBailLaterStatementsStillRun() throws {
        let run = try runShell(["error('first fails')", "print('still runs')"])
        #expect(run.hadError)
        #expect(run.output.contains("still runs"))
    }

    @Test func multiLineChunkIsOneHistoryEntry() throws {
        let run = try runShell(["for i = 1, 2 do", "  print(i)", "end", "1 + 1"])
        #expect(run.output == "1\n2\n2\n")
        #expect(run.remembered == ["for i = 1, 2 do\n  print(i)\nend", "1 + 1"])
    }

    @Test func helpDocumentsEveryCommand() throws {
        let run = try runShell([".help"])
        for name in ["help", "quit", "mode", "headers", "maxrows", "timer", "read", "output", "once", "bail"] {
            #expect(run.output.contains(".\(name)"), "missing .\(name)")
        }
        let one = try runShell([".help mode"])
        #expect(one.output.contains(".mode table|box|ascii|csv|tsv|json|markdown|line"))
    }

    @Test func quitStopsReading() throws {
        let run = try runShell(["print('a')", ".quit", "print('b')"])
        #expect(run.output == "a\n")
    }

    @Test func unknownDotCommandIsAnError() throws {
        let run = try runShell([".mdoe csv"])
        #expect(run.hadError)
    }

    @Test func errorLinesPointIntoTheInput() {
        let msg = Shell.relocate("stdin:2: boom\nstack traceback:\n\tstdin:2: in main chunk", source: "stdin", by: 9)
        #expect(msg == "stdin:11: boom\nstack traceback:\n\tstdin:11: in main chunk")
    }

    @Test func plainValuesPrintAsLuaDoesAndTablesReadably() throws {
        let run = try runShell(["1, 2.5, 'x', nil, true", "{b = 2, a = {1, 2}, [10] = 'ten', ['not id'] = 1}"])
        #expect(run.output.contains("1\t2.5\tx\tnil\ttrue\n"))
        #expect(run.output.contains("{ [10] = \"ten\", a = { 1, 2 }, b = 2, [\"not id\"] = 1 }"))
        #expect(!run.output.contains("table: 0x"))
    }

    @Test func lastValueIsKeptInUnderscore() throws {
        let run = try runShell(["6 * 7", "_ + 1"])
        #expect(run.output == "42\n43\n")
    }
}
