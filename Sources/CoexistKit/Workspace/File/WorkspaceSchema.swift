/// The documented layout of a workspace file (README, "Workspaces"), an SQLite database any tool can read.
///
/// - `workspace(key, value)`: name, how the starting tenant was made (`origin`: empty or demo, `demo_users`,
///   `origin_day`), the clock (`clock_fixed_at`, empty for the system clock), counts and `streams_checksum`.
/// - `journal`: every change in order (id, at, when_day, who, kind, why, what) with the stored form of the
///   change as JSON (`record`); opening replays it through the door.
/// - `streams`: one row per media stream, one integer column per `StreamColumn` (the store's codes as they
///   are: strings as codes into the lookup tables, metrics quantised as `MetricKind` keeps them, 65535 =
///   missing); `streams_v` joins the strings back and gives the duration in seconds.
/// - lookup tables `call_ids`, `user_names`, `subnet_names`, `device_names`, `client_versions`,
///   `failure_reasons` (code, value); code 0 is the empty string, "missing".
/// - `buildings`, `subnets` (the CQD building file), `device_patterns` (the certified-device catalogue),
///   `stream_identities` (what a second import skips: sorted runs, the save's and one per live import).
/// - `users`, `grants` (with each user's cohort): the tenant as it stands, written for tools (opening rebuilds the
///   tenant from the journal, so these are never read back).
/// - `training`: each lesson's progress (step, skipped steps).
/// - `import_sources`: the bytes of every users file the journal (or a `--data` folder) imported, keyed by the
///   content hash and size its `FileStamp` records, so opening replays the import from the workspace itself and
///   a moved, changed or deleted file does not matter (version 3).
/// - `plan_steps`, `plan_roles`, `plan_goals`, `plan_risks`, `ops_assignments`: the plan as it stands, written
///   for tools like `users` and `grants`; opening rebuilds the plan from the journal's plan edits (version 3).
/// - `scenarios` (name, start, days, seed, the definition as JSON, the runs of its last run), `scenario_days`
///   (one row per day of that run, the columns of `r.days`), `scenario_outcomes` (`r:summary()`'s outcomes) and
///   `scenario_violations` (`r:violations()`): every scenario made while the workspace was in use, with the
///   result of its last run; opening reads them back (version 3). A scenario is analysis, not a change to the
///   tenant, so like training progress it is kept beside the journal, not in it: undo, `changes` and the
///   PowerShell plan never show it.
enum WorkspaceSchema {
    /// "COEX" in ASCII: what `PRAGMA application_id` says of a workspace file.
    static let applicationId: Int32 = 0x434F_4558
    /// The schema version this build writes; files of an older version are migrated on open.
    /// 1: without the `training` table. 2: with it. 3: with import sources, the plan's tables and scenarios.
    static let version: Int64 = 3

    static func sqlName(_ c: StreamColumn) -> String {
        switch c {
        case .callType: "call_type"
        case .failureReason: "failure_reason"
        case .clientVersion: "client_version"
        case .firstUser: "first_user"
        case .secondUser: "second_user"
        default: c.name
        }
    }

    /// Lookup table per dictionary, and the column of `streams` it decodes.
    static func lookupTable(_ d: StreamColumn.Dictionary) -> String {
        switch d {
        case .callIds: "call_ids"
        case .users: "user_names"
        case .subnets: "subnet_names"
        case .devices: "device_names"
        case .clientVersions: "client_versions"
        case .failureReasons: "failure_reasons"
        }
    }

    static let dictionaries: [StreamColumn.Dictionary] = [.callIds, .users, .subnets, .devices, .clientVersions, .failureReasons]

    static var streamsTable: String {
        "CREATE TABLE streams (" + StreamColumn.allCases.map { sqlName($0) + " INTEGER NOT NULL" }.joined(separator: ", ") + ");"
    }

    /// The streams with their strings joined back: what `sqlite3` and DuckDB's SQLite scanner query.
    static var streamsView: String {
        var select: [String] = [], joins: [String] = []
        for c in StreamColumn.allCases {
            let n = sqlName(c)
            if let d = c.dictionary {
                let alias = "d_\(n)"
                joins.append("JOIN \(lookupTable(d)) \(alias) ON \(alias).code = s.\(n)")
                select.append(c == .call ? "\(alias).value AS call_id" : "\(alias).value AS \(n)")
            } else if c == .duration {
                select.append("CASE WHEN s.duration = 65535 THEN NULL ELSE s.duration END AS duration_s")
            } else if c == .start {
                select.append("s.start AS start_epoch")
                select.append("datetime(s.start, 'unixepoch') AS start_utc")
            } else {
                select.append("s.\(n) AS \(n)")
            }
        }
        return "CREATE VIEW streams_v AS SELECT s.rowid AS stream, " + select.joined(separator: ", ")
            + " FROM streams s " + joins.joined(separator: " ") + ";"
    }

    static let trainingTable = "CREATE TABLE training (lesson TEXT PRIMARY KEY, step INTEGER NOT NULL, skipped TEXT NOT NULL);"

    /// What version 3 added; a file of version 1 or 2 gets these on open.
    static var version3Tables: String {
        """
        CREATE TABLE import_sources (hash TEXT NOT NULL, size INTEGER NOT NULL, path TEXT NOT NULL, bytes BLOB NOT NULL,
            PRIMARY KEY (hash, size));
        CREATE TABLE plan_steps (position INTEGER PRIMARY KEY, phase TEXT NOT NULL, number INTEGER NOT NULL, title TEXT NOT NULL,
            status TEXT NOT NULL, owner TEXT, start TEXT NOT NULL, due TEXT NOT NULL, note TEXT);
        CREATE TABLE plan_roles (position INTEGER PRIMARY KEY, name TEXT NOT NULL, responsibility TEXT NOT NULL, team TEXT,
            contact TEXT, signed_off INTEGER NOT NULL);
        CREATE TABLE plan_goals (position INTEGER PRIMARY KEY, name TEXT NOT NULL, measure_kind TEXT NOT NULL, measure TEXT NOT NULL,
            target TEXT NOT NULL, by_day TEXT);
        CREATE TABLE plan_risks (position INTEGER PRIMARY KEY, title TEXT NOT NULL, likelihood INTEGER NOT NULL, impact INTEGER NOT NULL,
            exposure INTEGER NOT NULL, mitigation TEXT, owner TEXT, status TEXT NOT NULL, source TEXT);
        CREATE TABLE ops_assignments (position INTEGER PRIMARY KEY, category TEXT NOT NULL, activity TEXT NOT NULL, cadence TEXT NOT NULL,
            role TEXT NOT NULL, assigned INTEGER NOT NULL);
        CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, start TEXT NOT NULL, days INTEGER NOT NULL,
            seed INTEGER NOT NULL, steps INTEGER NOT NULL, definition TEXT NOT NULL, runs INTEGER);
        CREATE TABLE scenario_outcomes (scenario TEXT NOT NULL, position INTEGER NOT NULL, outcome TEXT NOT NULL, kind TEXT NOT NULL, value,
            PRIMARY KEY (scenario, position));
        CREATE TABLE scenario_violations (scenario TEXT NOT NULL, position INTEGER NOT NULL, \"check\" TEXT NOT NULL, step INTEGER,
            date TEXT NOT NULL, message TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (scenario, position));
        """ + scenarioDaysTable
    }

    /// One row per day of a scenario's last run, one column per column of `r.days` (the p10/p90 columns NULL for
    /// a single run).
    static var scenarioDaysTable: String {
        "CREATE TABLE scenario_days (scenario TEXT NOT NULL, day INTEGER NOT NULL, "
            + ScenarioResult.dayColumns(banded: true).map { "\"\($0.name)\" \(sqlType($0.type))" }.joined(separator: ", ")
            + ", PRIMARY KEY (scenario, day));\n"
    }

    static func sqlType(_ t: ColumnType) -> String {
        switch t {
        case .int, .bool: "INTEGER"
        case .double, .date: "REAL"
        case .string: "TEXT"
        }
    }

    static var create: String {
        var sql = """
            CREATE TABLE workspace (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE journal (id INTEGER PRIMARY KEY, at REAL NOT NULL, when_day TEXT NOT NULL, who TEXT NOT NULL,
                kind TEXT NOT NULL, why TEXT NOT NULL, what TEXT NOT NULL, record TEXT NOT NULL);
            CREATE TABLE buildings (id INTEGER PRIMARY KEY, name TEXT NOT NULL, ownership_type TEXT, building_type TEXT,
                office_type TEXT, city TEXT, zip_code TEXT, country TEXT, state TEXT, region TEXT);
            CREATE TABLE subnets (id INTEGER PRIMARY KEY, network TEXT NOT NULL, prefix INTEGER NOT NULL, network_name TEXT,
                building_id INTEGER NOT NULL, inside_corp INTEGER NOT NULL, express_route INTEGER NOT NULL, vpn INTEGER NOT NULL,
                line INTEGER NOT NULL);
            CREATE TABLE device_patterns (kind TEXT NOT NULL, position INTEGER NOT NULL, pattern TEXT NOT NULL);
            CREATE TABLE stream_identities (chunk INTEGER PRIMARY KEY, ids BLOB NOT NULL);
            CREATE TABLE users (position INTEGER PRIMARY KEY, upn TEXT NOT NULL, display_name TEXT, department TEXT,
                city TEXT, country TEXT, homing TEXT);
            CREATE TABLE grants (upn TEXT PRIMARY KEY, granted_policy TEXT, policy_mode TEXT NOT NULL,
                effective_mode TEXT NOT NULL, notify_sfb_users INTEGER NOT NULL, cohort TEXT);

            """
        for d in dictionaries { sql += "CREATE TABLE \(lookupTable(d)) (code INTEGER PRIMARY KEY, value TEXT NOT NULL);\n" }
        sql += streamsTable + "\n" + streamsView + "\n" + trainingTable + "\n" + version3Tables
        return sql
    }

    /// Brings a file of schema `from` up to `version`, inside the caller's transaction.
    static func migrate(_ db: SQLiteDatabase, from: Int64) throws(WorkspaceFileError) {
        if from < 2 { try db.exec(trainingTable) }
        if from < 3 { try db.exec(version3Tables) }
        try db.exec("PRAGMA user_version = \(version)")
    }
}
