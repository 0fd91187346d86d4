import CLuaBridge
import CoexistGraph
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A pull's progress on stderr when stderr is a terminal (records, pages, rate, ETA), rewritten in place on one
/// line; nothing at all otherwise, so a pipe or a script's output sees only the result. A pull that completes
/// ends the line with its totals; one that stops (Ctrl-C, an error) has the line erased, so the error that
/// follows starts a clean line.
final class GraphPullProgressLine: @unchecked Sendable {
    private let tenant: String
    private var drawn = false
    private var finished = false

    private init(tenant: String) { self.tenant = tenant }

    /// nil when stderr is not a terminal.
    static func make(tenant: String, terminal: Bool = isatty(STDERR_FILENO) != 0) -> GraphPullProgressLine? {
        terminal ? GraphPullProgressLine(tenant: tenant) : nil
    }

    func draw(_ p: GraphPullProgress) {
        let rate = p.elapsedSeconds > 0 ? Double(p.recordsThisRun) / p.elapsedSeconds : 0
        if p.fraction >= 1 {
            fputs("\r\u{1B}[Kpulled \(tenant): \(p.records) records in \(p.pages) pages, \(String(format: "%.1f", p.elapsedSeconds)) s, \(Int(rate)) records/s\n", bridge_stderr())
            finished = true
            return
        }
        let eta = p.fraction > 0 && p.recordsThisRun > 0 ? String(format: "%.0f s", p.elapsedSeconds * (1 - p.fraction) / p.fraction) : "?"
        fputs("\r\u{1B}[Kpulling \(tenant): \(p.records) records, \(p.pages) pages, \(Int(rate)) records/s, \(Int(p.fraction * 100))%, ETA \(eta)", bridge_stderr())
        fflush(bridge_stderr())
        drawn = true
    }

    /// Erases an unfinished line (the pull stopped before its end).
    func end() {
        guard drawn && !finished else { return }
        fputs("\r\u{1B}[K", bridge_stderr())
        fflush(bridge_stderr())
        finished = true
    }
}
