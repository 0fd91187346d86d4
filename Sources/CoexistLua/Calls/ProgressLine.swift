import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Draws an importer's progress on stderr (percent, rows/s), rewritten in place, when stderr is a
/// terminal; nil otherwise, so scripts and pipes see only their own output. The importer calls it about
/// ten times a second, possibly from its worker threads, and ends with fraction 1 if it drew at all.
public enum ProgressLine {
    public static func handler(for file: String, terminal: Bool = isatty(STDERR_FILENO) != 0) -> ImportProgressHandler? {
        guard terminal else { return nil }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return { p in
            let rate = "\(grouped(Int(p.rowsPerSecond))) rows/s"
            if p.fraction >= 1 {
                fputs("\r\u{1B}[Kimported \(name): \(grouped(p.rows)) rows in \(String(format: "%.1f", p.elapsedSeconds)) s, \(rate)\n", bridge_stderr())
            } else {
                fputs("\r\u{1B}[Kimporting \(name): \(Int(p.fraction * 100))%  \(rate)", bridge_stderr())
            }
        }
    }
}
