import CoexistKit
import CoexistLua

/// Tab completion for calls queries (field names, closed-vocabulary values, measures); the rules are
/// `CallsCompletion`'s, this adapts the shell's context to them.
public final class CallsCompletionSource: CompletionSource {
    let workspace: Workspace

    public init(_ workspace: Workspace) { self.workspace = workspace }

    public func candidates(for context: CompletionContext) -> [String] {
        switch context.kind {
        case .string(let function, let key):
            let buildings = key.map { ["building", "city", "country", "region"].contains($0) } == true ? workspace.calls.buildingFile : nil
            return CallsCompletion.candidates(line: context.line, word: context.word, inString: true, function: function,
                                              key: key, buildings: buildings)
        case .code:
            let chars = Array(context.line)
            return CallsCompletion.candidates(line: context.line, word: context.word, inString: false,
                                              function: Completer.callee(chars, before: chars.count - context.word.count), key: nil)
        case .member(let base, let separator) where separator == ".":
            return CallsCompletion.candidates(line: context.line, word: context.word, inString: false, function: nil,
                                              key: nil, memberBase: base)
        default:
            return []
        }
    }
}
