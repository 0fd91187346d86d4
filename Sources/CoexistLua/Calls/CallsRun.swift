import CLua
import CLuaBridge
import CoexistKit

/// The terminal steps of a query: what runs it on the store and hands results to Lua.
enum CallsRun {
    static func summary(_ q: CallsQuery, measures: [String]?, _ L: OpaquePointer) throws -> ResultSet {
        let (store, query, _) = try q.resolve(L)
        var rs: ResultSet
        do {
            rs = try store.summary(query, by: q.dimensions, measures: measures)
        } catch let e as CallQueryError {
            throw LuaError("summary: \(e)")
        }
        rs.title = q.text
        return rs
    }

    static func top(_ q: CallsQuery, dimension: String, n: Int, measure: String, minStreams: Int,
                    _ L: OpaquePointer) throws -> ResultSet {
        let (store, query, _) = try q.resolve(L)
        do {
            return try store.top(query, dimension: dimension, n: n, measure: measure, minStreams: minStreams)
        } catch let e as CallQueryError {
            throw LuaError("top: \(e)")
        }
    }

    /// Pushes `for row in q:rows()`'s iterator: each step a fresh row view (so rows kept in a table stay
    /// what they were), all sharing one layout that keeps the store's columns alive.
    static func pushRowIterator(_ q: CallsQuery, _ L: OpaquePointer) throws {
        let (store, rows) = try q.select(L)
        RowLayout.push(CallStoreSnapshot(store), L)
        let layout = LuaRef(L, at: -1)
        shim_pop(L, 1)
        var next = 0
        HostFunction("rows iterator") { call in
            guard next < rows.count else { return call.results(.nil) }
            // The thread stepping the loop, which need not be the one that made the iterator.
            layout.push(call.L)
            rowview_push_row(call.L, -1, Int(rows[next]))
            shim_remove(call.L, -2)
            next += 1
            return 1
        }.push(L, charging: rows.count * MemoryLayout<UInt32>.stride)
    }

    /// The first rows of a query as a result set: what the prompt shows for a query on its own.
    static let previewFields: [CallField] = [.start, .modality, .firstUser, .building, .connection, .transport,
                                             .jitter, .packetLoss, .roundTrip, .quality]
    static let previewRows = 10

    /// The `n` rows that started first, in time order (ties by position): a preview reads as a timeline,
    /// whatever order the files were imported in. One pass keeping the n best, so a million rows cost little.
    static func earliest(_ rows: [UInt32], _ n: Int, _ store: CallStore) -> [UInt32] {
        var kept: [(start: UInt32, row: UInt32)] = []
        kept.reserveCapacity(n + 1)
        for row in rows {
            let start = store.start[Int(row)]
            if kept.count == n, let last = kept.last, (last.start, last.row) <= (start, row) { continue }
            let at = kept.firstIndex { ($0.start, $0.row) > (start, row) } ?? kept.count
            kept.insert((start, row), at: at)
            if kept.count > n { kept.removeLast() }
        }
        return kept.map(\.row)
    }

    static func preview(_ q: CallsQuery, _ L: OpaquePointer) throws -> ResultSet {
        if !q.dimensions.isEmpty { return try summary(q, measures: nil, L) }
        let (store, rows) = try q.select(L)
        let shown = earliest(rows, previewRows, store).map { i in previewFields.map { store.value($0, at: Int(i)) } }
        let more = rows.count > shown.count ? "; first \(shown.count), q:rows() for all, q:summary() to aggregate" : ""
        return ResultSet(columns: previewFields.map { Column($0.rawValue, $0.type) },
                         rows: shown, title: "\(q.text): \(grouped(rows.count)) stream\(rows.count == 1 ? "" : "s")\(more)")
    }
}

extension CallsQuery: LuaTabular {
    public func resultSet(_ L: OpaquePointer) throws -> ResultSet { try CallsRun.preview(self, L) }
}
