#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// An open workspace file: the SQLite database (WAL mode) every change through the door is committed to
/// before the door returns, so a process killed at any moment loses no change it had reported. The file is
/// held with an exclusive `flock` for as long as it is open, so a second shell is refused instead of two
/// shells writing one journal.
public final class WorkspaceFile {
    public let path: String
    let db: SQLiteDatabase
    private var lockFd: Int32

    init(path: String, db: SQLiteDatabase, lockFd: Int32) {
        self.path = path
        self.db = db
        self.lockFd = lockFd
    }

    deinit { close() }

    public func close() {
        db.close()
        if lockFd >= 0 {
            flock(lockFd, LOCK_UN)
            Glibc.close(lockFd)
            lockFd = -1
        }
    }

    /// Takes the file's exclusive lock, or says who has it: another shell.
    static func lock(_ path: String) throws(WorkspaceFileError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WorkspaceFileError(path, String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(fd)
            throw WorkspaceFileError(path, "is open in another coexist shell; close it there, or open it with --readonly to look without changing it")
        }
        return fd
    }

    /// The connection's settings while open: WAL so a commit is one append, synchronous FULL so a commit is on
    /// disk when it returns ("Write-Ahead Logging", sqlite.org).
    static func configureLive(_ db: SQLiteDatabase) throws(WorkspaceFileError) {
        _ = try db.integer("PRAGMA journal_mode = WAL")
        try db.exec("PRAGMA synchronous = FULL")
    }

    // MARK: - the door's hooks

    /// Commits `entry` (just applied in memory) and what it changed, in one transaction.
    func recorded(_ entry: JournalEntry, in w: Workspace) throws {
        try db.transaction {
            let writer = WorkspaceWriter(db: db)
            try writer.appendJournal(entry)
            if case .importCalls(_, _, false) = entry.change, case let .calls(before) = entry.revert,
               WorkspaceWriter.isAppend(w.storeAsIs, to: before) {
                try writer.appendCalls(w.storeAsIs, to: before)
            } else {
                try writeEffects(of: entry.change, in: w, store: w.storeAsIs, writer: writer)
            }
            switch entry.change {
            case .plan: try writer.writePlan(w.plan, today: w.today)
            case .importUsers: try writer.writeImportSources(w)
            default: break
            }
        }
    }

    /// Removes `entry` from the file before `undo` reverts it in memory; `store` is the store the undo puts back.
    func willUndo(_ entry: JournalEntry, in w: Workspace, tenantAfter: CoexistenceTenant, store: CallStore) throws {
        try db.transaction {
            let writer = WorkspaceWriter(db: db)
            try db.exec("DELETE FROM journal WHERE id = \(entry.id)")
            if case .importCalls(_, _, false) = entry.change, WorkspaceWriter.isAppend(w.storeAsIs, to: store) {
                try writer.truncateCalls(to: store)
            } else if Self.changesCalls(entry.change) {
                try writer.writeCalls(store)
            }
            try writer.writeTenant(tenantAfter)
            if case let .plan(before) = entry.revert { try writer.writePlan(before, today: w.today) }
            if case .importUsers = entry.change { try writer.writeImportSources(w, journal: Array(w.journal.entries.dropLast())) }
        }
    }

    func writeScenarios(_ list: [StoredScenario]) throws {
        try db.transaction { try WorkspaceWriter(db: db).writeScenarios(list) }
    }

    func writeTraining(_ progress: [String: TrainingProgress]) throws {
        try db.transaction { try WorkspaceWriter(db: db).writeTraining(progress) }
    }

    /// Every lesson's progress as the file has it.
    public func trainingProgress() throws -> [String: TrainingProgress] {
        try WorkspaceReader(db: db).readTraining()
    }

    /// One lesson's progress written (nil: cleared), the others kept: a lesson saves after every step.
    public func setTrainingProgress(_ progress: TrainingProgress?, lesson: String) throws {
        var all = try trainingProgress()
        all[lesson] = progress
        try writeTraining(all)
    }

    func rename(_ name: String) throws {
        try db.transaction {
            let s = try db.prepare("INSERT OR REPLACE INTO workspace (key, value) VALUES ('name', ?1)")
            s.bind(1, name)
            try s.run()
        }
    }

    static func changesCalls(_ c: Change) -> Bool {
        switch c {
        case .importCalls, .importBuildings, .importDevices: true
        default: false
        }
    }

    private func writeEffects(of change: Change, in w: Workspace, store: CallStore, writer: WorkspaceWriter) throws {
        if Self.changesCalls(change) { try writer.writeCalls(store) } else { try writer.writeTenant(w.coexistence) }
    }

    /// Folds the WAL into the main file (on `.save` of the open file and on close).
    func checkpoint() throws(WorkspaceFileError) {
        try db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
