import Testing
import CoexistKit
@testable import CoexistShell

/// Calls-query completion as the shell runs it: the shell finds the enclosing call, the rules decide.
@Suite struct CallsCompletionSourceTests {
    let workspace = Workspace.demo(users: 200)

    func complete(_ line: String) -> [String] {
        let completer = Completer()
        completer.add(CallsCompletionSource(workspace))
        return completer.complete(line).candidates
    }

    @Test func fieldNamesAsWhereKeysOnly() {
        #expect(complete("calls:where{moda") == ["modality"])
        #expect(complete("calls:where{modality=\"audio\", jitt") == ["jitter_ms"])
        #expect(complete("calls:where{x = moda").isEmpty)
        #expect(complete("print(moda").isEmpty)
    }

    @Test func valuesAndMeasuresInsideStrings() {
        #expect(complete("calls:where{modality=\"au") == ["audio"])
        #expect(complete("calls:by(\"buil").contains("building"))
    }
}
