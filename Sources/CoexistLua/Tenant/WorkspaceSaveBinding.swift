import CoexistKit

/// `save(path)` and `tenant:save(path)`: the whole workspace as an SQLite workspace file (issue 17).
enum WorkspaceSaveBinding {
    static let summary = "writes the whole workspace (users' starting point, the change log, plan, streams, buildings, devices, training progress) to an SQLite workspace file, atomically (written beside, synced, renamed); open it again with .open FILE or coexist FILE.db"
    static let doc = "tenant:save(path): " + summary

    static func save(_ w: Workspace, _ call: LuaCall) throws -> Int32 {
        let path = try call.string(1)
        try FileGate.of(call.L).checkWrite(path)
        do { try w.save(to: path) } catch { throw LuaError("save: \(error)") }
        return call.results(.string("saved \(w.summary) to \(path)"))
    }
}
