import Foundation

/// Reads what schema version 3 added and opening needs: the import sources (each checked against its hash) and
/// the scenarios with their results. The plan's tables are for tools: the plan comes back from the journal.
extension WorkspaceReader {
    func readImportSources() throws(WorkspaceFileError) -> [String: FileBytes] {
        let s = try db.prepare("SELECT hash, size, path, bytes FROM import_sources")
        var out: [String: FileBytes] = [:]
        while try s.step() {
            let stamp = FileStamp(path: s.text(2), size: Int(s.int64(1)), hash: s.text(0))
            let bytes = FileBytes.copy(of: s.blob(3))
            guard ImportSource.stored(bytes, as: stamp) != nil else {
                throw damaged("import source \(stamp.path) (hash \(stamp.hash)) does not match its bytes")
            }
            out[stamp.contentKey] = bytes
        }
        return out
    }

    func readScenarios() throws(WorkspaceFileError) -> [StoredScenario] {
        let s = try db.prepare("SELECT name, definition, runs FROM scenarios ORDER BY position")
        var out: [StoredScenario] = []
        let decoder = JSONDecoder()
        while try s.step() {
            let name = s.text(0)
            let scenario: Scenario
            do { scenario = try decoder.decode(Scenario.self, from: Data(s.text(1).utf8)) } catch {
                throw damaged("scenario '\(name)' does not decode (\(error))")
            }
            guard scenario.name == name, (1...Scenario.maxDays).contains(scenario.days) else {
                throw damaged("scenario '\(name)': its definition names '\(scenario.name)' over \(scenario.days) days")
            }
            var kept = StoredScenario(scenario: scenario)
            if !s.isNull(2) {
                let runs = s.int64(2)
                guard runs >= 1 && runs <= 1_000_000 else { throw damaged("scenario '\(name)' runs \(runs)") }
                kept.result = try readResult(scenario, runs: Int(runs))
            }
            guard !out.contains(where: { $0.scenario.name == name }) else { throw damaged("scenario '\(name)' twice") }
            out.append(kept)
        }
        return out
    }

    private func readResult(_ scenario: Scenario, runs: Int) throws(WorkspaceFileError) -> StoredScenarioResult {
        let name = scenario.name
        let columns = ScenarioResult.dayColumns(banded: runs > 1)
        let d = try db.prepare("SELECT day, " + columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                               + " FROM scenario_days WHERE scenario = ?1 ORDER BY day")
        d.bind(1, name)
        var rows: [[ResultValue]] = []
        while try d.step() {
            guard d.int64(0) == Int64(rows.count) else { throw damaged("scenario '\(name)' day \(d.int64(0)) out of sequence") }
            rows.append(columns.enumerated().map { k, c in value(d, Int32(k + 1), c.type) })
        }
        guard rows.count == scenario.days else { throw damaged("scenario '\(name)' has \(rows.count) stored days, not \(scenario.days)") }
        let o = try db.prepare("SELECT outcome, kind, value FROM scenario_outcomes WHERE scenario = ?1 ORDER BY position")
        o.bind(1, name)
        var outcomes: [StoredScenarioResult.Outcome] = []
        while try o.step() {
            guard let kind = ColumnType(rawValue: o.text(1)) else { throw damaged("scenario '\(name)' outcome kind '\(o.text(1))'") }
            outcomes.append(.init(name: o.text(0), value: value(o, 2, kind)))
        }
        let template = GuidanceViolation.table([], title: "guidance: scenario \(name)")
        let v = try db.prepare("SELECT \"check\", step, date, message, source FROM scenario_violations WHERE scenario = ?1 ORDER BY position")
        v.bind(1, name)
        var violations = template
        while try v.step() {
            violations.rows.append(template.columns.enumerated().map { k, c in value(v, Int32(k), c.type) })
        }
        return StoredScenarioResult(runs: runs, days: ResultSet(columns: columns, rows: rows, title: ScenarioResult.daysTitle(scenario, runs: runs)),
                                    outcomes: outcomes, violations: violations)
    }

    private func value(_ s: SQLiteStatement, _ i: Int32, _ type: ColumnType) -> ResultValue {
        if s.isNull(i) { return .null }
        switch type {
        case .int: return .int(Int(s.int64(i)))
        case .bool: return .bool(s.int64(i) != 0)
        case .double: return .double(s.double(i))
        case .date: return .date(s.double(i))
        case .string: return .string(s.text(i))
        }
    }
}
