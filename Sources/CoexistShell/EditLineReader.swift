@preconcurrency import CEditLine
import CLuaBridge
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Line editing on a terminal through libedit's native API (el_gets): emacs keys, Ctrl-R search, history
/// kept across runs, and Tab completion from the shell's completer.
public final class EditLineReader: LineReader {
    private let el: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var promptText: UnsafeMutablePointer<CChar>?
    let completer: Completer

    public static let historySize: Int32 = 2_000

    public init?(completer: Completer, historyPath: String?) {
        guard let el = el_init("coexist", bridge_stdin(), bridge_stdout(), bridge_stderr()), let history = shim_history_init() else { return nil }
        self.el = el
        self.history = history
        self.historyPath = historyPath
        self.completer = completer
        shim_history_setsize(history, Self.historySize)
        shim_history_setunique(history, 1)
        if let historyPath {
            XDGPaths.makeParent(of: historyPath)
            shim_history_load(history, historyPath)
            compactHistoryFile()
        }
        shim_el_set_editor(el, "emacs")
        shim_el_set_signal(el, 1)
        shim_el_set_history(el, history)
        shim_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        shim_el_set_prompt(el, { el in
            let me = Unmanaged<EditLineReader>.fromOpaque(shim_el_get_clientdata(el!)!).takeUnretainedValue()
            return me.promptText
        })
        // Through el_wset with copies kept once (shim.h): el_set's EL_ADDFN leaks its copies of both strings.
        shim_el_addfn(el, "coexist-complete", "complete the word before the cursor", { el, _ in
            let me = Unmanaged<EditLineReader>.fromOpaque(shim_el_get_clientdata(el!)!).takeUnretainedValue()
            return me.complete()
        })
        shim_el_bind(el, "^I", "coexist-complete")
        shim_el_set_getcfn(el, { _, out in EditLineReader.readCharacter(out) })
        el_source(el, nil)
    }

    deinit {
        el_end(el)
        history_end(history)
        free(promptText)
    }

    public func read(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        var count: Int32 = 0
        bridge_block_termination_signals()
        let got = el_gets(el, &count)
        if bridge_termination_pending() != 0 { terminate() }
        bridge_release_termination_signals()
        guard let raw = got else {
            if bridge_take_interrupt() != 0 {
                fputs("^C\n", bridge_stdout())
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// SIGTERM or SIGHUP arrived at the prompt: flush what was printed and end this process alone by the
    /// same signal (el_gets has put the terminal back in cooked mode). The history is already on disk: each
    /// entry was appended when it was remembered, and rewriting it here would drop other shells' lines.
    private func terminate() -> Never {
        fflush(nil)
        bridge_die_of_signal(bridge_termination_pending())
        fatalError("unreachable: bridge_die_of_signal returned")
    }

    public func remember(_ entry: String) {
        guard !entry.trimmingCharacters(in: " \t").isEmpty else { return }
        // History is unique: an entry equal to the last one is not entered, so it is not appended either.
        guard entry != lastEntry else { return }
        lastEntry = entry
        shim_history_enter(history, entry)
        if let historyPath { _ = shim_history_append_newest(history, historyPath) }
    }

    private var lastEntry: String?

    /// Entries are appended, so the file only grows; once it holds twice what is kept, it is rewritten with
    /// the kept entries (to a temporary file renamed into place, so a failure leaves the old one).
    private func compactHistoryFile() {
        guard let historyPath, let f = fopen(historyPath, "r") else { return }
        var lines = 0
        while true {
            let c = getc(f)
            if c == EOF { break }
            if c == 10 { lines += 1 }
        }
        fclose(f)
        guard lines > 2 * Int(Self.historySize) + 1 else { return }
        let temporary = historyPath + ".compacting"
        if shim_history_save(history, temporary) >= 0 { rename(temporary, historyPath) } else { unlink(temporary) }
    }

    /// libedit's own reader blocks in read(2): a Ctrl-C that lands while it is still redrawing (not yet in
    /// read) would go unnoticed until the next key. This one waits in short polls and checks the flag
    /// between them, so Ctrl-C at the prompt always clears the line. Returns 1 with a character, 0 at end
    /// of input, -1 when interrupted or on a read error.
    static func readCharacter(_ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        var state = mbstate_t()
        // Inside el_gets, after libedit installed its own handlers: take SIGTERM and SIGHUP from it.
        bridge_claim_termination_signals()
        while true {
            if bridge_interrupt_pending() != 0 || bridge_termination_pending() != 0 {
                errno = EINTR
                return -1
            }
            var pfd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready < 0 && errno != EINTR { return -1 }
            if ready <= 0 { continue }
            var byte: CChar = 0
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n == 0 { return 0 }
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            var wc: wchar_t = 0
            let used = mbrtowc(&wc, &byte, 1, &state)
            if used == -2 { continue }  // the middle of a multi-byte character
            if used == -1 {
                // Not valid in this locale: pass the byte through rather than lose it.
                state = mbstate_t()
                wc = wchar_t(UInt8(bitPattern: byte))
            }
            out?.pointee = wc
            return 1
        }
    }

    /// Tab: a single match completes; several extend to their common prefix, or are listed below the line.
    private func complete() -> UInt8 {
        guard let info = el_line(el)?.pointee, let start = info.buffer else { return UInt8(CC_ERROR) }
        let length = info.cursor - start
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let result = completer.complete(before)
        guard !result.candidates.isEmpty else { return UInt8(CC_ERROR) }
        let common = Completer.commonPrefix(result.candidates)
        if common.count > result.word.count {
            el_insertstr(el, String(common.dropFirst(result.word.count)) + (result.candidates.count == 1 ? result.suffix : ""))
            return UInt8(CC_REFRESH)
        }
        if result.candidates.count == 1 {
            if !result.suffix.isEmpty { el_insertstr(el, result.suffix) }
            return UInt8(CC_REFRESH)
        }
        // As readline does: a long list is shown only when asked for, so Tab never floods the screen with
        // two thousand names. y or space shows it; anything else declines.
        if result.candidates.count > Completer.askAbove {
            fputs("\nDisplay all \(result.candidates.count) possibilities? (y or n) ", bridge_stdout())
            fflush(bridge_stdout())
            var answer: CChar = 0
            let got = el_getc(el, &answer)
            guard got == 1, answer == CChar(UInt8(ascii: "y")) || answer == CChar(UInt8(ascii: "Y")) || answer == CChar(UInt8(ascii: " ")) else {
                fputs("\n", bridge_stdout())
                return UInt8(CC_REDISPLAY)
            }
        }
        fputs("\n" + Completer.columns(result.candidates, width: terminalWidth()) + "\n", bridge_stdout())
        return UInt8(CC_REDISPLAY)
    }

    private func terminalWidth() -> Int {
        var ws = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0 && ws.ws_col > 0 ? Int(ws.ws_col) : 80
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
