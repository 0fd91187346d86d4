/// Dot-commands inside Lua text (`-e` code, a script, init.lua), as sqlite3 takes them in its input: a line
/// that starts with "." and a letter, outside any string or comment, is a dot-command. A small scan of
/// Lua's lexical rules (short and long strings, line and long comments) tells which lines are code, so
/// ".mode" inside a [[long string]] stays text. ".." and ".5" continue an expression and are Lua.
enum DotLines {
    /// The 0-based indices of the lines of `code` that are dot-commands.
    static func commandLines(in code: String) -> [Int] {
        var found: [Int] = []
        let bytes = Array(code.utf8)
        var i = 0
        var line = 0
        var atLineStart = true
        /// Inside a long bracket of this level ([[ is 0, [==[ is 2); nil in code.
        var longLevel: Int?
        func isDotCommand(at j: Int) -> Bool {
            j + 1 < bytes.count && bytes[j] == UInt8(ascii: ".") && isLetter(bytes[j + 1])
        }
        while i < bytes.count {
            if atLineStart {
                atLineStart = false
                if longLevel == nil && isDotCommand(at: i) {
                    found.append(line)
                    while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                    continue
                }
            }
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                atLineStart = true
                i += 1
                continue
            }
            if let level = longLevel {
                if b == UInt8(ascii: "]"), closes(bytes, at: i, level: level) {
                    i += level + 2
                    longLevel = nil
                } else {
                    i += 1
                }
                continue
            }
            switch b {
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                if let level = opens(bytes, at: i + 2) {
                    longLevel = level
                    i += 2 + level + 2
                } else {
                    while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                }
            case UInt8(ascii: "["):
                if let level = opens(bytes, at: i) {
                    longLevel = level
                    i += level + 2
                } else {
                    i += 1
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // A short string ends at its quote or at an unescaped newline (a syntax error Lua reports).
                i += 1
                while i < bytes.count && bytes[i] != b && bytes[i] != 0x0A {
                    if bytes[i] == UInt8(ascii: "\\") && i + 1 < bytes.count {
                        if bytes[i + 1] == 0x0A { line += 1 }
                        i += 1
                    }
                    i += 1
                }
                if i < bytes.count && bytes[i] == b { i += 1 }
            default:
                i += 1
            }
        }
        return found
    }

    /// The level of a long bracket opening at `i` ("[[", "[=[", ...), or nil.
    private static func opens(_ bytes: [UInt8], at i: Int) -> Int? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        var j = i + 1
        while j < bytes.count && bytes[j] == UInt8(ascii: "=") { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: "[") ? j - i - 1 : nil
    }

    private static func closes(_ bytes: [UInt8], at i: Int, level: Int) -> Bool {
        let end = i + level + 1
        guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else { return false }
        return (i + 1..<end).allSatisfy { bytes[$0] == UInt8(ascii: "=") }
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }

    /// A script with each dot-command line replaced by a call that runs it (`shell.command(".mode csv")`), on
    /// the same line so error line numbers stay true; nil when the script has none.
    static func rewritingCommands(in code: String) -> String? {
        let commands = Set(commandLines(in: code))
        guard !commands.isEmpty else { return nil }
        var lines = byteLines(code)
        for index in commands {
            var text = lines[index]
            if text.hasSuffix("\r") { text.removeLast() }
            lines[index] = "shell.command(\(quoted(text)))"
        }
        return lines.joined(separator: "\n")
    }

    /// `code` cut at its dot-command lines: Lua parts (with their first line, 1-based) and commands, in order.
    enum Part: Equatable {
        case lua(String, firstLine: Int)
        case command(String, line: Int)
    }

    static func parts(of code: String) -> [Part] {
        let commands = Set(commandLines(in: code))
        guard !commands.isEmpty else { return [.lua(code, firstLine: 1)] }
        var parts: [Part] = []
        var pending: [String] = []
        var pendingStart = 1
        for (index, line) in byteLines(code).enumerated() {
            if commands.contains(index) {
                if !pending.joined().trimmingCharacters(in: " \t\r").isEmpty {
                    parts.append(.lua(pending.joined(separator: "\n"), firstLine: pendingStart))
                }
                pending = []
                pendingStart = index + 2
                var text = String(line)
                if text.hasSuffix("\r") { text.removeLast() }
                parts.append(.command(text, line: index + 1))
            } else {
                pending.append(String(line))
            }
        }
        if !pending.joined().trimmingCharacters(in: " \t\r").isEmpty {
            parts.append(.lua(pending.joined(separator: "\n"), firstLine: pendingStart))
        }
        return parts
    }

    /// The lines of `code` split at each "\n" byte, as the scan counts them: Swift's own split would keep
    /// "\r\n" together as one character and so count lines differently.
    static func byteLines(_ code: String) -> [String] {
        code.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A Lua string literal for any text (quotes, backslashes and control bytes escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let digits = String(scalar.value)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
