import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The size of the terminal behind a file descriptor: the kernel's window size (TIOCGWINSZ), else
/// $COLUMNS and $LINES as shells export them, else 80 x 24. Nil when the descriptor is not a terminal:
/// a pipe or a file has no width, and tables written there are not cut.
public enum TerminalSize {
    public static func of(_ fd: Int32) -> (columns: Int, rows: Int)? {
        guard isatty(fd) != 0 else { return nil }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : 24)
        }
        return (environment("COLUMNS") ?? 80, environment("LINES") ?? 24)
    }

    private static func environment(_ name: String) -> Int? {
        guard let value = getenv(name), let n = Int(String(cString: value)), n > 0 else { return nil }
        return n
    }
}

extension RenderOptions {
    /// These options for text going to `stream`: box characters only on a terminal (ASCII into pipes and
    /// files), and with `autoWidth` the terminal's width as the limit (none for a pipe or file).
    public func fitted(to stream: OutputStream, autoWidth: Bool) -> RenderOptions {
        var options = self
        let size = TerminalSize.of(fileno(stream.file))
        options.unicode = size != nil
        if autoWidth { options.maxWidth = size?.columns ?? 0 }
        return options
    }
}
