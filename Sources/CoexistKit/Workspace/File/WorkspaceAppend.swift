#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A live import of calls adds to the open file instead of rewriting it: rewriting every stream row took
/// about 20 s at 10M streams for an import of a few thousand. An import only appends (rows go on the end,
/// codes are stable and dictionaries only grow, identities only gain), so the file gets the new lookup rows,
/// the new stream rows and the new identities, in the journal entry's transaction. Its undo takes them off.
extension WorkspaceWriter {
    /// Whether `after` is `before` with streams, strings and identities added on the end and the reference
    /// data unchanged. Checked, not assumed: the first `before.count` rows of every column and each
    /// dictionary's first codes are compared byte for byte (a memory pass, far less than writing the rows).
    static func isAppend(_ after: CallStore, to before: CallStore) -> Bool {
        guard after.count >= before.count, after.buildingFile == before.buildingFile,
              after.deviceCatalogue == before.deviceCatalogue else { return false }
        for d in WorkspaceSchema.dictionaries where !after.dictionary(d).extends(before.dictionary(d)) { return false }
        let n = before.count
        guard n > 0 else { return true }
        return withExtendedLifetime((after, before)) {
            StreamColumn.allCases.allSatisfy { memcmp(after.columnPointer($0), before.columnPointer($0), n * $0.width) == 0 }
        }
    }

    /// Writes what `after` added to `before`, which the file holds: the new codes of each lookup table, the new
    /// stream rows, the new identities as chunks after the last one, and the count and checksum.
    func appendCalls(_ after: CallStore, to before: CallStore) throws(WorkspaceFileError) {
        try writeLookups(after, after: before)
        try writeCounts(after, checksum: try insertStreams(after, rows: before.count..<after.count))
        var old = before.identities, new = after.identities
        old.normalize()
        new.normalize()
        let next = try db.integer("SELECT max(chunk) FROM stream_identities").map { Int($0) + 1 } ?? 0
        try writeIdentities(Self.added(new.sorted, since: old.sorted)[...], firstChunk: next)
    }

    /// The file back to `before` after an appending import (`isAppend(current, to: before)`): its rows and
    /// codes taken off the end, the identities written again as one run.
    func truncateCalls(to before: CallStore) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM streams WHERE rowid > \(before.count)")
        for d in WorkspaceSchema.dictionaries {
            try db.exec("DELETE FROM \(WorkspaceSchema.lookupTable(d)) WHERE code >= \(before.dictionary(d).count)")
        }
        try writeCounts(before, checksum: WorkspaceChecksum.of(before, parts: before.count >= 100_000 ? 2 : 1))
        try db.exec("DELETE FROM stream_identities")
        var ids = before.identities
        ids.normalize()
        try writeIdentities(ids.sorted[...], firstChunk: 0)
    }

    /// The values of sorted `all` that sorted `earlier` lacks (one merge walk).
    static func added(_ all: [UInt64], since earlier: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(Swift.max(0, all.count - earlier.count))
        var j = 0
        for v in all {
            while j < earlier.count && earlier[j] < v { j += 1 }
            if j < earlier.count && earlier[j] == v { continue }
            out.append(v)
        }
        return out
    }
}
