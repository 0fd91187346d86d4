import CoexistKit

/// What `calls` and every step from it hold: the core query (filters the store compiles), the Lua
/// predicates (run by `LuaPredicates` after the filters), the grouping, and words describing the steps.
/// Immutable: each step makes a new one. Nothing runs until a terminal method (count, summary, rows...),
/// and it runs on the workspace's store of that moment, so a query kept across an import sees the new rows.
/// It keeps no `lua_State`: its Lua predicates run on the thread of the call that runs the query, since the
/// coroutine it was made on may be dead by then.
final class CallsQuery {
    let workspace: Workspace
    let base: CallQuery
    let predicates: [LuaRef]
    let dimensions: [String]
    let steps: [String]

    init(workspace: Workspace, base: CallQuery = CallQuery(), predicates: [LuaRef] = [],
         dimensions: [String] = [], steps: [String] = []) {
        self.workspace = workspace
        self.base = base
        self.predicates = predicates
        self.dimensions = dimensions
        self.steps = steps
    }

    func with(base: CallQuery? = nil, predicate: LuaRef? = nil, dimensions: [String]? = nil,
              step: String? = nil) -> CallsQuery {
        CallsQuery(workspace: workspace, base: base ?? self.base, predicates: predicates + (predicate.map { [$0] } ?? []),
                   dimensions: dimensions ?? self.dimensions, steps: steps + (step.map { [$0] } ?? []))
    }

    /// The store, and the core query that selects exactly this query's rows on it. Lua predicates are
    /// evaluated here, once, over the rows the core query selects, and become a `RowSelection`: a
    /// condition the later scans test on every core, top-N fast path included.
    func resolve(_ L: OpaquePointer) throws -> (store: CallStore, query: CallQuery, rows: [UInt32]?) {
        let store = workspace.calls
        guard !predicates.isEmpty else { return (store, base, nil) }
        let snapshot = CallStoreSnapshot(store)
        var rows = try store.select(base)
        try LuaPredicates.filter(&rows, predicates, snapshot, L)
        let selection = try RowSelection(rows: rows, rowCount: store.count)
        return (store, CallQuery().filter(rows: selection), rows)
    }

    func count(_ L: OpaquePointer) throws -> Int {
        let (store, query, rows) = try resolve(L)
        return try rows?.count ?? store.count(query)
    }

    /// Row indices (0-based, ascending).
    func select(_ L: OpaquePointer) throws -> (store: CallStore, rows: [UInt32]) {
        let (store, query, rows) = try resolve(L)
        return (store, try rows ?? store.select(query))
    }

    /// "calls where modality = audio and poor by building".
    var text: String {
        var s = "calls"
        if !steps.isEmpty { s += " where " + steps.joined(separator: " and ") }
        if !dimensions.isEmpty { s += " by " + dimensions.joined(separator: ", ") }
        return s
    }
}

/// 1234567 -> "1,234,567", as counts read in titles.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
