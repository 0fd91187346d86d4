import CSQLite

/// What went wrong with a workspace file: the file, and SQLite's or our reason.
public struct WorkspaceFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let reason: String
    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "workspace \(path): \(reason)" }
}

/// A connection to one SQLite file through the C API, and only what workspaces need: run SQL, prepare a
/// statement once and step it many times (the bulk paths bind integers straight from the columns).
final class SQLiteDatabase {
    let path: String
    private(set) var handle: OpaquePointer?

    init(path: String, readOnly: Bool = false, create: Bool = false) throws(WorkspaceFileError) {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        // One connection per thread of ours: no mutex inside SQLite is needed.
        flags |= SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open (code \(rc))"
            sqlite3_close_v2(db)
            handle = nil
            throw WorkspaceFileError(path, reason)
        }
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    func close() {
        if let h = handle { sqlite3_close_v2(h) }
        handle = nil
    }

    var message: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed" }

    func fail(_ what: String) -> WorkspaceFileError { WorkspaceFileError(path, "\(what): \(message)") }

    func exec(_ sql: String) throws(WorkspaceFileError) {
        var err: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &err) == SQLITE_OK else {
            let m = err.map { String(cString: $0) } ?? message
            sqlite3_free(err)
            throw WorkspaceFileError(path, m)
        }
    }

    func prepare(_ sql: String) throws(WorkspaceFileError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK, let stmt else {
            throw fail("cannot prepare \(sql.prefix(40))")
        }
        return SQLiteStatement(stmt, db: self)
    }

    /// The first column of the first row, as an integer (nil when there is no row or it is NULL).
    func integer(_ sql: String) throws(WorkspaceFileError) -> Int64? {
        let s = try prepare(sql)
        guard try s.step() else { return nil }
        return s.isNull(0) ? nil : s.int64(0)
    }

    func transaction(_ body: () throws -> Void) throws {
        try exec("BEGIN IMMEDIATE")
        do {
            try body()
            try exec("COMMIT")
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }
}

/// A prepared statement, reused: bind, step, reset.
final class SQLiteStatement {
    private let stmt: OpaquePointer
    private unowned let db: SQLiteDatabase

    init(_ stmt: OpaquePointer, db: SQLiteDatabase) {
        self.stmt = stmt
        self.db = db
    }

    deinit { sqlite3_finalize(stmt) }

    /// The statement itself, for the C loops over stream rows (CSQLite's stream_rows.h).
    var raw: OpaquePointer { stmt }

    @inline(__always) func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(stmt, i, v) }
    @inline(__always) func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(stmt, i, Int64(v)) }
    func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(stmt, i, v) }
    func bindNull(_ i: Int32) { sqlite3_bind_null(stmt, i) }
    func bind(_ i: Int32, _ v: String) { sqlite3_bind_text(stmt, i, v, -1, shim_sqlite_transient()) }
    func bind(_ i: Int32, _ v: String?) { if let v { bind(i, v) } else { bindNull(i) } }
    func bind(_ i: Int32, blob: UnsafeRawBufferPointer) {
        sqlite3_bind_blob64(stmt, i, blob.baseAddress, sqlite3_uint64(blob.count), shim_sqlite_transient())
    }

    /// True while there is a row; false when done. Any other result is an error naming the file.
    @inline(__always) func step() throws(WorkspaceFileError) -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw db.fail("cannot read or write")
    }

    /// Steps a statement that returns no rows, then resets it for the next binding.
    @inline(__always) func run() throws(WorkspaceFileError) {
        let rc = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw db.fail("cannot write") }
    }

    func reset() { sqlite3_reset(stmt) }

    @inline(__always) func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, i) else { return "" }
        let n = Int(sqlite3_column_bytes(stmt, i))
        return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
    }
    /// A text column's UTF-8 bytes, valid only inside `body` (no String made: the lookup tables hold a string
    /// per call).
    func withText<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let p = sqlite3_column_text(stmt, i)
        let n = Int(sqlite3_column_bytes(stmt, i))
        return body(UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : n))
    }
    func blob(_ i: Int32) -> UnsafeRawBufferPointer {
        let p = sqlite3_column_blob(stmt, i)
        let n = Int(sqlite3_column_bytes(stmt, i))
        return UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : n)
    }
}
