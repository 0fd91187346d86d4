import CoexistKit
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A tenant's pull state, in `<state_dir>/<tenant>/state.json`, written after every page (to a temporary
/// file, then renamed, so a kill leaves the old state or the new one, never half of one):
/// - `high_water`: the newest record start of the pulls that completed (and reached back to the mark before);
///   the next pull without `from` asks for records from `GraphPullPeriod.overlapSeconds` before it. No ids are
///   kept: the records fetched again are told apart by the store (call id, stream identity), so an undone
///   import is fetched and imported again rather than taken for held.
/// - `pending`: a pull that stopped (interrupted, throttled past max_wait, a bad page, or killed): its period,
///   the link of the page to fetch next, and the folder its pages are in when they are not yet imported.
///   The next pull of the tenant resumes there.
/// Each pull's pages are files `pull-NNNNNN/page-NNNNNN.json` beside it: the workspace journals the import
/// of that folder (as `import_calls` of it), and a replay reads it again.
struct GraphPullState: Codable, Equatable {
    var tenant: String
    var highWater: String?
    var pending: Pending?
    var pulls: Int = 0

    struct Pending: Codable, Equatable {
        var from: String
        var to: String
        /// The page to fetch next: the first page's URL, or the last page's `@odata.nextLink`.
        var next: String
        /// The folder of fetched pages not yet imported (nil once they were).
        var folder: String?
        /// Pages in `folder`.
        var folderPages: Int = 0
        var pages: Int = 0
        var records: Int = 0
        var newest: String?
    }

    enum CodingKeys: String, CodingKey {
        case tenant, highWater = "high_water", pending, pulls
    }

    static func directory(_ options: GraphPullOptions) -> String {
        (options.stateDirectory as NSString).appendingPathComponent(options.tenant)
    }

    static func load(_ options: GraphPullOptions) throws(GraphPullError) -> GraphPullState {
        let path = (directory(options) as NSString).appendingPathComponent("state.json")
        guard FileManager.default.fileExists(atPath: path) else { return GraphPullState(tenant: options.tenant) }
        do {
            // Through the one reader: a regular file only, read with pread (a FIFO put there would hang the pull).
            let bytes = try RegularFile.bytes(path).get()
            return try JSONDecoder().decode(GraphPullState.self, from: Data(bytes))
        } catch {
            throw .state("\(path): not a pull state this version reads (\(error)); move it away to start the tenant afresh")
        }
    }

    func save(_ options: GraphPullOptions) throws(GraphPullError) {
        let dir = Self.directory(options)
        let path = (dir as NSString).appendingPathComponent("state.json")
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeDurably(try encoder.encode(self), to: path)
        } catch let e as GraphPullError {
            throw e
        } catch {
            throw .state("\(path): cannot be written: \(error)")
        }
    }
}

/// Writes `data` through the project's one writer (`AtomicFile`: a temporary file beside `path`, synced, renamed
/// over it), so a kill leaves the old file or the new one.
func writeDurably(_ data: Data, to path: String) throws(GraphPullError) {
    do {
        let file = try AtomicFile(path)
        try data.withUnsafeBytes { try file.write($0) }
        try file.commit()
    } catch {
        throw .state("\(path): cannot be written: \(error)")
    }
}
