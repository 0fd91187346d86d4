import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `import_calls`, `import_buildings`, `import_devices` and `missing_subnets`. Imports work on a copy of
/// the store and put it back only when they succeed, so a failed strict import changes nothing.
enum CallsImportBindings {
    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("import_calls", doc: "import_calls(path, {on_error=\"skip\", replace=true}): adds the streams of a CSV file (ours or a CQD export; a row whose First Is Server says Server is read from its Second, client, columns) or of Graph call records (JSON, JSON Lines, or a folder); strict unless on_error=\"skip\"; a stream already in the store (same call, stream or session/segment, direction) is skipped and counted; unknown columns and skipped duplicates are also warned on stderr; returns {imported=, skipped=, duplicates=, reasons={...}, notices=, users_without_upn= (Graph people with no UPN, who match no user)}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let options = try call.optTable(2)
            try checkKeys(options, ["on_error", "replace"], "import_calls")
            let report = try CallsImport.calls(path, workspace, skip: try onErrorSkip(options), replace: options?["replace"] == .boolean(true))
            return call.results(report)
        }
        engine.register("import_buildings", doc: "import_buildings(path): loads the CQD building file (15 columns, comma or tab; ranges /8 to /28, to /32 on VPN=1 rows) and maps every subnet; refuses a NetworkIP that is not its range's network address (saying which it probably meant) and a file past 1,000,000 rows once VPN=1 rows are expanded to every address; returns {buildings=, ranges=}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let file = try BuildingFile.parse(try CallsImport.read(path), file: path)
            workspace.calls.setBuildingFile(file)
            return call.results(.table(LuaTable(fields: [(.string("buildings"), .integer(Int64(file.buildings.count))),
                                                         (.string("ranges"), .integer(Int64(file.ranges.count)))])))
        }
        engine.register("import_devices", doc: "import_devices(path): replaces the certified-device catalogue: one name pattern a line, !pattern excludes, # comments. Patterns ignore case; * matches any run of characters (*Jabra* anywhere in the name, Jabra* at its start); a pattern without * must equal the whole device name (one that only occurs inside the names of devices already imported gets a warning). Returns {certified=, excluded=}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let catalogue = DeviceCatalogue.parse(try CallsImport.read(path))
            workspace.calls.setDeviceCatalogue(catalogue)
            for w in workspace.calls.devicePatternWarnings { Warnings.emit(call.L, "import_devices: \(path): " + w) }
            return call.results(.table(LuaTable(fields: [(.string("certified"), .integer(Int64(catalogue.certified.count))),
                                                         (.string("excluded"), .integer(Int64(catalogue.excluded.count)))])))
        }
        engine.register("buildings", doc: "buildings(): the buildings of the building file (city, country, region, ranges, inside, vpn) as a result set") { call in
            ResultSetBinding.push(workspace.calls.buildingFile.table, call.L)
            return 1
        }
        engine.register("missing_subnets", doc: "missing_subnets(min_audio_streams): subnets in 10 (or min) audio streams or more that no building claims (CQD's missing-subnet report)") { call in
            let min = Int(try call.optInteger(1) ?? 10)
            ResultSetBinding.push(workspace.calls.missingSubnets(minAudioStreams: min), call.L)
            return 1
        }
    }

    private static func onErrorSkip(_ options: LuaTable?) throws -> Bool {
        switch options?["on_error"] {
        case nil, .nil?, .string("strict")?, .string("abort")?: return false
        case .string("skip")?: return true
        case let v?: throw LuaError("on_error must be \"skip\" or \"strict\", got \(v.stringValue.map { "'\($0)'" } ?? v.typeName)")
        }
    }

    private static func checkKeys(_ options: LuaTable?, _ allowed: [String], _ function: String) throws {
        for (k, _) in options?.fields ?? [] {
            guard case .string(let key) = k, allowed.contains(key) else {
                let name = k.stringValue ?? k.typeName
                throw LuaError("\(function): unknown option '\(name)'" + didYouMean(name, allowed))
            }
        }
    }
}

/// The import work itself, shared by the Lua functions and `--data DIR`.
public enum CallsImport {
    /// Imports one streams file into the workspace's store and returns the Lua report record.
    @discardableResult
    public static func calls(_ path: String, _ workspace: Workspace, skip: Bool, replace: Bool = false) throws -> LuaValue {
        var store = workspace.calls
        if replace { store = emptied(store) }
        let options = ImportOptions(onError: skip ? .skip : .strict, progress: ProgressLine.handler(for: path))
        let report: ImportReport
        do {
            report = try isGraph(path) ? store.importGraph(path: path, options: options) : store.importCSV(path: path, options: options)
        } catch {
            throw LuaError("import_calls: \(error)")
        }
        workspace.calls = store
        // Said where the user looks even when the returned table is dropped (`--data`, a script).
        for w in report.warnings { fputs("warning: \(path): \(w)\n", bridge_stderr()) }
        return record(report)
    }

    /// Graph call records (a folder, .json/.jsonl/.ndjson, or a file starting with `{` or `[`); else CSV.
    static func isGraph(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { return true }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["json", "jsonl", "ndjson"].contains(ext) { return true }
        if ["csv", "tsv", "txt"].contains(ext) { return false }
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        while true {
            let c = fgetc(f)
            if c == EOF { return false }
            if c == 0xEF || c == 0xBB || c == 0xBF || c == 32 || c == 9 || c == 10 || c == 13 { continue }
            return c == 123 || c == 91
        }
    }

    /// The same reference data, no streams.
    static func emptied(_ store: CallStore) -> CallStore {
        var s = CallStore()
        s.setBuildingFile(store.buildingFile)
        s.setDeviceCatalogue(store.deviceCatalogue)
        return s
    }

    static func record(_ r: ImportReport) -> LuaValue {
        let reasons = r.skipReasons.map { LuaValue.string($0.description) }
        var fields: [(LuaValue, LuaValue)] = [(.string("imported"), .integer(Int64(r.imported))),
                                              (.string("skipped"), .integer(Int64(r.skipped))),
                                              (.string("duplicates"), .integer(Int64(r.duplicates))),
                                              (.string("reasons"), .table(LuaTable(array: reasons)))]
        if !r.notices.isEmpty { fields.append((.string("notices"), .table(LuaTable(array: r.notices.map { .string($0) })))) }
        if r.usersWithoutUPN > 0 { fields.append((.string("users_without_upn"), .integer(Int64(r.usersWithoutUPN)))) }
        return .table(LuaTable(fields: fields))
    }

    /// A whole text file, with errors that name it.
    public static func read(_ path: String) throws -> String {
        guard let f = fopen(path, "rb") else { throw LuaError("\(path): \(String(cString: strerror(errno)))") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        if ferror(f) != 0 { throw LuaError("\(path): read error") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
