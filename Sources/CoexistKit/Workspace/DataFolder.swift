#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `--data DIR`: a tenant made of real files instead of the demo. In the folder, by name:
/// `buildings.csv|.tsv|.txt` the CQD building file, `devices.txt` the certified-device catalogue,
/// `users*.csv` users (the plain users CSV, or Get-CsOnlineUser output), `*.json|.jsonl|.ndjson` or a
/// `callrecords/` folder Microsoft Graph call records, and every other `*.csv|*.tsv` a streams CSV.
/// Everything is strict: the first bad row stops the load, with the file, line and value named.
///
/// The folder is the workspace's starting point, as the demo is: its journal begins empty after the load, so
/// `undo()` never unloads the folder, and a replay of the journal starts from the same folder.
public enum DataFolder {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workspace, and the lines to tell the user (notices and warnings of the imports, already prefixed).
    public struct Loaded {
        public var workspace: Workspace
        public var messages: [String]
    }

    /// `progress` gives the progress handler for one streams file (nil for none).
    public static func load(_ dir: String, clock: WorkspaceClock,
                            progress: (String) -> ImportProgressHandler? = { _ in nil }) throws -> Loaded {
        let names = try list(dir)
        let prefix = "coexist: --data \(dir): "
        var messages: [String] = []
        func path(_ name: String) -> String { dir.hasSuffix("/") ? dir + name : dir + "/" + name }
        var store = CallStore()
        if let b = names.first(where: { ["buildings.csv", "buildings.tsv", "buildings.txt"].contains($0.lowercased()) }) {
            store.setBuildingFile(try BuildingFile.parse(try CallsFile.read(path(b)), file: path(b)))
        }
        if let d = names.first(where: { $0.lowercased() == "devices.txt" }) {
            store.setDeviceCatalogue(try DeviceCatalogue.parse(try CallsFile.read(path(d)), file: path(d)))
        }
        var tenant = CoexistenceTenant(clock: clock)
        var usersFiles: [FileStamp] = [], kept: [String: FileBytes] = [:]
        for u in names where u.lowercased().hasPrefix("users") && u.lowercased().hasSuffix(".csv") {
            // The same import as import_users(path) at the prompt, from bytes read once: a saved workspace
            // keeps them, so opening it makes this tenant again without the folder.
            let report: UserImportReport
            do {
                let source = try ImportSource.read(path(u))
                report = try tenant.importUsers(source)
                usersFiles.append(source.stamp)
                kept[source.stamp.contentKey] = try source.singleFile()
            } catch {
                throw Failure(description: "\(error)")
            }
            messages += report.messages.map { prefix + $0 }
        }
        for name in names where isStreams(name) {
            let file = path(name)
            let report: ImportReport
            do {
                report = try CallsFile.importStreams(file, into: &store, options: ImportOptions(onError: .strict, progress: progress(file)))
            } catch {
                throw Failure(description: "import_calls: \(error)")
            }
            messages += report.warnings.map { "warning: \(file): \($0)" }
        }
        messages += store.devicePatternWarnings.map { prefix + "warning: " + $0 }
        let loadedTenant = tenant, loadedStore = store
        let workspace = Workspace(name: dir.split(separator: "/").last.map(String.init) ?? dir, clock: clock,
                                  coexistence: { loadedTenant }, calls: { loadedStore })
        workspace.origin = .dataFolder(path: dir, day: clock.today, users: usersFiles)
        workspace.importedBytes = kept
        return Loaded(workspace: workspace, messages: messages)
    }

    private static func isStreams(_ name: String) -> Bool {
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
            let name = directoryEntryName(e)
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
