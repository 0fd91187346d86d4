import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The read-eval-print loop over one engine: dot-commands, multi-line chunks, value rendering, errors.
/// The same loop serves a terminal (libedit) and piped input (stdio), so both behave alike.
public final class Shell {
    public let engine: LuaEngine
    public let workspace: Workspace
    /// The engine gets a copy of the render settings, so `tostring(rs)` and `print(rs)` follow `.mode` too.
    public var settings: ShellSettings { didSet { engine.renderOptions = settings.render } }
    public let completer = Completer()
    /// Any statement failed; piped input and scripts exit 1 then.
    public private(set) var hadError = false
    var onceActive = false
    private var readDepth = 0

    public init(engine: LuaEngine, workspace: Workspace, settings: ShellSettings = ShellSettings()) {
        self.engine = engine
        self.workspace = workspace
        self.settings = settings
        engine.renderOptions = settings.render
        completer.add(LuaCompletionSource(engine))
        completer.add(MetaCommandCompletionSource())
    }

    var primaryPrompt: String { "\(workspace.name)> " }
    var continuationPrompt: String {
        String(repeating: " ", count: max(0, workspace.name.count - 3)) + "...> "
    }

    // MARK: loops

    /// Reads and runs chunks until the input ends or `.quit`. Returns false when `.bail on` stopped it.
    @discardableResult
    public func loop(_ reader: LineReader, source: String = "stdin", interactive: Bool) -> Bool {
        var buffer = ""
        var firstLine = 1
        var lineNumber = 0
        while true {
            let input = reader.read(prompt: buffer.isEmpty ? primaryPrompt : continuationPrompt)
            switch input {
            case .interrupted:
                buffer = ""
                continue
            case .endOfInput:
                if !buffer.isEmpty {
                    // An unfinished chunk at the end of the input is a syntax error, reported as such.
                    report(engine.syntaxError(buffer, chunkName: source), source: source, firstLine: firstLine)
                    return !settings.bail
                }
                if interactive { write("\n") }
                return true
            case .line(let line):
                lineNumber += 1
                if buffer.isEmpty && line.hasPrefix(".") {
                    reader.remember(line)
                    if settings.echo { write(line + "\n") }
                    switch runMeta(line) {
                    case .quit: return true
                    case .proceed: if hadError && settings.bail && !interactive { return false }
                    }
                    continue
                }
                if interactive && buffer.isEmpty, let word = promptWord(line) {
                    reader.remember(line)
                    if word == .leave { return true }
                    execute("help()", source: source, firstLine: lineNumber)
                    continue
                }
                if buffer.isEmpty {
                    firstLine = lineNumber
                    buffer = line
                } else {
                    buffer += "\n" + line
                }
                if buffer.trimmingCharacters(in: " \t\r").isEmpty { buffer = ""; continue }
                let chunk = buffer
                if !execute(chunk, source: source, firstLine: firstLine) { continue }
                reader.remember(chunk)
                buffer = ""
                if hadError && settings.bail && !interactive { return false }
            }
        }
    }

    enum PromptWord { case leave, help }

    /// `exit`, `quit` and `help` typed alone at the prompt, as sqlite3, psql and python users do: they leave or
    /// list the builtins instead of printing nil or a function's address, unless a script has made a global of
    /// that name (then the line is Lua, as typed).
    func promptWord(_ line: String) -> PromptWord? {
        let word = line.trimmingCharacters(in: .whitespaces)
        let meaning: PromptWord
        switch word {
        case "exit", "quit", "exit()", "quit()": meaning = .leave
        case "help": meaning = .help
        default: return nil
        }
        if meaning == .leave {
            if engine.hasGlobal(String(word.prefix { $0 != "(" })) { return nil }
        }
        return meaning
    }

    /// Runs one chunk; false when it is unfinished and needs more lines.
    @discardableResult
    public func execute(_ chunk: String, source: String = "stdin", firstLine: Int = 1) -> Bool {
        let start = monotonicSeconds()
        let outcome = engine.evaluate(chunk, chunkName: source)
        if case .incomplete = outcome { return false }
        if settings.echo { write(chunk + "\n") }
        switch outcome {
        case .values(let values): show(values)
        case .failure(let error): report(error, source: source, firstLine: firstLine)
        case .incomplete: break
        }
        if let failure = engine.flushOutput() { fail("coexist: " + failure) }
        if onceActive {
            onceActive = false
            do { try engine.restoreAfterOnce() } catch { fail("coexist: \(error)") }
        }
        if settings.timer {
            let elapsed = monotonicSeconds() - start
            fputs("Run Time: \(formatSeconds(elapsed)) s\n", bridge_stderr())
        }
        return true
    }

    /// Runs a dot-command line, reporting its errors like a failed statement.
    func runMeta(_ line: String) -> MetaOutcome {
        var words = MetaCommands.tokenize(String(line.dropFirst()))
        guard !words.isEmpty else { return .proceed }
        let name = words.removeFirst()
        guard let command = MetaCommands.find(name) else {
            fail("unknown dot-command .\(name)" + didYouMean(name, MetaCommands.all.map(\.name)) + "; .help lists them")
            return .proceed
        }
        do {
            return try command.run(self, words)
        } catch {
            fail("\(error)")
            return .proceed
        }
    }

    /// `.read FILE`: the file's lines as if typed, with errors naming the file and line.
    func readFile(_ path: String) throws -> MetaOutcome {
        guard readDepth < 16 else { throw MetaCommandError(".read nested too deeply (a file reads itself?)") }
        do { try engine.files.checkRead(path) } catch { throw MetaCommandError("\(error)") }
        guard let f = fopen(path, "r") else {
            throw MetaCommandError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        readDepth += 1
        defer { readDepth -= 1 }
        loop(FileLineReader(f), source: path, interactive: false)
        return .proceed
    }

    // MARK: output

    public func write(_ text: String) { OutputStream.current(engine.L).write(text) }

    func show(_ values: [LuaDisplay]) {
        var texts: [String] = []
        for value in values {
            switch value {
            case .text(let t): texts.append(t)
            case .resultSet(let box):
                if !texts.isEmpty { write(texts.joined(separator: "\t") + "\n"); texts = [] }
                write(render(box.resultSet))
            }
        }
        if !texts.isEmpty { write(texts.joined(separator: "\t") + "\n") }
    }

    func render(_ rs: ResultSet) -> String {
        var options = settings.render
        options.color = settings.color && OutputStream.current(engine.L).isTerminal
        return ResultRenderer.render(rs, options)
    }

    /// An error: message and traceback on stderr, in red on a terminal; line numbers made relative to the input.
    func report(_ error: LuaError, source: String, firstLine: Int) {
        fail(Self.relocate(error.message, source: source, by: firstLine - 1))
    }

    func fail(_ message: String) {
        hadError = true
        OutputStream.current(engine.L).flush()
        let colored = settings.color && isatty(STDERR_FILENO) != 0
        fputs((colored ? "\u{1B}[31m" : "") + message + (colored ? "\u{1B}[0m" : "") + "\n", bridge_stderr())
    }

    /// Chunks are compiled on their own, so Lua numbers their lines from 1; shift "source:N:" by the chunk's
    /// first line so messages point into the file or input.
    static func relocate(_ message: String, source: String, by offset: Int) -> String {
        guard offset > 0 else { return message }
        var out = ""
        var rest = Substring(message)
        let marker = source + ":"
        while let start = rest.firstRange(of: marker) {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let digits = rest.prefix(while: { $0.isNumber })
            if let n = Int(digits), rest.dropFirst(digits.count).first == ":" {
                out += String(n + offset)
                rest = rest.dropFirst(digits.count)
            }
        }
        return out + rest
    }

    private func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func formatSeconds(_ s: Double) -> String {
        let ms = Int((s * 1000).rounded())
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - String(ms % 1000).count))\(ms % 1000)"
    }
}

/// Lines from a file opened by `.read`.
final class FileLineReader: LineReader {
    let file: UnsafeMutablePointer<FILE>
    init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }

    func read(prompt: String) -> LineInput {
        var buffer: UnsafeMutablePointer<CChar>?
        var cap = 0
        defer { free(buffer) }
        let n = getline(&buffer, &cap, file)
        guard n >= 0, let buffer else { return .endOfInput }
        var line = String(cString: buffer)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    func remember(_ entry: String) {}
}
