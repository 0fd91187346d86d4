import Dispatch

/// How far a long import has got, for the shell to draw (it does so on terminals only).
public struct ImportProgress: Sendable, Equatable {
    /// 0 to 1, by bytes read.
    public var fraction: Double
    /// Rows imported (or, while parts run in parallel, estimated) so far.
    public var rows: Int
    public var rowsPerSecond: Double
    public var elapsedSeconds: Double

    public init(fraction: Double, rows: Int, rowsPerSecond: Double, elapsedSeconds: Double) {
        self.fraction = fraction
        self.rows = rows
        self.rowsPerSecond = rowsPerSecond
        self.elapsedSeconds = elapsedSeconds
    }
}

/// Called on the importing thread, at most about 10 times a second; a final call with fraction 1
/// follows only when earlier calls were made, so a short import stays silent.
public typealias ImportProgressHandler = @Sendable (ImportProgress) -> Void

/// Rate-limits progress reports. Reading the clock is cheap but not free, so importers call `update`
/// only every few thousand rows. A class, so a parser's callback can hold it.
final class ProgressMeter {
    static let intervalNs: UInt64 = 100_000_000

    let handler: ImportProgressHandler?
    let startNs: UInt64
    private var nextNs: UInt64
    private(set) var reported = false

    let intervalNs: UInt64

    init(_ handler: ImportProgressHandler?, intervalNs: UInt64 = ProgressMeter.intervalNs) {
        self.handler = handler
        self.intervalNs = intervalNs
        startNs = DispatchTime.now().uptimeNanoseconds
        // The first report waits one interval too: imports shorter than that never draw anything.
        nextNs = startNs + intervalNs
    }

    var isActive: Bool { handler != nil }

    func update(fraction: Double, rows: Int) {
        guard let handler else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= nextNs else { return }
        nextNs = now + intervalNs
        reported = true
        handler(progress(fraction: fraction, rows: rows, now: now))
    }

    func finish(rows: Int) {
        guard let handler, reported else { return }
        handler(progress(fraction: 1, rows: rows, now: DispatchTime.now().uptimeNanoseconds))
    }

    private func progress(fraction: Double, rows: Int, now: UInt64) -> ImportProgress {
        let elapsed = Double(now - startNs) / 1e9
        return ImportProgress(fraction: min(max(fraction, 0), 1), rows: rows,
                              rowsPerSecond: elapsed > 0 ? Double(rows) / elapsed : 0, elapsedSeconds: elapsed)
    }
}
