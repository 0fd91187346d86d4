@preconcurrency import Glibc
import Testing

/// The shell on a terminal: tables fit its width, the pager, the banner, line numbers of errors, the `local` hint.
@Suite struct TerminalSurfaceTests {
    let prompt = "coexist> "

    func boxLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("└") }
    }

    func width(_ line: String) -> Int { line.unicodeScalars.count }

    @Test("listings fit the terminal and show every row", arguments: ["calls:fields()", "modes()", "policies()"])
    func listingsFitTheTerminal(_ code: String) throws {
        let home = try TestHome()
        let term = try PseudoTerminal(arguments: ["--empty", "-q"], environment: home.environment(), columns: 100, rows: 30)
        try term.waitForPrompt()
        term.type(code)
        let shown = try term.waitForPrompt()
        let box = boxLines(shown)
        #expect(box.count >= 4, "\(shown)")
        #expect(box.allSatisfy { width($0) <= 100 }, "\(shown)")
        #expect(!shown.contains("shown)") && !shown.contains("NULL"), "\(shown)")
    }

    @Test func fieldsCutLongTextAtOneHundredColumns() throws {
        let home = try TestHome()
        let term = try PseudoTerminal(arguments: ["--empty", "-q"], environment: home.environment(), columns: 100, rows: 30)
        try term.waitForPrompt()
        term.type("calls:fields()")
        let shown = try term.waitForPrompt()
        #expect(shown.contains("…"), "\(shown)")
        // Every one of the fields is listed.
        #expect(shown.contains("call_id") && shown.contains("poor_reason") && shown.contains("month"))
    }

    @Test func aNarrowTerminalHidesColumnsAndSaysHowToSeeThem() throws {
        let home = try TestHome()
        let term = try PseudoTerminal(arguments: ["--empty", "-q"], environment: home.environment(), columns: 60, rows: 30)
        try term.waitForPrompt()
        term.type("modes()")
        let shown = try term.waitForPrompt()
        #expect(boxLines(shown).allSatisfy { width($0) <= 60 }, "\(shown)")
        #expect(shown.contains("columns hidden (") && shown.contains(".mode line shows every column"), "\(shown)")
        // .maxwidth 0 lifts the limit.
        term.type(".maxwidth 0")
        try term.waitForPrompt()
        term.type("modes()")
        let whole = try term.waitForPrompt()
        #expect(!whole.contains("hidden") && whole.contains("allow_channel_meeting_scheduling"), "\(whole)")
        // And auto fits the terminal again.
        term.type(".maxwidth auto")
        try term.waitForPrompt()
        term.type("modes()")
        #expect(try term.waitForPrompt().contains("columns hidden ("))
    }

    @Test func theBannerNamesTheTenantAndWhereToStart() throws {
        let home = try TestHome()
        let term = try home.terminal()
        let before = try term.waitForPrompt()
        #expect(before.contains("tenant coexist (") && before.contains("help() for the Lua API, .help for dot-commands"), "\(before)")
        let quiet = try home.terminal("--quiet")
        let none = try quiet.waitForPrompt()
        #expect(!none.contains("help()"), "\(none)")
    }

    @Test func thePagerShowsResultsWhenAsked() throws {
        let home = try TestHome()
        let pager = try home.write("#!/bin/sh\necho '[paged]'\ncat\n", to: "bin/fake-pager", executable: true)
        var environment = home.environment()
        environment["PAGER"] = pager
        let term = try PseudoTerminal(arguments: ["--empty", "-q"], environment: environment, columns: 100, rows: 20)
        try term.waitForPrompt()
        // Off by default.
        term.type("policies()")
        #expect(try !term.waitForPrompt().contains("[paged]"))
        term.type(".pager on")
        try term.waitForPrompt()
        term.type("policies()")
        let paged = try term.waitForPrompt()
        #expect(paged.contains("[paged]") && paged.contains("IslandsWithNotify"), "\(paged)")
        // auto: only what is taller than the screen (20 rows) goes through the pager.
        term.type(".pager auto")
        try term.waitForPrompt()
        term.type("1 + 1")
        #expect(try !term.waitForPrompt().contains("[paged]"))
        term.type("calls:fields()")
        #expect(try term.waitForPrompt().contains("[paged]"))
    }

    @Test func errorsAtThePromptCountLinesWithinTheStatement() throws {
        let home = try TestHome()
        let term = try home.terminal("-q")
        try term.waitForPrompt()
        for n in 1...3 {
            term.type("x\(n) = \(n)")
            try term.waitForPrompt()
        }
        term.type(#"error("boom")"#)
        let one = try term.waitForPrompt()
        #expect(one.contains("stdin:1: boom"), "\(one)")
        term.type("if true then")
        try term.waitFor("...> ")
        term.type(#"  error("two")"#)
        try term.waitFor("...> ")
        term.type("end")
        let two = try term.waitForPrompt()
        #expect(two.contains("stdin:2: two"), "\(two)")
    }

    @Test func aLocalAtThePromptGetsAHintOnce() throws {
        let home = try TestHome()
        let term = try home.terminal("-q")
        try term.waitForPrompt()
        term.type("local x = 41")
        let first = try term.waitForPrompt()
        #expect(first.contains("a local ends with its line"), "\(first)")
        term.type("local y = 1")
        let second = try term.waitForPrompt()
        #expect(!second.contains("a local ends with its line"), "\(second)")
        term.type("print(x)")
        try term.waitFor("nil")
    }

    @Test func aSingleWideRowPrintsAsLines() throws {
        let home = try TestHome()
        let term = try PseudoTerminal(arguments: ["--empty", "-q"], environment: home.environment(), columns: 60, rows: 30)
        try term.waitForPrompt()
        term.type(#"result({{a_long_column_name = string.rep("x", 30), another_long_name = 2, third_long_name = 3}}, {"a_long_column_name", "another_long_name", "third_long_name"})"#)
        let shown = try term.waitForPrompt()
        #expect(shown.contains("a_long_column_name = xxxx"), "\(shown)")
    }
}
