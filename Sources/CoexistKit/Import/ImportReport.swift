/// What an import did, whichever importer ran (streams CSV, Graph call records, users, cohort members).
/// Nothing here is printed by the importer; the shell decides.
public struct ImportReport: Sendable, Equatable {
    /// Rows added to the store or the directory (for users, `added + replaced`).
    public var imported = 0
    public var skipped = 0
    /// The first 20 reasons rows were skipped, in file order, each naming file, line, field and value.
    public var skipReasons: [ImportError] = []
    /// One-off remarks, such as the columns that were ignored or how the tenant global was settled.
    public var notices: [String] = []
    public var bytes = 0
    /// Streams not added because the store already held them, or an earlier row of the same import
    /// did (`StreamIdentity`): importing a file twice adds nothing the second time.
    public var duplicates = 0
    /// Header names no column matched, each with the closest known name when one is close.
    public var unknownColumns: [UnknownColumn] = []
    /// Graph call records: people whose identity has no userPrincipalName, each counted once (a notice
    /// names them per record); their streams cannot be joined to the user directory.
    public var usersWithoutUPN = 0

    // Users files only.
    public var added = 0
    public var replaced = 0
    /// Which importer read the file and how its bytes were decoded (nil for text handed in directly).
    public var format: CoexistenceTenant.UserFileFormat?
    public var encoding: UserFileText.Encoding?
    /// The tenant global the import set, stated with the `global` option or inferred from the users who
    /// inherit it; nil when the import left the global alone.
    public var global: UpgradePolicy?
    /// Every user whose computed mode differs from the file's TeamsUpgradeEffectiveMode, naming file and line.
    public var mismatches: [String] = []

    public struct UnknownColumn: Sendable, Equatable {
        public var name: String
        public var suggestion: String?

        public var description: String { name + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") }
    }

    public init() {}

    /// Every row the import read: imported, skipped as a duplicate, or skipped as bad.
    public var rowsRead: Int { imported + duplicates + skipped }

    /// What a user must see after the import even when they do not read the returned report: the
    /// columns it ignored, the duplicates it skipped, the users whose mode differs from the file's (the
    /// first 20). One line each, for stderr.
    public var warnings: [String] {
        var lines: [String] = []
        if !unknownColumns.isEmpty {
            lines.append("ignored unknown column\(unknownColumns.count > 1 ? "s" : ""): "
                         + unknownColumns.map(\.description).joined(separator: ", "))
        }
        if duplicates > 0 {
            lines.append("skipped \(duplicates) duplicate stream\(duplicates > 1 ? "s" : "") (already imported)")
        }
        lines += mismatches.prefix(20)
        if mismatches.count > 20 {
            lines.append("... and \(mismatches.count - 20) more user(s) whose computed mode differs from the file (see the report's mismatches)")
        }
        return lines
    }

    /// The notices and warnings an import prints, wherever it runs.
    public var messages: [String] { notices.map { "notice: " + $0 } + warnings.map { "warning: " + $0 } }

    static let maxReasons = 20

    /// A row skipped for `reason`; the first `maxReasons` reasons are kept.
    mutating func recordSkip(_ reason: ImportError) {
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

/// The name the users importers had for it; one type serves every importer.
public typealias UserImportReport = ImportReport
