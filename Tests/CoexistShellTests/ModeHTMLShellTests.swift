import Testing
@testable import CoexistShell

/// `.mode html` is an output mode like the others, and print/tostring follow the shell's settings.
@Suite struct ModeHTMLShellTests {
    @Test func modeHTMLPrintsAnEscapedTable() throws {
        let run = try runShell([".mode html", "result{{name='<a&b>', n=1}}"])
        #expect(!run.hadError)
        #expect(run.output == "<table>\n<tr><th>n</th><th>name</th></tr>\n<tr><td class=\"num\">1</td><td>&lt;a&amp;b&gt;</td></tr>\n</table>\n")
    }

    @Test func printAndTostringFollowTheShellSettings() throws {
        let run = try runShell([".mode csv", ".headers off", "print(result{{n=1}, {n=2}})", "x = tostring(result{{n=3}})", "print(x)"])
        #expect(run.output == "1\n2\n3\n")
        let nulls = try runShell([".mode line", ".nullvalue -", "print(result({{a=1}, {b=2}}, {'a', 'b'}))"])
        #expect(nulls.output.contains("a = -"))
    }

    @Test func anUnknownModeNamesTheClosest() throws {
        let run = try runShell([".mode htm"])
        #expect(run.hadError)
        #expect(!run.output.contains("<table"))
    }
}
