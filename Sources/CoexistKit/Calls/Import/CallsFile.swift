#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The streams, building and device files as `import_calls`, `import_buildings`, `import_devices` and
/// `--data DIR` read them: one place decides what a path holds and how it goes into a store.
public enum CallsFile {
    /// Imports one streams file (CSV, or Graph call records) into `store`; `replace` empties it first,
    /// keeping the building file and the device catalogue.
    public static func importStreams(_ path: String, into store: inout CallStore, options: ImportOptions,
                                     replace: Bool = false) throws -> ImportReport {
        var next = replace ? emptied(store) : store
        let report = try isGraph(path) ? next.importGraph(path: path, options: options) : next.importCSV(path: path, options: options)
        store = next
        return report
    }

    /// Graph call records (a folder, .json/.jsonl/.ndjson, or a file starting with `{` or `[`); else CSV.
    public static func isGraph(_ path: String) -> Bool {
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

    /// A whole text file, with errors that name it.
    public static func read(_ path: String) throws(TenantError) -> String {
        guard let f = fopen(path, "rb") else { throw .badFile(file: path, reason: String(cString: strerror(errno))) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        if ferror(f) != 0 { throw .badFile(file: path, reason: "read error") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
