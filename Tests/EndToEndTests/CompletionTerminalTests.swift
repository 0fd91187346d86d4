import Testing

/// Completion at a real terminal (libedit on a pseudo-terminal): a long list asks first, as readline does,
/// and members complete after a call's result.
@Suite struct CompletionTerminalTests {
    typealias Keys = PseudoTerminal

    @Test func moreThanAHundredCandidatesAskBeforeListing() throws {
        let home = try TestHome()
        let term = try home.terminal("--demo-size", "150", demo: true)
        try term.waitForPrompt("contoso> ", timeout: 20)
        term.send("user('" + Keys.tab)
        try term.waitFor("Display all 150 possibilities? (y or n) ")
        term.send("n")
        // Declined: no name is listed, and the line is kept as typed.
        term.send(Keys.tab)
        let second = try term.waitFor("Display all 150 possibilities? (y or n) ")
        #expect(!second.contains("@contoso.com"))
        term.send("y")
        let listing = try term.waitFor("@contoso.com")
        #expect(listing.contains("\n"))
        term.send("\u{15}")  // Ctrl-U: drop the half-typed line
        term.type("print(#tenant.users)")
        try term.waitFor("150\n")
    }

    @Test func fewCandidatesListWithoutAsking() throws {
        let home = try TestHome()
        let term = try home.terminal()
        try term.waitForPrompt()
        term.send("tenant." + Keys.tab + Keys.tab)
        let listing = try term.waitFor("users")
        #expect(!listing.contains("Display all"))
    }

    @Test func aCallsResultCompletesAtThePrompt() throws {
        let home = try TestHome()
        let term = try home.terminal("--demo-size", "150", demo: true)
        try term.waitForPrompt("contoso> ", timeout: 20)
        term.send("print(result{{n=2},{n=1}}:so" + Keys.tab)
        try term.waitFor("result{{n=2},{n=1}}:sort")
        term.type("('n'):head(1)[1].n)")
        try term.waitFor("\n1\n")
    }
}
