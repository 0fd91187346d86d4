/// What is being completed: plain code, a member after `.` or `:`, the inside of a string literal
/// (where domain sources offer user, cohort and mode names), or a dot-command and its arguments.
public struct CompletionContext: Sendable {
    public enum Kind: Equatable, Sendable {
        case code
        case member(base: String, separator: Character)
        /// Inside a string literal. `function` is the dotted name of the call it is an argument of (`cohort` in
        /// `cohort("Wa`, `route` in `route{from="an`), `key` the table field it is the value of (`from`).
        case string(function: String?, key: String?)
        case metaCommand
        case metaArgument(command: String, position: Int)
    }

    /// The text from the start of the line to the cursor.
    public let line: String
    /// The partial word the candidates must start with.
    public let word: String
    public let kind: Kind
}

/// A provider of completions; later features add sources for their own names.
public protocol CompletionSource: AnyObject {
    func candidates(for context: CompletionContext) -> [String]
}

public final class Completer {
    public private(set) var sources: [CompletionSource] = []

    public init() {}

    public func add(_ source: CompletionSource) { sources.append(source) }

    /// The word being completed, the sorted distinct candidates, and what to append after a unique match.
    public func complete(_ before: String) -> (word: String, candidates: [String], suffix: String) {
        let context = Self.context(for: before)
        var set = Set<String>()
        for source in sources {
            for c in source.candidates(for: context) where c.hasPrefix(context.word) { set.insert(c) }
        }
        var suffix = ""
        if case .string = context.kind, let quote = Self.openQuote(before) { suffix = String(quote) }
        return (context.word, set.sorted(), suffix)
    }

    /// More candidates than this are listed only after asking, as readline's completion-query-items (100).
    public static let askAbove = 100

    static let wordCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    public static func context(for line: String) -> CompletionContext {
        if line.hasPrefix(".") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if !line.contains(" ") { return CompletionContext(line: line, word: line, kind: .metaCommand) }
            let word = line.hasSuffix(" ") ? "" : String(parts.last ?? "")
            let position = line.hasSuffix(" ") ? parts.count : parts.count - 1
            return CompletionContext(line: line, word: word,
                                     kind: .metaArgument(command: String(parts[0]), position: position))
        }
        if let quote = openQuote(line) {
            let chars = Array(line)
            let start = chars.lastIndex(of: quote)!
            let word = String(chars[(start + 1)...])
            return CompletionContext(line: line, word: word,
                                     kind: .string(function: callee(chars, before: start), key: fieldKey(chars, before: start)))
        }
        let chars = Array(line)
        var j = chars.count - 1
        var word = 0
        while j >= 0 && wordCharacters.contains(chars[j]) { j -= 1; word += 1 }
        // Back over a chain of names, calls and their arguments (`cohort("Wave 1"):`, `calls:where{...}:by("x").`),
        // so the member after a call's result completes from the type the call returns.
        while j >= 0 {
            let c = chars[j]
            if wordCharacters.contains(c) || c == "." || c == ":" {
                j -= 1
            } else if c == ")" || c == "}" || c == "]", let open = opening(chars, closing: j), open > 0 {
                j = open - 1
            } else if (c == "\"" || c == "'"), j > 0, let open = chars[..<j].lastIndex(of: c) {
                j = open - 1  // a string argument without brackets: cohort"Wave 1":
            } else {
                break
            }
        }
        var expression = String(chars[(j + 1)...])
        while expression.first.map({ !wordCharacters.contains($0) }) == true { expression.removeFirst() }
        if chars.count - word > 0, chars[chars.count - word - 1] == "." || chars[chars.count - word - 1] == ":",
           let sep = expression.dropLast(word).lastIndex(where: { $0 == "." || $0 == ":" }) {
            let base = String(expression[..<sep])
            let word = String(expression[expression.index(after: sep)...])
            return CompletionContext(line: line, word: word, kind: .member(base: base, separator: expression[sep]))
        }
        return CompletionContext(line: line, word: String(chars.suffix(word)), kind: .code)
    }

    /// The index of the bracket that opens the one closing at `closing`, skipping brackets inside strings.
    static func opening(_ chars: [Character], closing: Int) -> Int? {
        var depth = 0
        var quote: Character?
        var i = closing
        while i >= 0 {
            let c = chars[i]
            if let q = quote {
                if c == q && (i == 0 || chars[i - 1] != "\\") { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ")" || c == "}" || c == "]" {
                depth += 1
            } else if c == "(" || c == "{" || c == "[" {
                depth -= 1
                if depth == 0 { return i }
            }
            i -= 1
        }
        return nil
    }

    /// The dotted name before the innermost unclosed `(` or `{` that encloses position `end`.
    static func callee(_ chars: [Character], before end: Int) -> String? {
        var depth = 0
        var quote: Character?
        var i = end - 1
        while i >= 0 {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ")" || c == "}" {
                depth += 1
            } else if c == "(" || c == "{" {
                if depth == 0 { return name(chars, endingBefore: i) }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    /// `from` in `{from = "an`: the field name when the string is a table field's value.
    static func fieldKey(_ chars: [Character], before end: Int) -> String? {
        var i = end - 1
        while i >= 0 && chars[i] == " " { i -= 1 }
        guard i >= 0 && chars[i] == "=" else { return nil }
        return name(chars, endingBefore: i)
    }

    private static func name(_ chars: [Character], endingBefore end: Int) -> String? {
        var i = end - 1
        while i >= 0 && chars[i] == " " { i -= 1 }
        var j = i
        while j >= 0 && (wordCharacters.contains(chars[j]) || chars[j] == "." || chars[j] == ":") { j -= 1 }
        return i > j ? String(chars[(j + 1)...i]) : nil
    }

    /// The quote character of a string literal left open at the end of the line, if any.
    static func openQuote(_ line: String) -> Character? {
        var open: Character?
        var escaped = false
        for c in line {
            if let q = open {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { open = nil }
            } else if c == "\"" || c == "'" {
                open = c
            }
        }
        return open
    }

    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Candidates laid out in columns across the terminal, as shells list them.
    public static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var i = 0
        while i < words.count {
            let row = words[i..<min(i + perLine, words.count)]
            lines.append(row.map { $0 + String(repeating: " ", count: cell - $0.count) }.joined().trimmingCharacters(in: " "))
            i += perLine
        }
        return lines.joined(separator: "\n")
    }
}
