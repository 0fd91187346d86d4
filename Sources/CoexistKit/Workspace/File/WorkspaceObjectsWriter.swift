import Foundation

/// Writes the objects beside the tenant and its streams (schema version 3): the import sources a replay reads,
/// the plan's tables for tools, and the scenarios with their last results. Inside the caller's transaction.
extension WorkspaceWriter {
    /// The users files the journal and the origin name, every one whose bytes the workspace holds; the others
    /// (a file a version-2 workspace imported and that is gone) are simply not there, and opening names them.
    func writeImportSources(_ w: Workspace, journal: [JournalEntry]? = nil) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM import_sources")
        let s = try db.prepare("INSERT OR IGNORE INTO import_sources (hash, size, path, bytes) VALUES (?1, ?2, ?3, ?4)")
        for stamp in Self.usersFiles(w, journal: journal ?? w.journal.entries) {
            guard let bytes = w.importedBytes[stamp.contentKey] else { continue }
            s.bind(1, stamp.hash)
            s.bind(2, stamp.size)
            s.bind(3, stamp.path)
            s.bind(4, blob: bytes.bytes)
            try s.run()
        }
    }

    /// Every users file a replay of `journal` (and the origin) reads, in order.
    static func usersFiles(_ w: Workspace, journal: [JournalEntry]) -> [FileStamp] {
        var out: [FileStamp] = []
        if case let .dataFolder(_, _, users) = w.origin { out += users }
        for e in journal { if case let .importUsers(f, _, _) = e.change { out.append(f) } }
        return out
    }

    /// The plan as it stands: steps (laid out from `today` for a plan never edited, as `plan:steps()` shows it),
    /// roles, goals, risks and every operations task with its role.
    func writePlan(_ plan: Plan, today: Day) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM plan_steps; DELETE FROM plan_roles; DELETE FROM plan_goals; DELETE FROM plan_risks; DELETE FROM ops_assignments;")
        let st = try db.prepare("INSERT INTO plan_steps VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        for (i, x) in plan.steps(today: today).enumerated() {
            st.bind(1, i)
            st.bind(2, x.phase)
            st.bind(3, x.number)
            st.bind(4, x.title)
            st.bind(5, x.status.rawValue)
            st.bind(6, x.owner)
            st.bind(7, x.start.iso)
            st.bind(8, x.due.iso)
            st.bind(9, x.note)
            try st.run()
        }
        let r = try db.prepare("INSERT INTO plan_roles VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, x) in plan.roles.enumerated() {
            r.bind(1, i)
            r.bind(2, x.name)
            r.bind(3, x.responsibility)
            r.bind(4, x.team)
            r.bind(5, x.contact)
            r.bind(6, x.signedOff ? 1 : 0)
            try r.run()
        }
        let g = try db.prepare("INSERT INTO plan_goals VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, x) in plan.goals.enumerated() {
            g.bind(1, i)
            g.bind(2, x.name)
            let kind: String
            switch x.measure {
            case .calls: kind = "calls"
            case .review: kind = "review"
            case .adoption: kind = "adoption"
            }
            g.bind(3, kind)
            g.bind(4, try json(x.measure, "goal '\(x.name)'"))
            g.bind(5, x.target.description)
            g.bind(6, x.by?.iso)
            try g.run()
        }
        let k = try db.prepare("INSERT INTO plan_risks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        for (i, x) in plan.risks.enumerated() {
            k.bind(1, i)
            k.bind(2, x.title)
            k.bind(3, x.likelihood)
            k.bind(4, x.impact)
            k.bind(5, x.exposure)
            k.bind(6, x.mitigation)
            k.bind(7, x.owner)
            k.bind(8, x.status.rawValue)
            k.bind(9, x.source)
            try k.run()
        }
        let o = try db.prepare("INSERT INTO ops_assignments VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, x) in plan.operationsTasks.enumerated() {
            o.bind(1, i)
            o.bind(2, x.category)
            o.bind(3, x.activity)
            o.bind(4, x.cadence.rawValue)
            o.bind(5, x.role)
            o.bind(6, plan.opsRoles[x.activity] == nil ? 0 : 1)
            try o.run()
        }
    }

    func writeScenarios(_ list: [StoredScenario]) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM scenarios; DELETE FROM scenario_days; DELETE FROM scenario_outcomes; DELETE FROM scenario_violations;")
        let s = try db.prepare("INSERT INTO scenarios VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        let dayColumns = ScenarioResult.dayColumns(banded: true)
        let d = try db.prepare("INSERT INTO scenario_days VALUES (?1, ?2, " + dayColumns.indices.map { "?\($0 + 3)" }.joined(separator: ", ") + ")")
        let o = try db.prepare("INSERT INTO scenario_outcomes (scenario, position, outcome, kind, value) VALUES (?1, ?2, ?3, ?4, ?5)")
        let v = try db.prepare("INSERT INTO scenario_violations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        for (i, x) in list.enumerated() {
            let name = x.scenario.name
            s.bind(1, i)
            s.bind(2, name)
            s.bind(3, x.scenario.start.iso)
            s.bind(4, x.scenario.days)
            s.bind(5, Int64(bitPattern: x.scenario.seed))
            s.bind(6, x.scenario.steps.count)
            s.bind(7, try json(x.scenario, "scenario '\(name)'"))
            if let r = x.result { s.bind(8, r.runs) } else { s.bindNull(8) }
            try s.run()
            guard let r = x.result else { continue }
            // Where each table column is in this run's days (a single run has no p10/p90 columns: NULL there).
            let at = dayColumns.map { c in r.days.columns.firstIndex { $0.name == c.name } }
            for (n, row) in r.days.rows.enumerated() {
                d.bind(1, name)
                d.bind(2, n)
                for (k, i) in at.enumerated() { bind(d, Int32(k + 3), i.map { row[$0] } ?? .null) }
                try d.run()
            }
            for (n, x) in r.outcomes.enumerated() {
                o.bind(1, name)
                o.bind(2, n)
                o.bind(3, x.name)
                o.bind(4, x.value.columnType.rawValue)
                bind(o, 5, x.value)
                try o.run()
            }
            for (n, row) in r.violations.rows.enumerated() {
                v.bind(1, name)
                v.bind(2, n)
                for k in 0..<5 { bind(v, Int32(k + 3), k < row.count ? row[k] : .null) }
                try v.run()
            }
        }
    }

    private func bind(_ s: SQLiteStatement, _ i: Int32, _ v: ResultValue) {
        switch v {
        case .null: s.bindNull(i)
        case .bool(let b): s.bind(i, b ? 1 : 0)
        case .int(let n): s.bind(i, n)
        case .double(let x), .date(let x): s.bind(i, x)
        case .string(let t): s.bind(i, t)
        }
    }

    private func json(_ value: some Encodable, _ what: String) throws(WorkspaceFileError) -> String {
        do { return String(decoding: try JSONEncoder().encode(value), as: UTF8.self) } catch {
            throw WorkspaceFileError(db.path, "cannot encode \(what): \(error)")
        }
    }
}
