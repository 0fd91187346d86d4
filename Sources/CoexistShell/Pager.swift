import CLuaBridge
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Shows text through $PAGER (default `less -FRX`, which quits at once when the text fits and keeps colour and
/// the screen), as psql does. Only for standard output on a terminal: a pipe or a file gets the text itself.
enum Pager {
    static let defaultCommand = "less -FRX"

    static var command: String {
        if let value = getenv("PAGER").map({ String(cString: $0) }), !value.trimmingCharacters(in: " ").isEmpty { return value }
        return defaultCommand
    }

    /// Whether `text` should be paged under `mode`, given where output goes now.
    static func wanted(_ text: String, mode: PagerMode, output: UnsafeMutablePointer<FILE>) -> Bool {
        guard mode != .off, fileno(output) == STDOUT_FILENO, let size = TerminalSize.of(STDOUT_FILENO) else { return false }
        if mode == .on { return true }
        var lines = 0
        for byte in text.utf8 where byte == 0x0A {
            lines += 1
            if lines >= size.rows { return true }
        }
        return false
    }

    /// Writes `text` into the pager and waits for it; false when the pager could not be started.
    static func show(_ text: String) -> Bool {
        fflush(bridge_stdout())
        guard let pipe = popen(command, "w") else { return false }
        // Quitting the pager early closes the pipe: the write fails instead of killing the shell.
        let previous = signal(SIGPIPE, SIG_IGN)
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, pipe) }
        let status = pclose(pipe)
        signal(SIGPIPE, previous)
        // 127: the shell popen ran could not find the pager.
        return status != -1 && (status >> 8) & 0xFF != 127
    }
}
