import CoexistKit

/// Grouping by what the directory knows of a stream's first user (cohort, department), which the call
/// store does not hold. Each group becomes a filter on the store's own user strings (so the core's fast
/// dictionary filter does the work); users the directory does not place form one group labelled nil.
enum UserDimension: String, CaseIterable {
    case cohort, department

    /// The groups for this store: a label and the user strings (as the store spells them) in it.
    func groups(_ store: CallStore, _ tenant: CoexistenceTenant) -> (named: [(String, [String])], unplaced: [Bool]) {
        var byLabel: [String: [String]] = [:]
        var unplaced = [Bool](repeating: true, count: store.users.count)
        for code in 1..<max(store.users.count, 1) {
            let upn = store.users[UInt32(code)]
            guard let position = tenant.directory.position(of: upn), let label = label(position, tenant), !label.isEmpty else { continue }
            byLabel[label, default: []].append(upn)
            unplaced[code] = false
        }
        return (byLabel.keys.sorted().map { ($0, byLabel[$0]!) }, unplaced)
    }

    private func label(_ position: Int, _ tenant: CoexistenceTenant) -> String? {
        switch self {
        case .cohort: return tenant.cohorts.cohortName(ofUser: position)
        case .department: return tenant.directory[position].department
        }
    }

    /// A summary grouped by `dimensions`, one of which is this one: the store's summary per group, with
    /// the group's label inserted as a column where the dimension was named.
    func summary(_ store: CallStore, _ tenant: CoexistenceTenant, _ query: CallQuery, dimensions: [String],
                 measures: [String]?) throws -> ResultSet {
        let position = dimensions.firstIndex(of: rawValue) ?? 0
        let rest = dimensions.filter { $0 != rawValue }
        let (named, unplaced) = groups(store, tenant)
        let users = store.firstUser
        var parts: [(ResultValue, CallQuery)] = try named.map { (.string($0.0), try query.filter("first_user", in: $0.1.map { .string($0) })) }
        parts.append((.null, query.filter { unplaced[Int(users[$0.index])] }))
        var result: ResultSet?
        for (label, q) in parts where try store.count(q) > 0 {
            var rs = try store.summary(q, by: rest, measures: measures)
            for i in rs.rows.indices { rs.rows[i].insert(label, at: position) }
            if result == nil {
                rs.columns.insert(Column(rawValue, .string), at: position)
                result = rs
            } else {
                result!.rows += rs.rows
            }
        }
        if var r = result {
            r.title = "streams by " + dimensions.joined(separator: ", ")
            return r
        }
        var empty = try store.summary(query.filter { _ in false }, by: rest, measures: measures)
        empty.columns.insert(Column(rawValue, .string), at: position)
        empty.rows = []
        return empty
    }

    /// The `n` groups with the highest `measure`, as the store's `top` orders them.
    func top(_ store: CallStore, _ tenant: CoexistenceTenant, _ query: CallQuery, n: Int, measure: String,
             minStreams: Int) throws -> ResultSet {
        let measures = measure == "streams" ? ["streams"] : [measure, "streams"]
        var rs = try summary(store, tenant, query, dimensions: [rawValue], measures: measures)
        let streams = measures.count
        func number(_ v: ResultValue) -> Double? {
            switch v {
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: return nil
            }
        }
        rs.rows = rs.rows.filter { (number($0[streams]) ?? 0) >= Double(minStreams) }
        rs.rows.sort { a, b in
            let x = number(a[1]), y = number(b[1])
            if x != y {
                guard let x else { return false }
                guard let y else { return true }
                return x > y
            }
            return (number(a[streams]) ?? 0) > (number(b[streams]) ?? 0)
        }
        rs.rows = Array(rs.rows.prefix(max(n, 0)))
        rs.title = "top \(n) \(rawValue) by \(measure)"
        return rs
    }
}
