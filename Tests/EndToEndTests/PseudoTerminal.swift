@preconcurrency import Glibc

/// The built `coexist` running on a pseudo-terminal (forkpty), driven like a person at a keyboard:
/// `send` types raw bytes, `waitFor` reads the screen output until some text appears.
///
/// Matching is on the visible text (escape sequences, CR, BEL and BS removed) and moves forward: each
/// `waitFor` looks only after the end of the previous match, so waiting for `coexist> ` twice waits
/// for two prompts.
final class PseudoTerminal {
    static let enter = "\r"
    static let tab = "\t"
    static let ctrlC = "\u{03}"
    static let ctrlD = "\u{04}"
    static let up = "\u{1B}[A"
    static let left = "\u{1B}[D"
    static let backspace = "\u{7F}"

    let pid: pid_t
    private let master: Int32
    private var raw: [UInt8] = []
    private var cursor = 0
    private var exitStatus: Int32?
    private var endOfOutput = false

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let output: String
        var exitStatus: Int32?
        var description: String {
            let state = exitStatus.map { " (the shell has exited with status \($0))" } ?? ""
            return "timed out waiting for \(waitingFor.debugDescription)\(state); screen so far:\n\(output)"
        }
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `executable arguments...` with exactly `environment`, on a terminal of `columns` x `rows`.
    init(
        _ executable: String = CoexistBinary.path, arguments: [String] = [], environment: [String: String],
        columns: UInt16 = 100, rows: UInt16 = 30
    ) throws {
        // Everything the child needs is built before the fork: after it, the child only calls
        // async-signal-safe functions until execve.
        let argv = CStrings([executable] + arguments)
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        var fd: Int32 = -1

        let child = forkpty(&fd, nil, nil, &size)
        if child == 0 {
            // Threads of the test runner block signals (SIGINT among them) and the mask survives execve.
            sigprocmask(SIG_SETMASK, &noSignals, nil)
            sigaction(SIGINT, &defaultAction, nil)  // one call each: no array allocated after the fork
            sigaction(SIGPIPE, &defaultAction, nil)
            sigaction(SIGTERM, &defaultAction, nil)
            sigaction(SIGQUIT, &defaultAction, nil)
            for other in 3..<256 { close(Int32(other)) }
            execve(executable, argv.pointers, envp.pointers)
            _exit(127)
        }
        guard child > 0 else { throw LaunchFailure(description: "forkpty failed: errno \(errno)") }
        pid = child
        master = fd
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        withExtendedLifetime((argv, envp)) {}
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Everything shown so far, as plain text.
    var screen: String { String(decoding: TerminalText.visible(raw), as: UTF8.self) }

    /// Everything written so far, escape sequences and carriage returns included (to see how a line was drawn).
    var rawOutput: String { String(decoding: raw, as: UTF8.self) }

    /// Sets the window size (TIOCSWINSZ); the shell gets SIGWINCH.
    func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as raw bytes.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += n
        }
    }

    /// Sends `line` followed by Enter.
    func type(_ line: String) { send(line + Self.enter) }

    /// Reads output until `text` appears after the previous match, and returns what was shown from the
    /// previous match up to and including `text`. Throws `Timeout` (with the screen so far) otherwise.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 5) throws -> String {
        let wanted = Array(text.utf8)
        let deadline = now() + timeout
        while true {
            let visible = TerminalText.visible(raw)
            if let range = find(wanted, in: visible, from: cursor) {
                let shown = String(decoding: visible[cursor..<range.upperBound], as: UTF8.self)
                cursor = range.upperBound
                return shown
            }
            let left = deadline - now()
            if left <= 0 || endOfOutput && !readAvailable(timeout: 0) {
                throw Timeout(waitingFor: text, output: screen, exitStatus: exitedStatus())
            }
            readAvailable(timeout: left)
        }
    }

    /// Waits for `prompt` and then until the line editor has taken the terminal out of canonical mode.
    ///
    /// libedit writes its prompt *before* it switches the terminal to raw mode, so a key sent the moment
    /// the prompt shows can reach a cooked terminal: Ctrl-D there is the tty's end-of-file (and is lost
    /// once libedit switches modes) and Ctrl-C raises SIGINT before el_gets reads. Waiting for ICANON to
    /// go off makes every key arrive the way it does when a person types after seeing the prompt.
    @discardableResult
    func waitForPrompt(_ prompt: String = "coexist> ", timeout: Double = 5) throws -> String {
        let shown = try waitFor(prompt, timeout: timeout)
        let deadline = now() + timeout
        while !lineEditorActive() {
            if now() > deadline { throw Timeout(waitingFor: "line editing (ICANON off) after \(prompt.debugDescription)", output: screen) }
            readAvailable(timeout: 0.002)
        }
        return shown
    }

    /// Whether the terminal is in non-canonical mode, as libedit sets it while it reads a line. (On Linux,
    /// the terminal modes read through the master are those of the slave side, which the shell sets.)
    private func lineEditorActive() -> Bool {
        var modes = termios()
        return tcgetattr(master, &modes) == 0 && modes.c_lflag & tcflag_t(ICANON) == 0
    }

    /// The exit status if the shell has already exited (without waiting).
    private func exitedStatus() -> Int32? {
        if exitStatus == nil {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { exitStatus = Self.decode(status) }
        }
        return exitStatus
    }

    private static func decode(_ status: Int32) -> Int32 {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Waits for the shell to exit and returns its exit status (128 + N if killed by signal N). On timeout
    /// the process is killed and -1 returned.
    func waitForExit(timeout: Double = 5) -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = now() + timeout
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if now() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                exitStatus = -1
                return -1
            }
            // Keep draining the terminal so the shell never blocks on a full buffer while exiting.
            if !readAvailable(timeout: 0.05) || endOfOutput { usleep(10_000) }
        }
        let code = Self.decode(status)
        exitStatus = code
        return code
    }

    /// Reads what is available within `timeout` seconds; returns whether anything was read.
    @discardableResult
    private func readAvailable(timeout: Double) -> Bool {
        guard !endOfOutput else { return false }
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n > 0 {
            raw.append(contentsOf: buffer[..<n])
            return true
        }
        if n == 0 || (errno != EINTR && errno != EAGAIN) { endOfOutput = true }  // EIO: the shell closed the terminal
        return false
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        guard haystack.count - start >= needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
        }
        return nil
    }

    private func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// A NULL-terminated array of C strings that stays allocated for its lifetime (for execve).
final class CStrings {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (i, s) in strings.enumerated() { pointers[i] = strdup(s) }
        pointers[count] = nil
    }

    deinit {
        for i in 0..<count { free(pointers[i]) }
        pointers.deallocate()
    }
}
