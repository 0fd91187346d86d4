import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

extension Workspace {
    /// Opens a workspace file: makes the starting tenant again, loads the streams and reference data from their
    /// tables, and replays the journal through the door. Unless `readOnly`, the file stays open (locked,
    /// WAL mode) and every later change is committed to it as it happens. A file that is not a workspace, is
    /// damaged or was written by a newer coexist is refused and left as it is; an older one is migrated.
    public static func open(_ path: String, readOnly: Bool = false) throws -> Workspace {
        var st = stat()
        guard stat(path, &st) == 0 else { throw WorkspaceFileError(path, String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw WorkspaceFileError(path, "is not a regular file") }
        let lockFd = readOnly ? -1 : try WorkspaceFile.lock(path)
        do {
            let db = try SQLiteDatabase(path: path, readOnly: readOnly)
            let w = try WorkspaceReader(db: db).read(readOnly: readOnly)
            w.name = Workspace.name(ofFile: path)
            if !readOnly {
                try WorkspaceFile.configureLive(db)
                w.file = WorkspaceFile(path: path, db: db, lockFd: lockFd)
            } else {
                db.close()
                w.isReadOnly = true
            }
            return w
        } catch {
            if lockFd >= 0 { flock(lockFd, LOCK_UN); close(lockFd) }
            throw error
        }
    }

    /// The name a workspace file gives the shell's prompt: its file name without the directory and `.db`.
    public static func name(ofFile path: String) -> String {
        var base = path.split(separator: "/").last.map(String.init) ?? path
        for ext in [".db", ".sqlite", ".sqlite3", ".coexist"] where base.lowercased().hasSuffix(ext) && base.count > ext.count {
            base.removeLast(ext.count)
            break
        }
        return base
    }

    /// Makes this workspace (the one every binding holds) the workspace `other` opened: its tenant, store,
    /// journal, plan, training progress and open file; `other` is left without a file. The clock stays this one's.
    public func adopt(_ other: Workspace) {
        closeFile()
        restore(from: other)
        plan = other.plan
        training = other.training
        scenarios = other.scenarios
        isReadOnly = other.isReadOnly
        file = other.file
        other.file = nil
    }

    static let readOnlyRefusal = "this workspace was opened --readonly: changes are refused (open it without --readonly, once no other shell has it, to change it)"

    /// Stops committing to the open file (the shell's `.open` of another file, `.close`, exit).
    public func closeFile() {
        if let file { try? file.checkpoint(); file.close() }
        file = nil
    }

    /// Takes the open file away from this workspace (a lesson's own tenant must not write to it); `attachFile`
    /// gives it back once the workspace holds what the file holds again.
    public func detachFile() -> WorkspaceFile? {
        let f = file
        file = nil
        return f
    }

    public func attachFile(_ f: WorkspaceFile?) {
        guard let f else { return }
        file = f
        if let t = try? f.trainingProgress() { training = t }
    }

    /// A lesson's progress, kept in the open workspace file (issue 17 item 5) as well as in memory.
    public func setTrainingProgress(_ progress: TrainingProgress?, lesson: String) throws {
        var next = training
        next[lesson] = progress
        try file?.writeTraining(next)
        training = next
    }
}

/// Reads a workspace database into a new workspace, checking everything it reads.
struct WorkspaceReader {
    let db: SQLiteDatabase

    func damaged(_ why: String) -> WorkspaceFileError { WorkspaceFileError(db.path, "damaged workspace: \(why); not opened, not changed") }

    func read(readOnly: Bool) throws -> Workspace {
        let appId: Int64
        do { appId = try db.integer("PRAGMA application_id") ?? 0 } catch {
            throw WorkspaceFileError(db.path, "not a coexist workspace (\(error.reason))")
        }
        guard appId == Int64(WorkspaceSchema.applicationId) else {
            throw WorkspaceFileError(db.path, "not a coexist workspace (application_id \(appId), a workspace has \(WorkspaceSchema.applicationId)); not opened, not changed")
        }
        let version = try db.integer("PRAGMA user_version") ?? 0
        guard version <= WorkspaceSchema.version else {
            throw WorkspaceFileError(db.path, "written by a newer coexist (schema version \(version); this one reads up to \(WorkspaceSchema.version)); not opened, not changed")
        }
        guard version >= 1 else { throw damaged("schema version \(version)") }
        if version < WorkspaceSchema.version && !readOnly {
            try db.transaction { try WorkspaceSchema.migrate(db, from: version) }
        }
        let meta = try readMeta()
        func value(_ k: String) throws(WorkspaceFileError) -> String {
            guard let v = meta[k] else { throw damaged("no '\(k)' in table workspace") }
            return v
        }
        let clockText = try value("clock_fixed_at")
        let clock: WorkspaceClock
        if clockText.isEmpty { clock = .system } else {
            guard let t = Double(clockText), t.isFinite, abs(t) < 1e11 else { throw damaged("clock_fixed_at '\(clockText)'") }
            clock = .fixed(Instant(epochSeconds: t))
        }
        let originKind = try value("origin")
        guard let originDay = Day(iso: try value("origin_day")) else { throw damaged("origin_day '\(meta["origin_day"]!)'") }
        let store = try WorkspaceStoreReader(db: db, meta: meta).read()
        // The users files the journal (or a --data folder) imported, from the workspace itself (version 3); an
        // older file replays them from where they were, and keeps them from then on.
        let sources = version >= 3 ? try readImportSources() : [:]
        let w: Workspace
        switch originKind {
        case "empty":
            w = Workspace(name: try value("name"), clock: clock, coexistence: { CoexistenceTenant(clock: clock) }, calls: { store })
            w.origin = .empty(day: originDay)
        case "demo":
            guard let users = Int(try value("demo_users")), users >= 1, users <= 1_000_000 else { throw damaged("demo_users '\(meta["demo_users"]!)'") }
            w = Workspace(name: try value("name"), clock: clock,
                          coexistence: { CoexistenceTenant.demo(userCount: users, today: originDay) }, calls: { store })
            w.origin = .demo(users: users, day: originDay)
        case "data":
            let (tenant, users) = try dataTenant(meta, sources: sources, clock: clock)
            w = Workspace(name: try value("name"), clock: clock, coexistence: { tenant }, calls: { store })
            w.origin = .dataFolder(path: try value("data_folder"), day: originDay, users: users)
        default:
            throw damaged("origin '\(originKind)' (a workspace starts empty, from the demo or from a --data folder)")
        }
        w.importedBytes = sources
        try w.replayFromFile(try readJournal())
        if version >= 2 { w.training = try readTraining() }
        if version >= 3 { w.scenarios = try readScenarios() }
        if version < WorkspaceSchema.version && !readOnly {
            // What the migration's new tables hold for this workspace: the plan for tools, the users files read.
            try db.transaction {
                let writer = WorkspaceWriter(db: db)
                try writer.writePlan(w.plan, today: w.today)
                try writer.writeImportSources(w)
            }
        }
        return w
    }

    /// A `--data` workspace's starting tenant: its users files imported, in order, from the stored bytes.
    private func dataTenant(_ meta: [String: String], sources: [String: FileBytes],
                            clock: WorkspaceClock) throws -> (CoexistenceTenant, [FileStamp]) {
        let users: [FileStamp]
        do { users = try JSONDecoder().decode([FileStamp].self, from: Data((meta["data_users"] ?? "").utf8)) } catch {
            throw damaged("data_users does not decode (\(error))")
        }
        var tenant = CoexistenceTenant(clock: clock)
        for stamp in users {
            guard let bytes = sources[stamp.contentKey], let source = ImportSource.stored(bytes, as: stamp) else {
                throw damaged("the --data folder's users file \(stamp.path) is not in import_sources")
            }
            _ = try tenant.importUsers(source)
        }
        return (tenant, users)
    }

    private func readMeta() throws(WorkspaceFileError) -> [String: String] {
        var meta: [String: String] = [:]
        let s: SQLiteStatement
        do { s = try db.prepare("SELECT key, value FROM workspace") } catch { throw damaged(error.reason) }
        while try s.step() { meta[s.text(0)] = s.text(1) }
        return meta
    }

    private func readJournal() throws -> [JournalRecord] {
        let s = try db.prepare("SELECT id, record FROM journal ORDER BY id")
        var out: [JournalRecord] = []
        let decoder = JSONDecoder()
        while try s.step() {
            let id = s.int64(0)
            let r: JournalRecord
            do { r = try decoder.decode(JournalRecord.self, from: Data(s.text(1).utf8)) } catch {
                throw damaged("journal entry \(id) does not decode (\(error))")
            }
            guard r.id == id, id == Int64(out.count + 1), r.at.isFinite else { throw damaged("journal entry \(id) is out of order") }
            out.append(r)
        }
        return out
    }

    func readTraining() throws(WorkspaceFileError) -> [String: TrainingProgress] {
        let s = try db.prepare("SELECT lesson, step, skipped FROM training")
        var out: [String: TrainingProgress] = [:]
        while try s.step() {
            let step = s.int64(1)
            guard step >= 1 && step < 1_000_000 else { throw damaged("training step \(step)") }
            let skipped = s.text(2).split(separator: ",").map { Int($0) }
            guard skipped.allSatisfy({ $0 != nil }) else { throw damaged("training skipped '\(s.text(2))'") }
            out[s.text(0)] = TrainingProgress(step: Int(step), skipped: skipped.map { $0! })
        }
        return out
    }
}

extension Workspace {
    /// `change` with its effective day made explicit when it had none (moves and the global), so that a replay
    /// on a later day gives the tenant the change made.
    static func dated(_ change: Change, on day: PlanDay) -> Change {
        switch change {
        case let .moveUsers(upns, target, nil, notify): .moveUsers(upns: upns, target: target, on: day, notify: notify)
        case let .moveCohort(name, target, nil, notify): .moveCohort(name: name, target: target, on: day, notify: notify)
        case let .setGlobal(target, nil, notify): .setGlobal(target: target, on: day, notify: notify)
        default: change
        }
    }

    /// Plays a file's journal through the door. The store already holds the streams and reference data as the
    /// file has them, so the changes that made them (imports of calls, buildings, devices) are journaled again
    /// without being applied; undo cannot take those back (what they replaced is not in the file).
    func replayFromFile(_ records: [JournalRecord]) throws {
        for r in records {
            if WorkspaceFile.changesCalls(r.change) {
                let report = ChangeReport(what: r.what, day: nil, scheduled: false, dryRun: false)
                journal.entries.append(JournalEntry(id: journal.nextId, who: r.who, when: r.when, at: r.at, change: r.change,
                                                    why: r.why, report: report, revert: .beforeOpen))
                journal.nextId += 1
            } else {
                var source: ImportSource?
                if let stamp = r.change.file, let kept = importedBytes[stamp.contentKey], let stored = ImportSource.stored(kept, as: stamp) {
                    source = stored
                } else if let stamp = r.change.file {
                    source = try ImportSource.read(stamp.path)
                    guard source!.stamp == stamp else {
                        throw TenantError.badFile(file: stamp.path, reason: "changed since change \(r.id) imported it; the workspace needs the file it was made from")
                    }
                }
                // An undated move took effect on the day it was made, not the day the file is opened.
                try apply(Self.dated(r.change, on: r.when), who: r.who, why: r.why, at: r.at, dryRun: false, progress: nil,
                          source: source, recorded: (r.change, r.when))
            }
        }
    }
}
