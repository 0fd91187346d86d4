/// How the streams importers (CSV, Graph) run.
public struct ImportOptions: Sendable {
    public var onError: ImportErrorPolicy
    /// Split a large file at a line boundary and parse the parts on two threads.
    public var parallel: Bool
    /// Progress of a long import (see `ImportProgressHandler`); nil, the default, costs nothing.
    public var progress: ImportProgressHandler?
    /// Asked between batches of records (Graph call records): true stops the import, which then changes
    /// nothing (`ImportStopped`). The shell passes Ctrl-C's pending interrupt.
    public var shouldStop: (@Sendable () -> Bool)?
    /// Least time between progress reports; tests shorten it to see every report.
    var progressIntervalNs: UInt64 = ProgressMeter.intervalNs

    public init(onError: ImportErrorPolicy = .strict, parallel: Bool = true, progress: ImportProgressHandler? = nil) {
        self.onError = onError
        self.parallel = parallel
        self.progress = progress
    }
}

/// An import stopped on request (Ctrl-C) before it was done: nothing of it reached the store.
public struct ImportStopped: Error, CustomStringConvertible {
    public let file: String
    public var description: String { "\(file): import stopped by Ctrl-C; nothing imported" }
}
