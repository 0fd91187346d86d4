/// Counts and readiness flags for one cohort.
extension CoexistenceTenant {
    public enum CohortDimension: String, Sendable, CaseIterable {
        case mode, homing, building, department
    }

    /// Users of the cohort by each dimension (mode, home, building, department) on `day`, as one long table:
    /// dimension, value, users, share.
    public func cohortSummary(_ name: String, on day: PlanDay? = nil) throws(TenantError) -> ResultSet {
        let cohort = try cohorts.cohort(name)
        var rows: [[ResultValue]] = []
        for d in CohortDimension.allCases {
            for row in try cohortCounts(name, by: d, on: day).rows {
                rows.append([.string(d.rawValue)] + row)
            }
        }
        return ResultSet(columns: [Column("dimension", .string), Column("value", .string), Column("users", .int),
                                   Column("share", .double, decimals: 1)],
                         rows: rows, title: "cohort '\(cohort.name)': \(cohort.count) users")
    }

    /// Users of the cohort by one dimension, most users first (ties by value, for stable output).
    public func cohortCounts(_ name: String, by dimension: CohortDimension, on day: PlanDay? = nil) throws(TenantError) -> ResultSet {
        let cohort = try cohorts.cohort(name)
        let state = self.state(asOf: day)
        var counts: [String: Int] = [:]
        for p in cohort.members {
            let key: String
            switch dimension {
            case .mode: key = state.effectiveMode(p).rawValue
            case .homing: key = state.homing(p).rawValue
            case .building: key = directory[p].building.isEmpty ? "(unknown)" : directory[p].building
            case .department: key = directory[p].department.isEmpty ? "(unknown)" : directory[p].department
            }
            counts[key, default: 0] += 1
        }
        let total = Double(Swift.max(cohort.count, 1))
        let rows: [[ResultValue]] = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { [.string($0.key), .int($0.value), .double(Double($0.value) * 100 / total)] }
        return ResultSet(columns: [Column(dimension.rawValue, .string), Column("users", .int), Column("share", .double, decimals: 1)],
                         rows: rows, title: "cohort '\(cohort.name)' by \(dimension.rawValue)")
    }

    /// Readiness flags: users homed on-premises (TeamsOnly means Move-CsUser), users in buildings that fail network
    /// readiness (the set comes from the call-quality engine), on-premises mailboxes (no meeting migration),
    /// Enterprise Voice users (PSTN cut-over to plan), Islands users not running both clients (missed messages).
    public func cohortReadiness(_ name: String, failingBuildings: Set<String> = [], on day: PlanDay? = nil) throws(TenantError) -> ResultSet {
        try readinessFlags(name, failing: failingBuildings, measured: nil, period: nil, on: day)
    }

    /// The same, with the network measured from the call records: a cohort is not ready while a building its
    /// users sit in fails, and users in buildings without enough call records to judge are flagged apart.
    public func cohortReadiness(_ name: String, network: NetworkReadiness, on day: PlanDay? = nil) throws(TenantError) -> ResultSet {
        try readinessFlags(name, failing: Set(network.failing), measured: Set(network.measured),
                           period: network.month.map { "\($0)" } ?? "all records", on: day)
    }

    /// `measured`: the buildings measured over enough streams (nil: not known, no network_unmeasured flag).
    private func readinessFlags(_ name: String, failing failingBuildings: Set<String>, measured measuredBuildings: Set<String>?,
                                period: String?, on day: PlanDay?) throws(TenantError) -> ResultSet {
        let cohort = try cohorts.cohort(name)
        let state = self.state(asOf: day)
        var onPrem = 0, failing = 0, unmeasured = 0, mailbox = 0, voice = 0, islandsOneClient = 0
        var failingSeen = Set<String>(), unmeasuredSeen = Set<String>()
        let failingKeys = Set(failingBuildings.map { $0.lowercased() })
        let measuredKeys = measuredBuildings.map { Set($0.map { $0.lowercased() }) }
        for p in cohort.members {
            let u = directory[p]
            let key = u.building.lowercased()
            if state.onPremises[p] { onPrem += 1 }
            if failingKeys.contains(key) { failing += 1; failingSeen.insert(u.building) }
            if let measuredKeys, !measuredKeys.contains(key) {
                unmeasured += 1
                unmeasuredSeen.insert(u.building.isEmpty ? "(no building)" : u.building)
            }
            if u.mailbox == .onPremises { mailbox += 1 }
            if u.enterpriseVoice { voice += 1 }
            if state.effectiveMode(p) == .islands && !(u.runsTeams && u.runsSfB) { islandsOneClient += 1 }
        }
        let measured = period.map { " (measured \($0))" } ?? ""
        let failingText = period == nil ? "buildings failing readiness" : "buildings failing network readiness" + measured
        let buildings = failingSeen.isEmpty ? "no failing buildings" + measured
            : failingText + ": " + failingSeen.sorted().joined(separator: ", ")
        var flags: [(String, Int, String)] = [
            ("on_premises", onPrem, "homed in SfB Server: TeamsOnly needs Move-CsUser -MoveToTeams"),
            ("network_not_ready", failing, buildings),
        ]
        if measuredKeys != nil {
            flags.append(("network_unmeasured", unmeasured, unmeasuredSeen.isEmpty ? "every building measured"
                : "too few call records to judge" + measured + ": " + unmeasuredSeen.sorted().joined(separator: ", ")))
        }
        flags += [
            ("onprem_mailbox", mailbox, "meeting migration unavailable for on-premises mailboxes"),
            ("enterprise_voice", voice, "PSTN must move with them (no Direct Routing in Islands)"),
            ("islands_single_client", islandsOneClient, "Islands users not running both clients miss messages"),
        ]
        let rows: [[ResultValue]] = flags.map { [.string($0.0), .int($0.1), .bool($0.1 > 0), .string($0.2)] }
        return ResultSet(columns: [Column("flag", .string), Column("users", .int), Column("raised", .bool), Column("detail", .string)],
                         rows: rows, title: "readiness of cohort '\(cohort.name)'")
    }

    /// One row per cohort: users, on-premises users, and users per effective mode on `day`.
    public func cohortOverview(on day: PlanDay? = nil) -> ResultSet {
        let state = self.state(asOf: day)
        let modes = CoexistenceMode.allCases
        let rows: [[ResultValue]] = cohorts.cohorts.map { c in
            var perMode = [Int](repeating: 0, count: modes.count)
            var onPrem = 0
            for p in c.members {
                perMode[modes.firstIndex(of: state.effectiveMode(p))!] += 1
                if state.onPremises[p] { onPrem += 1 }
            }
            return [.string(c.name), c.groupId.map(ResultValue.string) ?? .null, .int(c.count), .int(onPrem)] + perMode.map { .int($0) }
        }
        return ResultSet(columns: [Column("cohort", .string), Column("group_id", .string), Column("users", .int),
                                   Column("on_premises", .int)] + modes.map { Column($0.rawValue, .int) },
                         rows: rows, title: "cohorts on \((day ?? today).iso)")
    }
}

