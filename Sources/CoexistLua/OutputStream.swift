import CLuaBridge
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where print and rendered results go: Lua's current default output (io.output()), so that `.output FILE`
/// in the shell, `io.output(f)` in a script, print and io.write all agree.
public struct OutputStream {
    public let file: UnsafeMutablePointer<FILE>

    public static func current(_ L: OpaquePointer) -> OutputStream {
        OutputStream(file: bridge_default_output(L).assumingMemoryBound(to: FILE.self))
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    public func flush() { fflush(file) }

    /// Flushes and tells whether anything written since the last check failed (the errno, or EIO when the
    /// failure was in an earlier write); the error is then cleared.
    public func flushError() -> Int32? {
        errno = 0
        let flushed = fflush(file) == 0
        let e = errno
        guard !flushed || ferror(file) != 0 else { return nil }
        clearerr(file)
        return e != 0 ? e : EIO
    }

    public var isStandardOutput: Bool { file == bridge_stdout() }

    public var isTerminal: Bool { isatty(fileno(file)) != 0 }
}
