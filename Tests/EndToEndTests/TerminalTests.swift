import Testing

/// The shell on a terminal, driven through a pseudo-terminal as a person would use it.
@Suite struct TerminalTests {
    typealias Keys = PseudoTerminal
    let prompt = "coexist> "

    @Test func aLineShowsItsValue() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type("1 + 41")
        let shown = try term.waitForPrompt()
        #expect(shown.contains("1 + 41\n42\n"))
    }

    @Test func tabCompletesAFieldOfAModule() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.send("string.fo" + Keys.tab)
        try term.waitFor("string.format")
        // The completed name is really in the line: it runs as string.format.
        term.type(#"("<%d>", 41 + 1)"#)
        try term.waitFor("<42>\n")
        try term.waitForPrompt()
    }

    @Test func tabListsTheFieldsOfTheTenant() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.send("tenant." + Keys.tab + Keys.tab)
        let listing = try term.waitFor("name")
        #expect(listing.contains("counts"))
        // The line typed so far is kept after the listing.
        term.type(#"name == "coexist""#)
        try term.waitFor("\ntrue\n")
    }

    @Test func upRecallsALineFromAnEarlierRun() throws {
        let home = try TestHome()
        let first = try home.terminal()
        try first.waitForPrompt()
        first.type(#"print("from-" .. "run-one")"#)
        try first.waitFor("from-run-one\n")
        try first.waitForPrompt()
        first.send(Keys.ctrlD)
        #expect(first.waitForExit() == 0)
        #expect(home.read(home.historyFile)?.contains("run-one") == true)

        let second = try home.terminal()
        try second.waitForPrompt()
        second.send(Keys.up)
        try second.waitFor(#"print("from-" .. "run-one")"#)
        second.send(Keys.enter)
        try second.waitFor("\nfrom-run-one\n")
        try second.waitForPrompt()
    }

    @Test func incompleteInputContinuesOnASecondPrompt() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type("for i = 1, 3 do")
        try term.waitForPrompt("...> ")
        term.type("print(i * 10)")
        try term.waitForPrompt("...> ")
        term.type("end")
        try term.waitFor("end\n10\n20\n30\n")
        try term.waitForPrompt()
        // The whole chunk comes back as one history entry.
        term.send(Keys.up)
        try term.waitFor("end")
        term.send(Keys.enter)
        try term.waitFor("10\n20\n30\n")
    }

    @Test func ctrlCInterruptsARunningLoop() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type(#"print("spin" .. "ning") while true do end"#)
        try term.waitFor("\nspinning\n")  // the loop is running
        term.send(Keys.ctrlC)
        try term.waitFor("interrupted!")
        try term.waitForPrompt()
        term.type("6 * 7")
        try term.waitFor("\n42\n")
        try term.waitForPrompt()
    }

    @Test func ctrlCAtThePromptClearsTheLine() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.send("1 +")
        try term.waitFor("1 +")
        term.send(Keys.ctrlC)
        try term.waitForPrompt()
        term.type("2 * 21")
        // Had "1 +" stayed in the line (or the buffer), this would be 43 or wait for more input.
        let shown = try term.waitForPrompt()
        #expect(shown.contains("\n42\n"))
        #expect(!shown.contains("43"))
    }

    @Test func ctrlCAtTheContinuationPromptDropsTheChunk() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type("for i = 1, 3 do")
        try term.waitForPrompt("...> ")
        term.send(Keys.ctrlC)
        try term.waitForPrompt()  // back to the first prompt
        term.type("6 * 7")
        let shown = try term.waitForPrompt()
        #expect(shown.contains("\n42\n"))
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.send(Keys.ctrlD)
        #expect(term.waitForExit() == 0)
    }

    @Test func nonASCIIInputComesBackIntact() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type(#""héllo €""#)
        try term.waitFor("\nhéllo €\n")
        try term.waitForPrompt()
    }

    @Test func editingMovesOverMultiByteCharacters() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        // Left twice from the end lands just after the space before €; Backspace removes that space.
        term.send(#""héllo €""# + Keys.left + Keys.left + Keys.backspace + Keys.enter)
        try term.waitFor("\nhéllo€\n")
    }

    @Test func anErrorShowsATracebackAndTheShellGoesOn() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type(#"error("boom-" .. "marker")"#)
        try term.waitFor("boom-marker")
        try term.waitFor("stack traceback:")
        try term.waitForPrompt()
        term.type("6 * 7")
        try term.waitFor("\n42\n")
    }

    @Test func initFileRunsAtStart() throws {
        let home = try TestHome()
        try home.write(#"rc_marker = "from-" .. "init""#, to: home.initFile)
        let term = try home.terminal()
        try term.waitForPrompt()
        term.type(#""rc=" .. tostring(rc_marker)"#)
        try term.waitFor("\nrc=from-init\n")
    }

    @Test func norcSkipsTheInitFile() throws {
        let home = try TestHome()
        try home.write(#"rc_marker = "from-" .. "init""#, to: home.initFile)
        let term = try home.terminal("--norc")
        try term.waitForPrompt()
        term.type(#""rc=" .. tostring(rc_marker)"#)
        try term.waitFor("\nrc=nil\n")
    }

    @Test func promptOfTheEmptyTenantIsCoexist() throws {
        let home = try TestHome()
        let term = try home.terminal("--quiet")
        let start = try term.waitForPrompt()
        #expect(start == prompt)  // nothing but the prompt when the banner is turned off
        term.type(#""[" .. tenant.name .. "]""#)
        try term.waitFor("\n[coexist]\n")
        try term.waitForPrompt()
        // Whatever tenant.counts lists, every count is zero.
        term.type(#"(function() for k, n in pairs(tenant.counts) do if n ~= 0 then return k end end return "all zero" end)()"#)
        try term.waitFor("\nall zero\n")
    }

    @Test func promptShowsTheDefaultTenantsName() throws {
        let home = try TestHome()
        let term = try home.terminal("--quiet", demo: true)
        try term.waitForPrompt("> ")
        let firstPrompt = term.screen
        term.type(#""[" .. tenant.name .. "> ]""#)
        try term.waitFor("\n[\(firstPrompt)]\n")
    }
}
