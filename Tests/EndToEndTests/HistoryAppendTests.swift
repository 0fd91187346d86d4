import Foundation
import Testing

/// Issue 12, item 5: history entries are appended, not rewritten, so two shells at once keep each other's
/// lines, and the file stays in libedit's format (a later session recalls them).
@Suite struct HistoryAppendTests {
    func run(_ term: PseudoTerminal, _ line: String, shows: String) throws {
        term.type(line)
        try term.waitFor(shows)
        try term.waitForPrompt()
    }

    @Test func twoShellsAtOnceKeepEachOthersLines() throws {
        let home = try TestHome()
        let a = try home.terminal()
        let b = try home.terminal()
        try a.waitForPrompt()
        try b.waitForPrompt()
        try run(a, #"print("first-" .. "from-a")"#, shows: "first-from-a\n")
        try run(b, #"print("only-" .. "from-b")"#, shows: "only-from-b\n")
        try run(a, #"print("second-" .. "from-a")"#, shows: "second-from-a\n")
        a.send(PseudoTerminal.ctrlD)
        b.send(PseudoTerminal.ctrlD)
        #expect(a.waitForExit() == 0)
        #expect(b.waitForExit() == 0)
        let file = home.read(home.historyFile) ?? ""
        for entry in ["first-", "only-", "second-"] { #expect(file.contains(entry), "\(entry) lost: \(file)") }
        // One cookie line, as libedit writes it, then one line per entry.
        #expect(file.components(separatedBy: "_HiStOrY_V2_").count == 2, "\(file)")

        let later = try home.terminal()
        try later.waitForPrompt()
        // Up twice passes a's last line and lands on b's, which runs.
        later.send(PseudoTerminal.up)
        try later.waitFor(#"print("second-" .. "from-a")"#)
        later.send(PseudoTerminal.up + PseudoTerminal.enter)
        try later.waitFor("\nonly-from-b\n")
    }

    @Test func aMultiLineEntryWithSpacesAndUnicodeComesBackWhole() throws {
        let home = try TestHome()
        let a = try home.terminal()
        try a.waitForPrompt()
        a.type("for i = 1, 1 do")
        try a.waitFor("...> ")
        a.type(#"print("café " .. i) end"#)
        try a.waitFor("café 1\n")
        try a.waitForPrompt()
        a.send(PseudoTerminal.ctrlD)
        #expect(a.waitForExit() == 0)
        let later = try home.terminal()
        try later.waitForPrompt()
        later.send(PseudoTerminal.up)
        later.send(PseudoTerminal.enter)
        try later.waitFor("café 1\n")
    }
}
