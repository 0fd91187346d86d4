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

    /// A bad field of a CSV row. A value out of its field's range reads `file:line: column = value: why`,
    /// the shape users asked for; other complaints keep `file:line: column: why "value"`.
    static func field(file: String, line: Int, column: String, value: String, message: String) -> CallImportError {
        if message.hasPrefix("out of range") {
            return CallImportError(file: file, line: line, field: "column \(column) = \(value)", message: message)
        }
        return CallImportError(file: file, line: line, field: "column \(column)", value: value, message: message)
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
    /// Streams not added because the store already held them, or an earlier row of the same import
    /// did (`StreamIdentity`): importing a file twice adds nothing the second time.
    public var duplicates = 0
    /// Header names no column matched, each with the closest known name when one is close.
    public var unknownColumns: [UnknownColumn] = []

    public struct UnknownColumn: Sendable, Equatable {
        public var name: String
        public var suggestion: String?

        public var description: String { name + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") }
    }

    /// What a user must see after the import even when they do not read the returned report: the
    /// columns it ignored and the duplicates it skipped. One line each, for stderr.
    public var warnings: [String] {
        var lines: [String] = []
        if !unknownColumns.isEmpty {
            lines.append("ignored unknown column\(unknownColumns.count > 1 ? "s" : ""): "
                         + unknownColumns.map(\.description).joined(separator: ", "))
        }
        if duplicates > 0 {
            lines.append("skipped \(duplicates) duplicate stream\(duplicates > 1 ? "s" : "") (already imported)")
        }
        return lines
    }
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
        duplicates += other.duplicates
        usersWithoutUPN += other.usersWithoutUPN
    }
}
