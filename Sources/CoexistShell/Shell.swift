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
    public var settings: ShellSettings {
        didSet {
            engine.renderOptions = settings.render
            engine.renderAutoWidth = settings.autoWidth
        }
    }
    public let completer = Completer()
    /// Any statement failed; piped input and scripts exit 1 then.
    public private(set) var hadError = false
    var onceActive = false
    /// Where `.output` and `.once` sent output, for `.show` and `shell.output`.
    var outputFile: String?
    var onceFile: String?
    /// The hint about `local` at the prompt is given once a session.
    var localHintGiven = false
    private var readDepth = 0
    /// The lesson running in this shell (`coexist train NAME` or `train("NAME")`), and one asked for by the
    /// statement running now (it starts when the statement is done).
    var training: TrainingSession?
    var trainingFromPrompt = false
    var pendingLesson: (name: String, demoUsers: Int)?

    public init(engine: LuaEngine, workspace: Workspace, settings: ShellSettings = ShellSettings()) {
        self.engine = engine
        self.workspace = workspace
        self.settings = settings
        engine.renderOptions = settings.render
        engine.renderAutoWidth = settings.autoWidth
        ShellTable.install(self)
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
                    if settings.echo { echo(line) }
                    switch runMeta(line) {
                    case .quit: return true
                    case .proceed: if hadError && settings.bail && !interactive { return false }
                    }
                    continue
                }
                if buffer.isEmpty, let lesson = training, lesson.status.question, !lesson.status.finished,
                   !line.trimmingCharacters(in: .whitespaces).isEmpty, !TrainingCommands.looksLikeLua(line) {
                    // A checkpoint question: the line is the trainee's answer, not Lua.
                    reader.remember(line)
                    TrainingCommands.answer(self, line)
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
                // At the prompt a statement's lines count from 1 (the session's line count means nothing
                // there); in a file or piped input they point into the input.
                if !execute(chunk, source: source, firstLine: interactive ? 1 : firstLine) { continue }
                reader.remember(chunk)
                buffer = ""
                TrainingCommands.afterStatement(self)
                if interactive { hintAboutLocal(chunk) }
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

    /// lua.c runs each prompt line as its own chunk, so a `local` is gone on the next line; people coming from
    /// scripts are surprised by that once, and told why once.
    func hintAboutLocal(_ chunk: String) {
        guard !localHintGiven else { return }
        let trimmed = chunk.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("local ") || trimmed.hasPrefix("local\t") else { return }
        localHintGiven = true
        OutputStream.current(engine.L).flush()
        fputs("hint: at the prompt each statement is its own chunk, so a local ends with its line; "
              + "drop `local` to keep the name (x = ...), or put the lines in a do ... end block\n", bridge_stderr())
    }

    /// `.echo on`: the statement on standard output, before its output, and never into an .output or .once
    /// file (which hold only results, so a CSV written there stays a CSV).
    func echo(_ text: String) {
        OutputStream.current(engine.L).flush()
        fputs(text + "\n", bridge_stdout())
        fflush(bridge_stdout())
    }

    /// Runs one chunk; false when it is unfinished and needs more lines.
    @discardableResult
    public func execute(_ chunk: String, source: String = "stdin", firstLine: Int = 1) -> Bool {
        let start = monotonicSeconds()
        if engine.isIncomplete(chunk, chunkName: source) { return false }
        if settings.echo { echo(chunk) }
        let outcome = engine.evaluate(chunk, chunkName: source)
        if case .incomplete = outcome { return false }
        switch outcome {
        case .values(let values): show(values)
        case .failure(let error): report(error, source: source, firstLine: firstLine)
        case .incomplete: break
        }
        if let failure = engine.flushOutput() { fail("coexist: " + failure) }
        if onceActive {
            onceActive = false
            onceFile = nil
            do { try engine.restoreAfterOnce() } catch { fail("coexist: \(error)") }
        }
        if settings.timer {
            let elapsed = monotonicSeconds() - start
            fputs("Run Time: \(formatSeconds(elapsed)) s\n", bridge_stderr())
        }
        return true
    }

    /// Runs a dot-command for Lua (`shell.command`, and the dot-command lines of a script), throwing its error.
    func runMetaFromLua(_ line: String) throws {
        var words = MetaCommands.tokenize(String(line.drop { $0 == " " }.dropFirst()))
        guard !words.isEmpty else { return }
        let name = words.removeFirst()
        guard let command = MetaCommands.find(name) else {
            throw LuaError("unknown dot-command .\(name)" + didYouMean(name, MetaCommands.all.map(\.name)) + "; .help lists them")
        }
        if name == "quit" || name == "exit" { throw LuaError(".\(name) leaves the prompt only; a script ends at its last line") }
        do {
            _ = try command.run(self, words)
        } catch let e as MetaCommandError {
            throw LuaError(e.description)
        }
    }

    /// Where output goes now, as `.show` says it.
    var outputDescription: String {
        if let onceFile { return "\(onceFile) (.once)" }
        if let outputFile { return "\(outputFile) (.output)" }
        return isatty(STDOUT_FILENO) != 0 ? "stdout (a terminal)" : "stdout (not a terminal)"
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
        // Through the read gate, and a regular file only: fopen of a FIFO would wait for a writer forever.
        let text: String
        do { text = try engine.files.readText(path) } catch { throw MetaCommandError(".read: \(error)") }
        readDepth += 1
        defer { readDepth -= 1 }
        loop(FileLineReader(text), source: path, interactive: false)
        return .proceed
    }

    // MARK: output

    public func write(_ text: String) { OutputStream.current(engine.L).write(text) }

    func show(_ values: [LuaDisplay]) {
        var out = ""
        var texts: [String] = []
        for value in values {
            switch value {
            case .text(let t): texts.append(t)
            case .resultSet(let box):
                if !texts.isEmpty { out += texts.joined(separator: "\t") + "\n"; texts = [] }
                out += render(box.resultSet)
            }
        }
        if !texts.isEmpty { out += texts.joined(separator: "\t") + "\n" }
        guard !out.isEmpty else { return }
        let stream = OutputStream.current(engine.L)
        if !engine.options.sandbox && Pager.wanted(out, mode: settings.pager, output: stream.file) {
            stream.flush()
            if Pager.show(out) { return }
        }
        write(out)
    }

    func render(_ rs: ResultSet) -> String {
        let stream = OutputStream.current(engine.L)
        var options = settings.render.fitted(to: stream, autoWidth: settings.autoWidth)
        options.color = settings.color && stream.isTerminal
        return ResultRenderer.render(rs, options)
    }

    /// An error: message and traceback on stderr, in red on a terminal; line numbers made relative to the input.
    func report(_ error: LuaError, source: String, firstLine: Int) {
        fail(Self.relocate(error.message, source: source, by: firstLine - 1))
        // Lua's own message, or a host function's ("stdin:4: not enough memory" and a traceback).
        if error.message.prefix(while: { $0 != "\n" }).hasSuffix("not enough memory") { hintAboutMemoryCap() }
    }

    /// Lua's "not enough memory" says nothing of the cap, nor that the memory may be the script's own globals;
    /// at the cap the session still runs a line that frees them (the compile reserve, CLuaBridge.h).
    func hintAboutMemoryCap() {
        let limit = Int(bridge_memory_limit(engine.L))
        guard limit > 0 else { return }
        fputs("hint: the session holds \(Self.mebibytes(engine.memoryUsed)) of its \(Self.mebibytes(limit)) --lua-memory cap "
              + "(Lua's memory and the result sets, selections and forks it keeps); free what globals hold "
              + "(name = nil) or start coexist with a larger --lua-memory\n", bridge_stderr())
    }

    static func mebibytes(_ bytes: Int) -> String {
        let m = Double(bytes) / Double(1 << 20)
        return m < 10 ? String(format: "%.1f MB", m) : "\(Int(m.rounded())) MB"
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

/// Lines of a file `.read` read whole through the read gate.
final class FileLineReader: LineReader {
    private var lines: [Substring]
    private var next = 0
    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A last line ending in a newline leaves an empty piece that is no line.
        if lines.last?.isEmpty == true { lines.removeLast() }
    }

    func read(prompt: String) -> LineInput {
        guard next < lines.count else { return .endOfInput }
        var line = String(lines[next])
        next += 1
        while line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    func remember(_ entry: String) {}
}
