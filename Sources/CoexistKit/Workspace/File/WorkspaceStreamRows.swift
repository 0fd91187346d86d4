import CSQLite

/// The `streams` rows between the store's columns and the file, through CSQLite's C loops (stream_rows.h): one
/// reused INSERT of 32 rows a step on the way out, a rowid-range scan straight into the columns on the way in.
enum WorkspaceStreamRows {
    /// 32 rows x 23 columns = 736 parameters a statement, well under SQLite's 32,766 ("Limits In SQLite").
    static let rowsPerInsert = 32

    static let columns = StreamColumn.allCases
    static let widths: [UInt8] = columns.map { UInt8($0.width) }
    static let names = columns.map(WorkspaceSchema.sqlName).joined(separator: ", ")

    /// Inserts `rows` of `store` (rowids rows.lowerBound + 1 ... follow the table's last, so the rows must go on
    /// the end of a table holding rows 1 ... rows.lowerBound).
    static func insert(_ store: CallStore, rows: Range<Int>, db: SQLiteDatabase) throws(WorkspaceFileError) {
        guard !rows.isEmpty else { return }
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        func statement(_ n: Int) throws(WorkspaceFileError) -> SQLiteStatement {
            try db.prepare("INSERT INTO streams (\(names)) VALUES " + Array(repeating: one, count: n).joined(separator: ","))
        }
        let batch = rows.count >= rowsPerInsert ? try statement(rowsPerInsert) : nil
        let single = try statement(1)
        let bases: [UnsafeRawPointer?] = columns.map { store.columnPointer($0) }
        let rc = withExtendedLifetime(store) {
            bases.withUnsafeBufferPointer { b in
                widths.withUnsafeBufferPointer { w in
                    coexist_insert_stream_rows(batch?.raw, Int32(rowsPerInsert), single.raw, b.baseAddress, w.baseAddress,
                                               Int32(columns.count), Int64(rows.lowerBound), Int64(rows.upperBound))
                }
            }
        }
        guard rc == SQLITE_DONE else { throw db.fail("cannot write the streams") }
    }

    /// Reads rowids range.lowerBound + 1 ... range.upperBound into the columns at `bases`, checking that every
    /// rowid is there in order and every value fits its column.
    static func read(_ conn: SQLiteDatabase, _ range: Range<Int>, into bases: [UnsafeMutableRawPointer],
                     damaged: (String) -> WorkspaceFileError) throws(WorkspaceFileError) {
        // No ORDER BY: a rowid range is a scan of the table's B-tree, which is in rowid order (EXPLAIN QUERY PLAN
        // gives "SEARCH streams USING INTEGER PRIMARY KEY" and no sorter either way); the rowid check below
        // refuses any row out of sequence.
        let s = try conn.prepare("SELECT rowid, \(names) FROM streams WHERE rowid BETWEEN \(range.lowerBound + 1) AND \(range.upperBound)")
        let out: [UnsafeMutableRawPointer?] = bases
        let r = out.withUnsafeBufferPointer { b in
            widths.withUnsafeBufferPointer { w in
                coexist_read_stream_rows(s.raw, b.baseAddress, w.baseAddress, Int32(columns.count),
                                         Int64(range.lowerBound), Int64(range.upperBound))
            }
        }
        switch Int(r.status) {
        case Int(COEXIST_ROWS_OK): return
        case Int(COEXIST_ROWS_SQLITE): throw conn.fail("cannot read or write")
        case Int(COEXIST_ROWS_ROWID): throw damaged("stream rowid \(r.value) out of sequence")
        case Int(COEXIST_ROWS_VALUE): throw damaged("stream \(r.row + 1) \(columns[Int(r.column)].name) = \(r.value)")
        default: throw damaged("stream rows \(range.lowerBound + 1)...\(range.upperBound) stop at \(r.row)")
        }
    }
}
