/// Importing a users file: the one path `import_users(path)` at the prompt and `--data DIR` both take.
/// It decodes the bytes (`UserFileText`), picks the importer, adds the users, settles the tenant global from
/// the file (`TenantGlobalInference`), checks the whole timeline, and only then keeps the result, so a refused
/// file leaves the tenant exactly as it was.
extension CoexistenceTenant {
    public enum UserFileFormat: String, Sendable, Equatable {
        /// The documented plain users CSV (see `PlainUsersImporter`).
        case plain = "plain"
        /// `Get-CsOnlineUser | Export-Csv` output (see `CsOnlineUserImporter`).
        case csOnlineUser = "Get-CsOnlineUser"

        /// Get-CsOnlineUser output when Windows PowerShell's `#TYPE` line or one of the cmdlet's own columns is
        /// there; otherwise the plain CSV (which also accepts a `UserPrincipalName` header).
        static func detect(_ csv: TenantCSV) -> UserFileFormat {
            if csv.typeLine?.hasPrefix("#TYPE") == true { return .csOnlineUser }
            let own = ["TeamsUpgradeEffectiveMode", "HostingProvider", "InterpretedUserType", "UsageLocation", "SipAddress"]
            return csv.column("UserPrincipalName") != nil && own.contains { csv.column($0) != nil } ? .csOnlineUser : .plain
        }
    }

    public struct UserImportOptions: Sendable, Equatable {
        public var onError: ImportErrorPolicy
        /// The tenant's current global, as the user states it: no inference, and nothing recorded as a change.
        public var global: UpgradePolicy?
        /// nil detects the format from the file.
        public var format: UserFileFormat?

        public init(onError: ImportErrorPolicy = .strict, global: UpgradePolicy? = nil, format: UserFileFormat? = nil) {
            self.onError = onError
            self.global = global
            self.format = format
        }
    }

    @discardableResult
    public mutating func importUsers(path: String, options: UserImportOptions = .init()) throws(TenantError) -> UserImportReport {
        let decoded = try UserFileText.decode(try UserFileText.read(path), file: path)
        var report = try importUsers(text: decoded.text, file: path, options: options)
        report.encoding = decoded.encoding
        return report
    }

    /// A users file already read (`ImportSource`): `import_users` stamps and imports the same bytes.
    @discardableResult
    public mutating func importUsers(_ source: ImportSource, options: UserImportOptions = .init()) throws(TenantError) -> UserImportReport {
        let bytes = Array(try source.singleFile().bytes)
        let decoded = try UserFileText.decode(bytes, file: source.path)
        var report = try importUsers(text: decoded.text, file: source.path, options: options)
        report.encoding = decoded.encoding
        return report
    }

    @discardableResult
    public mutating func importUsers(csv text: String, file: String, format: UserFileFormat,
                                     mode: ImportErrorPolicy = .strict) throws(TenantError) -> UserImportReport {
        try importUsers(text: text, file: file, options: UserImportOptions(onError: mode, format: format))
    }

    @discardableResult
    public mutating func importUsers(text: String, file: String, options: UserImportOptions) throws(TenantError) -> UserImportReport {
        let csv = try TenantCSV(text: text, file: file)
        let format = options.format ?? UserFileFormat.detect(csv)
        let parsed = switch format {
        case .plain: try PlainUsersImporter.parse(csv, file: file, mode: options.onError)
        case .csOnlineUser: try CsOnlineUserImporter.parse(csv, file: file, mode: options.onError)
        }
        var next = self
        var report = parsed.report
        report.format = format
        let counts = next.importUsers(parsed.users)
        report.added = counts.added
        report.replaced = counts.replaced
        report.imported = counts.added + counts.replaced
        var lines: [Int: Int] = [:]
        for (user, line) in zip(parsed.users, parsed.lines) {
            if let p = next.directory.position(of: user.upn) { lines[p] = line }
        }
        let origin = TenantGlobalInference.Origin(file: file, lines: lines)
        try TenantGlobalInference.settle(&next, stated: options.global, origin: origin, report: &report)
        try next.timeline.validate(directory: next.directory)
        report.mismatches = TenantGlobalInference.mismatches(next, positions: lines.keys.sorted(), origin: origin)
        self = next
        return report
    }
}
