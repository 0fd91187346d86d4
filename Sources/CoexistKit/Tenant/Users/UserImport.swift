import Foundation

/// The rows an importer produced, before they reach the directory.
struct ParsedUsers {
    var users: [User] = []
    /// The line each user's row starts on, parallel to `users`.
    var lines: [Int] = []
    var report = UserImportReport()

    mutating func append(_ user: User, line: Int) {
        users.append(user)
        lines.append(line)
    }

    /// Handles one row's failure according to `mode`: rethrows in strict mode, records it in skip mode.
    mutating func reject(_ error: TenantError, mode: ImportErrorPolicy) throws(TenantError) {
        guard mode == .skip else { throw error }
        report.recordSkip(error.importError)
    }
}

/// Field parsers shared by the user importers; each throws `badRow` naming the field and value.
struct UserFieldReader {
    var file: String
    var line: Int

    func fail(_ field: String, _ value: String, _ reason: String) -> TenantError {
        .badRow(file: file, line: line, field: field, value: value, reason: reason)
    }

    func bool(_ field: String, _ value: String, default d: Bool) throws(TenantError) -> Bool {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return d
        case "true", "yes", "y", "1", "$true": return true
        case "false", "no", "n", "0", "$false": return false
        default: throw fail(field, value, "expected True or False")
        }
    }

    func upn(_ field: String, _ value: String) throws(TenantError) -> String {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard !v.isEmpty else { throw fail(field, value, "a user principal name is required") }
        guard v.contains("@"), !v.contains(" ") else { throw fail(field, value, "not a user principal name") }
        return v
    }

    func policy(_ field: String, _ value: String) throws(TenantError) -> UpgradePolicy? {
        var v = value.trimmingCharacters(in: .whitespaces)
        if v.lowercased().hasPrefix("tag:") { v.removeFirst(4) }
        if v.isEmpty || v.lowercased() == "global" || v.lowercased() == "none" { return nil }
        do {
            return try UpgradePolicy.resolve(v, notify: nil)
        } catch {
            throw fail(field, value, error.description)
        }
    }

    func mode(_ field: String, _ value: String) throws(TenantError) -> CoexistenceMode? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if v.isEmpty { return nil }
        do {
            return try CoexistenceMode.parse(v)
        } catch {
            throw fail(field, value, error.description)
        }
    }

    func homing(_ field: String, _ value: String) throws(TenantError) -> UserHoming {
        switch TenantCSV.normalize(value) {
        case "", "online", "cloud": return .online
        case "onpremises", "onprem", "onpremise", "server": return .onPremises
        default: throw fail(field, value, "expected online or on-premises")
        }
    }

    func mailbox(_ field: String, _ value: String) throws(TenantError) -> MailboxLocation {
        switch TenantCSV.normalize(value) {
        case "", "online", "exchangeonline", "cloud": return .online
        case "onpremises", "onprem", "onpremise", "exchangeserver": return .onPremises
        default: throw fail(field, value, "expected online or on-premises")
        }
    }

    /// TeamsOnly needs an online home ("Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"); a file that says otherwise describes an impossible tenant.
    func checkHoming(_ user: User, field: String) throws(TenantError) {
        if user.homing == .onPremises && user.grantedPolicy?.mode == .teamsOnly {
            throw fail(field, user.grantedPolicy!.name, "TeamsOnly cannot be granted to a user homed on-premises")
        }
    }
}
