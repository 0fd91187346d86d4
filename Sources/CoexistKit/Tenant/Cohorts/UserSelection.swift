import Foundation

/// Turning filters, predicates, name lists and CSV files into sets of users (directory positions) for cohorts.
extension CoexistenceTenant {
    /// Fields a filter table may name.
    public static let filterFields = ["upn", "display_name", "department", "city", "building", "country", "homing",
                                      "mode", "policy", "cohort", "mailbox", "enterprise_voice", "runs_teams", "runs_sfb"]

    /// `users:where{department="Sales", building={"SEA-1","SEA-2"}}`: every field must match one of its values
    /// (case-insensitive). Unknown fields throw with the nearest field name.
    public func select(filter: [String: [String]], on day: PlanDay? = nil) throws(TenantError) -> [Int] {
        var tests: [(UserView) -> Bool] = []
        for (field, values) in filter.sorted(by: { $0.key < $1.key }) {
            let wanted = Set(values.map { $0.lowercased() })
            let key = TenantCSV.normalize(field)
            guard let name = CoexistenceTenant.filterFields.first(where: { TenantCSV.normalize($0) == key }) else {
                throw .unknownName(kind: "field", name: field,
                                   suggestion: EditDistance.nearest(to: field, in: CoexistenceTenant.filterFields))
            }
            let get = CoexistenceTenant.fieldValue(name)
            tests.append { wanted.contains(get($0).lowercased()) }
        }
        return select(on: day) { v in tests.allSatisfy { $0(v) } }
    }

    public func select(filter: [String: String], on day: PlanDay? = nil) throws(TenantError) -> [Int] {
        try select(filter: filter.mapValues { [$0] }, on: day)
    }

    /// `users:where(function(u) ... end)`: the predicate sees each user as they stand on `day`.
    public func select<E: Error>(on day: PlanDay? = nil, where predicate: (UserView) throws(E) -> Bool) throws(E) -> [Int] {
        let state = self.state(asOf: day)
        var result: [Int] = []
        for p in 0..<directory.count where try predicate(view(p, in: state)) { result.append(p) }
        return result
    }

    /// A list of UPNs; the first unknown one throws.
    public func positions(of upns: [String]) throws(TenantError) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(upns.count)
        for upn in upns { result.append(try position(of: upn)) }
        return result
    }

    /// A CSV naming users in a `upn` (or `UserPrincipalName`) column, or in its first column. Unknown users fail
    /// a strict read (naming file and line) and are skipped and counted in skip mode.
    public func positions(fromCSV text: String, file: String, mode: ImportErrorPolicy = .strict) throws(TenantError) -> (positions: [Int], report: UserImportReport) {
        let csv = try TenantCSV(text: text, file: file)
        let column = csv.column("upn", "UserPrincipalName", "user") ?? 0
        var parsed = ParsedUsers()
        var result: [Int] = []
        // A one-column file without a header is a plain list: its first line is a user too.
        var records = csv.records
        if csv.column("upn", "UserPrincipalName", "user") == nil && csv.header.count == 1 && csv.header[0].contains("@") {
            records.insert(.init(line: 1, fields: csv.header), at: 0)
        }
        for r in records {
            let value = column < r.fields.count ? r.fields[column].trimmingCharacters(in: .whitespaces) : ""
            if value.isEmpty { continue }
            if let p = directory.position(of: value) {
                result.append(p)
            } else {
                try parsed.reject(.badRow(file: file, line: r.line, field: csv.header.indices.contains(column) ? csv.header[column] : "upn",
                                          value: value, reason: "no such user"), mode: mode)
            }
        }
        parsed.report.added = result.count
        parsed.report.imported = result.count
        return (result, parsed.report)
    }

    static func fieldValue(_ field: String) -> (UserView) -> String {
        switch field {
        case "upn": return { $0.user.upn }
        case "display_name": return { $0.user.displayName }
        case "department": return { $0.user.department }
        case "city": return { $0.user.city }
        case "building": return { $0.user.building }
        case "country": return { $0.user.country }
        case "homing": return { $0.homing.rawValue }
        case "mode": return { $0.effectiveMode.rawValue }
        case "policy": return { $0.grantedPolicy?.name ?? "" }
        case "cohort": return { $0.cohort ?? "" }
        case "mailbox": return { $0.user.mailbox.rawValue }
        case "enterprise_voice": return { $0.user.enterpriseVoice ? "true" : "false" }
        case "runs_teams": return { $0.user.runsTeams ? "true" : "false" }
        default: return { $0.user.runsSfB ? "true" : "false" }
        }
    }
}
