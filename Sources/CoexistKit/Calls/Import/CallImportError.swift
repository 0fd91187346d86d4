/// An importer's refusal: where (file, line, column or field) and what (the bad value).
public struct CallImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line; nil when the problem is not on one line (a missing column, an unreadable file).
    public var line: Int?
    /// Column name (CSV, building file) or JSON path (Graph).
    public var field: String?
    public var value: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.message = message
    }

    /// `streams.csv:42: column jitter_ms: bad number "abc"` — the shape compilers use, so editors can jump.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        s += message
        if let value { s += " \"\(value.count > 80 ? String(value.prefix(80)) + "..." : value)\"" }
        return s
    }
}

/// What to do with a bad row.
public enum ImportErrorPolicy: Sendable {
    /// The first bad row aborts the import and nothing is added.
    case strict
    /// Bad rows are skipped, counted, and the first 20 reasons kept.
    case skip
}

public struct ImportOptions: Sendable {
    public var onError: ImportErrorPolicy
    /// Split a large file at a line boundary and parse the parts on two threads.
    public var parallel: Bool
    /// Progress of a long import (see `ImportProgressHandler`); nil, the default, costs nothing.
    public var progress: ImportProgressHandler?
    /// Least time between progress reports; tests shorten it to see every report.
    var progressIntervalNs: UInt64 = ProgressMeter.intervalNs

    public init(onError: ImportErrorPolicy = .strict, parallel: Bool = true, progress: ImportProgressHandler? = nil) {
        self.onError = onError
        self.parallel = parallel
        self.progress = progress
    }
}

/// What an import did. Nothing here is printed by the importer; the shell decides.
public struct ImportReport: Sendable, Equatable {
    public var imported = 0
    public var skipped = 0
    /// The first 20 reasons rows were skipped, in file order.
    public var skipReasons: [CallImportError] = []
    /// One-off remarks, such as the columns that were ignored.
    public var notices: [String] = []
    public var bytes = 0
    /// Graph call records: people whose identity has no userPrincipalName, each counted once (a notice
    /// names them per record); their streams cannot be joined to the user directory.
    public var usersWithoutUPN = 0

    public init() {}

    static let maxReasons = 20

    /// A row skipped for `reason`; the first `maxReasons` reasons are kept.
    mutating func recordSkip(_ reason: CallImportError) {
        skipped += 1
        if skipReasons.count < Self.maxReasons { skipReasons.append(reason) }
    }

    mutating func absorb(_ other: ImportReport) {
        imported += other.imported
        skipped += other.skipped
        skipReasons.append(contentsOf: other.skipReasons.prefix(Self.maxReasons - skipReasons.count))
        for n in other.notices where !notices.contains(n) { notices.append(n) }
        bytes += other.bytes
        usersWithoutUPN += other.usersWithoutUPN
    }
}
