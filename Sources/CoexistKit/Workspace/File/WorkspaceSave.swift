#if canImport(Glibc)
@preconcurrency import Glibc
#endif

extension Workspace {
    /// Writes the whole workspace to `path` as a workspace file: into a new file beside it (large pages, no
    /// rollback journal, one transaction), flushed to disk, then renamed over `path`, so a failure or a crash
    /// at any point leaves the old file whole. Saving the file this workspace has open only checkpoints it:
    /// every change is in it already.
    public func save(to path: String) throws {
        if case .code = origin {
            throw WorkspaceFileError(path, "this tenant was made in code, outside the change log; only a workspace that starts from the demo, --empty or a --data folder, with every later change made through the change log, can be saved")
        }
        if let file, WorkspaceSave.sameFile(file.path, path) {
            try file.checkpoint()
            return
        }
        try WorkspaceSave.write(self, to: path)
    }
}

enum WorkspaceSave {
    /// Tests make a save fail after every table is written and before it commits (as a full disk would),
    /// to see the old file survive.
    nonisolated(unsafe) static var failBeforeCommit = false

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    static func write(_ w: Workspace, to path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            throw WorkspaceFileError(path, "is not a regular file")
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (dir.isEmpty ? "/" : dir + "/") + ".\(name).\(getpid()).saving"
        unlink(temp)
        do {
            let db = try SQLiteDatabase(path: temp, create: true)
            // Bulk settings: the temporary file is thrown away on any failure, so it needs no rollback journal
            // and no syncs until the one at the end ("PRAGMA journal_mode", "PRAGMA synchronous", sqlite.org).
            // Large pages for large stores (fewer, longer writes); small ones keep a small workspace small.
            let count = w.storeAsIs.count
            let pageSize = count < 2_000 ? 512 : count < 1_000_000 ? 4096 : 65536
            try db.exec("PRAGMA page_size = \(pageSize); PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")
            try db.exec("PRAGMA application_id = \(WorkspaceSchema.applicationId); PRAGMA user_version = \(WorkspaceSchema.version);")
            try db.exec("BEGIN")
            try db.exec(WorkspaceSchema.create)
            try WorkspaceWriter(db: db).writeAll(w)
            if failBeforeCommit { throw WorkspaceFileError(path, "simulated write failure") }
            try db.exec("COMMIT")
            db.close()
            try syncFile(temp, path: path)
            guard rename(temp, path) == 0 else {
                throw WorkspaceFileError(path, "cannot rename into place: \(String(cString: strerror(errno)))")
            }
            try syncFile(dir.isEmpty ? "/" : dir, path: path)
        } catch {
            unlink(temp)
            throw error
        }
    }

    private static func syncFile(_ p: String, path: String) throws(WorkspaceFileError) {
        let fd = open(p, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WorkspaceFileError(path, "cannot sync: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw WorkspaceFileError(path, "cannot sync: \(String(cString: strerror(errno)))") }
    }
}
