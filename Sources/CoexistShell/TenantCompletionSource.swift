import CoexistKit

/// Inside string literals: user UPNs, cohort names, mode and policy names, chosen by the call or field the
/// string belongs to (`cohort("` -> cohorts, `route{from="` -> UPNs, `:move("` -> modes and policies).
public final class TenantCompletionSource: CompletionSource {
    let workspace: Workspace

    public init(_ workspace: Workspace) { self.workspace = workspace }

    static let modes = CoexistenceMode.allCases.map(\.rawValue)
    static let policies = UpgradePolicy.builtIns.map(\.name)

    public func candidates(for context: CompletionContext) -> [String] {
        guard case .string(let function, let key) = context.kind else { return [] }
        if let key, let names = names(forField: key) { return names }
        if function == nil, Self.indexesUsers(context.line) { return upns }
        switch function.map(Self.lastName) ?? "" {
        case "cohort", "make_cohort": return cohortNames
        case "user", "get", "route": return upns
        case "move", "set_global": return Self.modes + Self.policies + (function.map(Self.lastName) == "move" ? ["Global"] : [])
        // A string whose argument we do not know gets no names: every user name after `modality="` or
        // `import_calls("` was noise (the calls and file sources offer what those take).
        default: return []
        }
    }

    /// Values for `{key="...`: route parties, route and matrix options, and `where` filter fields.
    private func names(forField key: String) -> [String]? {
        switch key {
        case "from", "to", "upn": return upns
        case "mode": return Self.modes
        case "policy": return Self.policies
        case "cohort": return cohortNames
        // qer{scope="...": a building, a cohort or a department, the scopes qer accepts by name.
        case "scope": return buildings + cohortNames + values("department")
        case "client": return ["teams", "sfb"]
        case "by": return ["cohort", "mode"]
        case "homing": return UserHoming.allCases.map(\.rawValue)
        case "mailbox": return ["online", "on-premises"]
        case "department", "building", "city", "country":
            return values(key) + (key == "building" ? buildings : [])
        default: return nil
        }
    }

    private static func field(_ key: String, of u: User) -> String {
        switch key {
        case "department": return u.department
        case "building": return u.building
        case "city": return u.city
        default: return u.country
        }
    }

    private func values(_ key: String) -> [String] {
        Array(Set(workspace.coexistence.directory.users.map { Self.field(key, of: $0) }.filter { !$0.isEmpty }))
    }

    /// Buildings of the building file (where calls are placed) and of the directory (where users sit).
    private var buildings: [String] {
        Array(Set(workspace.calls.buildingFile.buildings.map(\.name) + values("building")))
    }

    private var upns: [String] { workspace.coexistence.directory.users.map(\.upn) }
    private var cohortNames: [String] { workspace.coexistence.cohorts.names }

    /// `users['ann`: the string indexes the users by UPN.
    static func indexesUsers(_ line: String) -> Bool {
        guard let quote = Completer.openQuote(line), let start = line.lastIndex(of: quote) else { return false }
        var before = line[..<start]
        while before.last == " " { before = before.dropLast() }
        return before.hasSuffix("users[")
    }

    /// `move` of `cohort("x"):move` or `tenant.v:route`.
    static func lastName(_ dotted: String) -> String {
        String(dotted.split(whereSeparator: { $0 == "." || $0 == ":" }).last ?? "")
    }
}
