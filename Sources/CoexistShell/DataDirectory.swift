import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `--data DIR`: a tenant made of real files instead of the demo. In the folder, by name:
/// `buildings.csv|.tsv|.txt` the CQD building file, `devices.txt` the certified-device catalogue,
/// `users*.csv` users (the plain users CSV, or Get-CsOnlineUser output), `*.json|.jsonl|.ndjson` or a
/// `callrecords/` folder Microsoft Graph call records, and every other `*.csv|*.tsv` a streams CSV.
/// Everything is strict: the first bad row stops the start, with the file, line and value named.
enum DataDirectory {
    /// The workspace the command line asks for (demo, empty or a data folder); nil after printing why not.
    static func workspace(for config: SessionConfig) -> Workspace? {
        guard let dir = config.dataDirectory else {
            return config.empty ? Workspace.empty(clock: config.clock ?? .system)
                : Workspace.demo(users: config.demoUsers, clock: config.clock)
        }
        do {
            return try load(dir, clock: config.clock ?? .system)
        } catch {
            fputs("coexist: --data \(dir): \(error)\n", bridge_stderr())
            return nil
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ dir: String, clock: WorkspaceClock) throws -> Workspace {
        let names = try list(dir)
        let workspace = Workspace.empty(clock: clock)
        workspace.name = dir.split(separator: "/").last.map(String.init) ?? dir
        func path(_ name: String) -> String { dir.hasSuffix("/") ? dir + name : dir + "/" + name }
        var store = CallStore()
        if let b = names.first(where: { ["buildings.csv", "buildings.tsv", "buildings.txt"].contains($0.lowercased()) }) {
            store.setBuildingFile(try BuildingFile.parse(try CallsImport.read(path(b)), file: path(b)))
        }
        if let d = names.first(where: { $0.lowercased() == "devices.txt" }) {
            store.setDeviceCatalogue(DeviceCatalogue.parse(try CallsImport.read(path(d))))
        }
        workspace.calls = store
        var tenant = workspace.coexistence
        for u in names where u.lowercased().hasPrefix("users") && u.lowercased().hasSuffix(".csv") {
            // The same import as import_users(path) at the prompt, with its warnings on stderr.
            let report: UserImportReport
            do {
                report = try tenant.importUsers(path: path(u))
            } catch {
                throw Failure(description: "\(error)")
            }
            for line in UsersImportBinding.messages(report) { fputs("coexist: --data \(dir): \(line)\n", bridge_stderr()) }
        }
        workspace.coexistence = tenant
        for name in names where isStreams(name, in: dir) {
            try CallsImport.calls(path(name), workspace, skip: false)
        }
        for w in workspace.calls.devicePatternWarnings { fputs("coexist: --data \(dir): warning: \(w)\n", bridge_stderr()) }
        return workspace
    }

    private static func isStreams(_ name: String, in dir: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("buildings.") || lower == "devices.txt" || lower.hasPrefix("users") || lower.hasPrefix("endpoints") {
            return false
        }
        if lower == "callrecords" { return true }
        return [".csv", ".tsv", ".json", ".jsonl", ".ndjson"].contains { lower.hasSuffix($0) }
    }

    private static func list(_ dir: String) throws -> [String] {
        guard let d = opendir(dir) else { throw Failure(description: String(cString: strerror(errno))) }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
