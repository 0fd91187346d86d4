import CoexistKit
import CoexistLua

/// A dot-command: a line starting with `.`, as in sqlite3 and DuckDB's shells.
struct MetaCommand: Sendable {
    let name: String
    let usage: String
    let help: String
    let run: @Sendable (Shell, [String]) throws -> MetaOutcome
}

enum MetaOutcome { case proceed, quit }

struct MetaCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

enum MetaCommands {
    static let all: [MetaCommand] = base + TrainingCommands.all

    static let base: [MetaCommand] = [
        MetaCommand(name: "help", usage: ".help [COMMAND]", help: "list the dot-commands, or explain one") { shell, args in
            shell.write(args.first.map(helpText(for:)) ?? overview())
            return .proceed
        },
        MetaCommand(name: "quit", usage: ".quit", help: "leave the shell (also .exit, or Ctrl-D); in a lesson from train(), leave the lesson") { shell, _ in
            TrainingCommands.quit(shell)
        },
        MetaCommand(name: "exit", usage: ".exit", help: "leave the shell") { _, _ in .quit },
        MetaCommand(name: "mode", usage: ".mode table|box|ascii|csv|tsv|json|markdown|line|html", help: "how results print") { shell, args in
            guard let name = args.first else {
                shell.write("current mode: \(shell.settings.render.mode.rawValue)\n")
                return .proceed
            }
            shell.settings.render.mode = try mode(named: name)
            return .proceed
        },
        MetaCommand(name: "headers", usage: ".headers on|off", help: "show column names in table, csv, tsv, markdown, html") { shell, args in
            shell.settings.render.headers = try onOff(args, ".headers")
            return .proceed
        },
        MetaCommand(name: "maxrows", usage: ".maxrows N", help: "elide the middle of results longer than N rows (0: never)") { shell, args in
            shell.settings.render.maxRows = try count(args, usage: ".maxrows N (a whole number, 0 for no limit)")
            return .proceed
        },
        MetaCommand(name: "maxwidth", usage: ".maxwidth N|auto", help: "the widest a table may be (auto: the terminal's width; 0: no limit)") { shell, args in
            if args.first?.lowercased() == "auto" {
                shell.settings.autoWidth = true
                shell.settings.render.maxWidth = 0
            } else {
                let n = try count(args, usage: ".maxwidth N|auto (N a whole number of columns, 0 for no limit)")
                guard n == 0 || n >= 10 else { throw MetaCommandError(".maxwidth \(n) is too narrow for a table: 10 or more, 0 for no limit, or auto") }
                shell.settings.autoWidth = false
                shell.settings.render.maxWidth = n
            }
            return .proceed
        },
        MetaCommand(name: "width", usage: ".width [N1 N2 ...]", help: "fix the widths of the first columns (0: automatic); no numbers: all automatic") { shell, args in
            shell.settings.render.columnWidths = try args.map { arg in
                guard let n = Int(arg), n >= 0, n <= 1000 else {
                    throw MetaCommandError(".width takes whole numbers from 0 (automatic) to 1000, not '\(arg)'")
                }
                return n
            }
            return .proceed
        },
        MetaCommand(name: "pager", usage: ".pager on|off|auto", help: "show results at a terminal through $PAGER (default less -FRX)") { shell, args in
            guard let name = args.first?.lowercased() else { throw MetaCommandError("usage: .pager on|off|auto") }
            guard let mode = PagerMode(rawValue: name) ?? ["1": .on, "yes": .on, "true": .on, "0": .off, "no": .off, "false": .off][name] else {
                throw MetaCommandError("unknown pager setting '\(args[0])': use on, off or auto" + didYouMean(name, PagerMode.allCases.map(\.rawValue)))
            }
            if mode != .off && shell.engine.options.sandbox { throw MetaCommandError(".pager runs a program, which a sandboxed session may not") }
            shell.settings.pager = mode
            return .proceed
        },
        MetaCommand(name: "nullvalue", usage: ".nullvalue TEXT", help: "how missing values print in table, markdown and line modes") { shell, args in
            shell.settings.render.nullValue = args.first ?? ""
            return .proceed
        },
        MetaCommand(name: "numbers", usage: ".numbers N|auto", help: "decimal places for numbers in every result that does not fix its own (default 2); auto: shortest text") { shell, args in
            shell.settings.render.numbers = try numbers(args)
            return .proceed
        },
        MetaCommand(name: "timer", usage: ".timer on|off", help: "print how long each statement took") { shell, args in
            shell.settings.timer = try onOff(args, ".timer")
            return .proceed
        },
        MetaCommand(name: "bail", usage: ".bail on|off", help: "stop at the first error (scripts and piped input)") { shell, args in
            shell.settings.bail = try onOff(args, ".bail")
            return .proceed
        },
        MetaCommand(name: "echo", usage: ".echo on|off", help: "print each statement before running it") { shell, args in
            shell.settings.echo = try onOff(args, ".echo")
            return .proceed
        },
        MetaCommand(name: "read", usage: ".read FILE", help: "run a file of statements and dot-commands, as if typed") { shell, args in
            guard let path = args.first else { throw MetaCommandError("usage: .read FILE") }
            return try shell.readFile(path)
        },
        MetaCommand(name: "output", usage: ".output [FILE]", help: "send results and print to FILE; with no FILE, back to the terminal") { shell, args in
            try shell.engine.redirectOutput(to: args.first)
            shell.outputFile = args.first
            return .proceed
        },
        MetaCommand(name: "once", usage: ".once FILE", help: "send only the next statement's output to FILE") { shell, args in
            guard let path = args.first else { throw MetaCommandError("usage: .once FILE") }
            try shell.engine.redirectOnce(to: path)
            shell.onceActive = true
            shell.onceFile = path
            return .proceed
        },
        MetaCommand(name: "save", usage: ".save FILE", help: "write the whole workspace to an SQLite workspace file (atomically)") { shell, args in
            guard args.count == 1 else { throw MetaCommandError("usage: .save FILE") }
            do { try shell.engine.files.checkWrite(args[0]) } catch { throw MetaCommandError("\(error)") }
            do { try shell.workspace.save(to: args[0]) } catch { throw MetaCommandError(".save: \(error)") }
            shell.write("saved \(shell.workspace.summary) to \(args[0])\n")
            return .proceed
        },
        MetaCommand(name: "open", usage: ".open FILE [--readonly]", help: "open a workspace file; every change is then saved to it as it happens") { shell, args in
            guard let path = args.first, args.count <= 2, args.count == 1 || args[1] == "--readonly" else {
                throw MetaCommandError("usage: .open FILE [--readonly]" + (args.count == 2 ? " (unknown option '\(args[1])'" + didYouMean(args[1], ["--readonly"]) + ")" : ""))
            }
            do {
                try shell.engine.files.checkRead(path)
                // Every change is written to an open workspace: under --sandbox only inside --sandbox-dir.
                if args.count == 1 { try shell.engine.files.checkWrite(path) }
            } catch { throw MetaCommandError("\(error)") }
            let opened: Workspace
            do { opened = try Workspace.open(path, readOnly: args.count == 2) } catch { throw MetaCommandError(".open: \(error)") }
            shell.workspace.adopt(opened)
            shell.write("opened \(path)\(args.count == 2 ? " (read-only)" : ""): \(shell.workspace.summary), \(shell.workspace.journal.count) change(s)\n")
            return .proceed
        },
        MetaCommand(name: "show", usage: ".show", help: "the current settings and where output goes") { shell, _ in
            let s = shell.settings
            let widths = s.render.columnWidths.isEmpty ? "automatic" : s.render.columnWidths.map(String.init).joined(separator: " ")
            shell.write("""
                   mode: \(s.render.mode.rawValue)
                headers: \(s.render.headers ? "on" : "off")
                maxrows: \(s.render.maxRows)
               maxwidth: \(s.autoWidth ? "auto" : String(s.render.maxWidth))
                  width: \(widths)
              nullvalue: "\(s.render.nullValue)"
                  pager: \(s.pager.rawValue)
                numbers: \(s.render.numbers.map(String.init) ?? "auto")
                  timer: \(s.timer ? "on" : "off")
                   bail: \(s.bail ? "on" : "off")
                   echo: \(s.echo ? "on" : "off")
                 output: \(shell.outputDescription)

            """)
            return .proceed
        },
    ]

    static func find(_ name: String) -> MetaCommand? { all.first { $0.name == name } }

    static func overview() -> String {
        let width = (all.map(\.usage.count).max() ?? 0) + 2
        return all.map { $0.usage.padding(toWidth: width) + $0.help }.joined(separator: "\n") + "\n"
    }

    static func helpText(for name: String) -> String {
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        guard let c = find(bare) else {
            return "no dot-command .\(bare)" + didYouMean(bare, all.map(\.name)) + "\n"
        }
        var text = "\(c.usage)\n  \(c.help)\n"
        if let doc = MetaCommandDocs.entries[c.name] {
            text += "\n" + doc.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
            text += "\nExamples:\n" + doc.examples.map { "  " + $0 + "\n" }.joined()
        }
        return text
    }

    static func mode(named name: String) throws -> OutputMode {
        guard let mode = OutputMode(rawValue: name.lowercased()) else {
            throw MetaCommandError("unknown mode '\(name)': use one of "
                + OutputMode.allCases.map(\.rawValue).joined(separator: ", ") + didYouMean(name, OutputMode.allCases.map(\.rawValue)))
        }
        return mode
    }

    static func count(_ args: [String], usage: String) throws -> Int {
        guard let arg = args.first, let n = Int(arg), n >= 0 else { throw MetaCommandError("usage: " + usage) }
        return n
    }

    static func onOff(_ args: [String], _ usage: String) throws -> Bool {
        switch args.first?.lowercased() {
        case "on", "1", "yes", "true": return true
        case "off", "0", "no", "false": return false
        default: throw MetaCommandError("usage: \(usage) on|off")
        }
    }

    /// `.numbers 3` or `.numbers auto`; anything else, or places outside 0...12, is refused rather than clamped.
    static func numbers(_ args: [String]) throws -> Int? {
        guard let arg = args.first else { throw MetaCommandError("usage: .numbers N|auto (N from 0 to 12)") }
        if arg.lowercased() == "auto" { return nil }
        guard let n = Int(arg), (0...12).contains(n) else {
            throw MetaCommandError(".numbers: '\(arg)' is not 0 to 12 or auto" + didYouMean(arg, ["auto"]))
        }
        return n
    }

    /// Splits the arguments of a dot-command on spaces, keeping "quoted parts" together.
    static func tokenize(_ line: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var inToken = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inToken = true
            } else if c == " " || c == "\t" {
                if inToken { tokens.append(current); current = ""; inToken = false }
            } else {
                current.append(c)
                inToken = true
            }
        }
        if inToken { tokens.append(current) }
        return tokens
    }
}

/// Completes dot-command names, modes and on/off, and file names for .read, .output and .once.
final class MetaCommandCompletionSource: CompletionSource {
    func candidates(for context: CompletionContext) -> [String] {
        switch context.kind {
        case .metaCommand:
            return MetaCommands.all.map { "." + $0.name }
        case .metaArgument(let command, 1):
            switch command {
            case ".mode": return OutputMode.allCases.map(\.rawValue)
            case ".numbers": return ["auto", "0", "1", "2", "3", "4"]
            case ".headers", ".timer", ".bail", ".echo": return ["on", "off"]
            case ".pager": return PagerMode.allCases.map(\.rawValue)
            case ".maxwidth": return ["auto", "0"]
            case ".help": return MetaCommands.all.map(\.name)
            case ".read", ".output", ".once", ".save", ".open": return FileNames.matching(context.word)
            default: return []
            }
        default:
            return []
        }
    }
}

extension String {
    func padding(toWidth width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
