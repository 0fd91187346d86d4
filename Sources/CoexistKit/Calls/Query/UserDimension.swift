/// What the tenant's directory knows of a stream's first user, as dimensions of the streams: the user's
/// upgrade cohort, department and city. The call store holds no users, so these exist on a store only
/// once the workspace registers them from its tenant (`CallStore.registerUserDimensions`); the names are
/// known here so that a query naming them is checked when it is written, like a stream field.
public enum UserDimension: String, CaseIterable, Sendable {
    /// "user_city" because "city" is the building's (from the building file).
    case cohort, department, userCity = "user_city"

    public var meaning: String {
        switch self {
        case .cohort: return "upgrade cohort of the first user (tenant directory)"
        case .department: return "department of the first user (tenant directory)"
        case .userCity: return "city of the first user (tenant directory); city is the building's"
        }
    }

    /// The label of the user at a directory position, "" for none.
    func label(_ tenant: CoexistenceTenant, _ position: Int) -> String {
        switch self {
        case .cohort: return tenant.cohorts.cohortName(ofUser: position) ?? ""
        case .department: return tenant.directory[position].department
        case .userCity: return tenant.directory[position].city
        }
    }

    static var names: [String] { allCases.map(\.rawValue) }
}

extension CallStore {
    /// Registers cohort, department and user_city from `tenant`, replacing earlier registrations: each user
    /// code of the store is looked up in the directory once, here, so a query reads one table entry per row.
    /// Users the store gains later are looked up in this same tenant when they arrive.
    public mutating func registerUserDimensions(from tenant: CoexistenceTenant) {
        let n = users.count
        var position = [Int32](repeating: -1, count: n)
        for c in 1..<max(n, 1) { position[c] = tenant.directory.position(of: users[UInt32(c)]).map(Int32.init) ?? -1 }
        for d in UserDimension.allCases {
            // Per directory position first: a cohort's name is interned once per member, not once per stream.
            var labels = StringDictionary()
            // Every cohort is a known label, members or not, so filtering on an empty one does not warn.
            if d == .cohort { for name in tenant.cohorts.names { _ = labels.intern(name) } }
            var byPosition = [UInt32](repeating: 0, count: tenant.directory.count)
            for p in 0..<tenant.directory.count { byPosition[p] = labels.intern(d.label(tenant, p)) }
            var codes = [UInt32](repeating: 0, count: n)
            for c in 1..<max(n, 1) where position[c] >= 0 { codes[c] = byPosition[Int(position[c])] }
            derivedDimensions[d.rawValue] = DerivedDimension(name: d.rawValue, source: .firstUser, codes: codes, labels: labels) { upn in
                tenant.directory.position(of: upn).map { d.label(tenant, $0) }
            }
        }
    }
}
