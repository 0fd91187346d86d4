extension CoexistenceTenant {
    /// Fields of a user filter whose values are names from a known list: a value outside it selects no one,
    /// which is almost always a typo, so it is reported with the closest name.
    static let namedFilterFields = ["upn", "department", "building", "city", "cohort", "mode"]

    /// One warning per filter value that names no user, department, building, city, cohort or mode of this
    /// tenant (case-insensitive, as the filter matches), with the closest known value.
    public func unknownFilterValues(_ filter: [String: [String]]) -> [String] {
        var out: [String] = []
        for (field, values) in filter.sorted(by: { $0.key < $1.key }) {
            let key = TenantCSV.normalize(field)
            guard let name = Self.namedFilterFields.first(where: { TenantCSV.normalize($0) == key }) else { continue }
            let known: [String]
            switch name {
            case "cohort": known = cohorts.names
            case "mode": known = CoexistenceMode.allCases.map(\.rawValue)
            case "upn": known = directory.users.map(\.upn)
            case "department": known = Array(Set(directory.users.map(\.department).filter { !$0.isEmpty })).sorted()
            case "building": known = Array(Set(directory.users.map(\.building).filter { !$0.isEmpty })).sorted()
            default: known = Array(Set(directory.users.map(\.city).filter { !$0.isEmpty })).sorted()
            }
            let lowered = Set(known.map { $0.lowercased() })
            for v in values where !lowered.contains(v.lowercased()) {
                let near = EditDistance.nearest(to: v, in: known)
                out.append("no \(name) is '\(v)'" + (near.map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        return out
    }
}
