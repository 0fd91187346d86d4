import Testing
@testable import CoexistShell
@testable import CoexistLua

/// `exit`, `quit` and `help` typed alone at the prompt do what they say, as in sqlite3, psql and python.
@Suite(.serialized) struct PromptWordsTests {
    func typed(_ lines: [String], name: String = #function) throws -> (output: String, completed: Bool, rest: [String]) {
        let shell = try makeShell()
        let capture = tempPath("prompt-\(name.filter(\.isLetter)).txt")
        try shell.engine.redirectOutput(to: capture)
        let reader = ScriptedReader(lines)
        let completed = shell.loop(reader, interactive: true)
        try shell.engine.redirectOutput(to: nil)
        return (readFile(capture) ?? "", completed, reader.lines)
    }

    @Test("exit and quit leave the prompt; the lines after them are not read", arguments: ["exit", "quit", "  quit()  ", "exit()"])
    func leaves(_ word: String) throws {
        let run = try typed(["print('before')", word, "print('after')"])
        #expect(run.completed)
        #expect(run.output.contains("before") && !run.output.contains("after") && !run.output.contains("nil"), "\(run.output)")
        #expect(run.rest == ["print('after')"])
    }

    @Test("help alone lists the builtins instead of printing a function's address")
    func helpAlone() throws {
        let run = try typed(["help"])
        #expect(run.output.contains("Builtins:") && run.output.contains("help(x): what x is") && !run.output.contains("function: 0x"), "\(run.output)")
    }

    @Test("a global named exit is Lua, as typed")
    func aGlobalWins() throws {
        let run = try typed(["exit = 41", "exit", "print('still here')"])
        #expect(run.output.contains("41") && run.output.contains("still here"), "\(run.output)")
    }
}
