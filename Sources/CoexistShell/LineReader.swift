/// One line of input, or why there is none.
public enum LineInput: Equatable {
    case line(String)
    case endOfInput
    /// Ctrl-C at the prompt: drop what was typed and prompt again.
    case interrupted
}

/// Where the shell's input comes from: libedit on a terminal, plain stdio otherwise.
public protocol LineReader: AnyObject {
    func read(prompt: String) -> LineInput
    /// Records a whole chunk (possibly several lines) as one history entry.
    func remember(_ entry: String)
}

/// Reads stdin with C stdio, which Lua's io.read shares, so a script reading its own input sees the rest.
public final class StdioLineReader: LineReader {
    public init() {}

    public func read(prompt: String) -> LineInput {
        guard let line = readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public func remember(_ entry: String) {}
}
