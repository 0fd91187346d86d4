import CoexistKit

/// A host object that holds memory on a script's behalf (a result set's rows, a selection of users, an
/// iterator's row numbers). Pushing one charges `hostBytes` to the session's memory budget, the one
/// `--lua-memory` caps, until Lua collects the object, so a script that keeps a million result sets runs
/// out of its budget instead of the machine's memory. New object types that hold data (a scenario's
/// results) conform and are counted with no other change.
public protocol LuaHostMemory: AnyObject {
    /// About what the object keeps alive beyond its Lua userdata: an estimate, measured once when pushed.
    var hostBytes: Int { get }
}

extension ResultSetBox: LuaHostMemory {
    public var hostBytes: Int { resultSet.heapBytes }
}

extension UsersBox: LuaHostMemory {
    public var hostBytes: Int { (selection?.count ?? 0) * MemoryLayout<Int>.stride }
}

extension CallsQuery: LuaHostMemory {
    /// The conditions and Lua tests; the rows it selects are counted by whoever holds them (an iterator).
    var hostBytes: Int { 256 + steps.reduce(0) { $0 + 32 + $1.utf8.count } + predicates.count * 48 }
}

extension Workspace {
    /// What a fork comes to own once it is written (its tenant: users, cohorts, the journal), charged when
    /// `tenant:fork()` hands it to a script. Its call store stays shared until an import replaces it.
    var forkBytes: Int {
        let tenant = coexistence
        return 4096 + tenant.directory.count * 512 + journal.count * 256
    }
}

/// A scenario's runs, and what compares and sweeps keep: every result's figures (issue 12 item 4, "later
/// scenarios"), so a script that keeps many results runs out of its budget, not the machine's memory.
extension ResultBox: LuaHostMemory {
    var hostBytes: Int { result.heapBytes }
}

extension ComparisonBox: LuaHostMemory {
    var hostBytes: Int { comparison.results.reduce(0) { $0 + $1.heapBytes } }
}

extension SweepBox: LuaHostMemory {
    var hostBytes: Int { sweep.results.reduce(0) { $0 + $1.heapBytes } }
}
