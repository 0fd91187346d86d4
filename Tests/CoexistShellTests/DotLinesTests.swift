import Testing
@testable import CoexistShell

/// Which lines of Lua text are dot-commands: a "." and a letter at the start of a line, outside strings and comments.
@Suite struct DotLinesTests {
    @Test func commandLinesAtTheStartOfALine() {
        #expect(DotLines.commandLines(in: ".mode csv\nprint(1)\n.headers off") == [0, 2])
        #expect(DotLines.commandLines(in: "print(1)\n  .mode csv") == [])  // not at the start of the line
    }

    @Test func notInsideLongStringsCommentsOrContinuations() {
        let code = """
            local s = [[
            .mode csv
            ]]
            --[==[
            .headers off
            ]==]
            local t = "a\\
            .b"
            x = "a"
            .. "b"
            y = 1 +
            .5
            .timer on
            """
        #expect(DotLines.commandLines(in: code) == [12])
    }

    @Test func partsKeepOrderAndLineNumbers() {
        #expect(DotLines.parts(of: "x = 1\n.mode csv\ny = 2\nz = 3") == [
            .lua("x = 1", firstLine: 1), .command(".mode csv", line: 2), .lua("y = 2\nz = 3", firstLine: 3),
        ])
        #expect(DotLines.parts(of: "print(1)") == [.lua("print(1)", firstLine: 1)])
    }

    @Test func aScriptKeepsItsLineNumbersWhenRewritten() throws {
        let rewritten = try #require(DotLines.rewritingCommands(in: "a = 1\n.nullvalue \"-\" \\x\nb = 2\r\n.mode csv\r\n"))
        #expect(rewritten == "a = 1\nshell.command(\".nullvalue \\\"-\\\" \\\\x\")\nb = 2\r\nshell.command(\".mode csv\")\n")
        #expect(DotLines.rewritingCommands(in: "print(1)") == nil)
    }
}
