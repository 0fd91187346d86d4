import Testing
@testable import CoexistLua
@testable import CoexistShell

@Suite struct CompletionTests {
    @Test(arguments: [
        ("pri", CompletionContext.Kind.code, "pri"),
        ("x = string.fo", .member(base: "string", separator: "."), "fo"),
        ("s:up", .member(base: "s", separator: ":"), "up"),
        ("cohort(\"Wa", .string(function: "cohort", key: nil), "Wa"),
        ("route{to = 'raj', from='ann", .string(function: "route", key: "from"), "ann"),
        ("x:move(\"Te", .string(function: "x:move", key: nil), "Te"),
        (".mo", .metaCommand, ".mo"),
        (".mode c", .metaArgument(command: ".mode", position: 1), "c"),
    ])
    func contextIsRecognised(_ line: String, _ kind: CompletionContext.Kind, _ word: String) {
        let c = Completer.context(for: line)
        #expect(c.kind == kind)
        #expect(c.word == word)
    }

    @Test func completesGlobalsFieldsMethodsAndDotCommands() throws {
        let shell = try makeShell()
        #expect(shell.completer.complete("string.fo").candidates == ["format"])
        #expect(shell.completer.complete("ten").candidates.contains("tenant"))
        #expect(shell.completer.complete("tenant.").candidates == ["changes", "cohorts", "counts", "name", "users"])
        #expect(shell.completer.complete("whi").candidates == ["while"])
        #expect(shell.completer.complete(".mo").candidates == [".mode"])
        #expect(shell.completer.complete(".mode j").candidates == ["json"])
        _ = shell.engine.evaluate("s = 'abc'")
        #expect(shell.completer.complete("s:upp").candidates == ["upper"])
    }

    /// Later features add their own names (users, cohorts, modes) through this hook.
    @Test func sourcesArePluggable() throws {
        final class Modes: CompletionSource {
            func candidates(for context: CompletionContext) -> [String] {
                guard case .string = context.kind else { return [] }
                return ["TeamsOnly", "Islands"]
            }
        }
        let shell = try makeShell()
        shell.completer.add(Modes())
        let r = shell.completer.complete("move(\"Te")
        #expect(r.candidates == ["TeamsOnly"])
        #expect(r.suffix == "\"")
    }

    @Test func commonPrefixAndColumns() {
        #expect(Completer.commonPrefix(["format", "find", "fo"]) == "f")
        #expect(Completer.columns(["a", "bb", "ccc"], width: 10) == "a    bb\nccc")
    }
}
