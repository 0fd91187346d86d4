import CoexistKit
#if canImport(Glibc)
import Glibc
#endif

/// Opening a workspace file (issue 17 item 4) on arbitrary bytes: SQLite's own reading, the schema and
/// version checks, the stream rows, the journal's JSON and its replay. Any refusal is an error to describe;
/// a workspace that opens is read and closed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkspace(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/tmp/coexist-fuzz-workspace-\(getpid()).db"
    for p in [path, path + "-wal", path + "-shm", path + "-journal"] { unlink(p) }
    guard let f = fopen(path, "wb") else { return 0 }
    fwrite(data, 1, size, f)
    fclose(f)
    do {
        let w = try Workspace.open(path)
        _ = w.summary
        _ = w.journal.table()
        _ = w.calls.count
        w.closeFile()
    } catch {
        _ = String(describing: error)
    }
    return 0
}
