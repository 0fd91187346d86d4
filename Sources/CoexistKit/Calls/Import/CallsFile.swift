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

    /// The same, from the bytes `import_calls` already read (and stamped), or from the Graph files it listed,
    /// read here in pieces and stamped as they are read; returns the stamp of what was imported.
    public static func importStreams(_ source: ImportSource, into store: inout CallStore, options: ImportOptions,
                                     replace: Bool = false) throws -> (report: ImportReport, stamp: FileStamp) {
        var next = replace ? emptied(store) : store
        if source.isStreamed {
            let (report, stamp) = try GraphCallRecordImporter.importFiles(paths: source.graphFiles, source: source.path,
                                                                          into: &next, options: options)
            store = next
            return (report, stamp)
        }
        let report: ImportReport
        if isGraph(source) {
            guard !source.files.isEmpty else { throw CallImportError(file: source.path, message: "holds no .json, .jsonl or .ndjson files") }
            report = try GraphCallRecordImporter.importFiles(source.files, into: &next, options: options)
        } else {
            report = try CSVImporter.importFile(source.files[0].bytes, name: source.path, into: &next, options: options)
        }
        store = next
        return (report, source.stamp)
    }

    static func isGraph(_ source: ImportSource) -> Bool {
        if source.files.count != 1 || source.files[0].path != source.path { return true }
        let ext = source.path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["json", "jsonl", "ndjson"].contains(ext) { return true }
        if ["csv", "tsv", "txt"].contains(ext) { return false }
        for c in source.files[0].bytes.bytes {
            if c == 0xEF || c == 0xBB || c == 0xBF || c == 32 || c == 9 || c == 10 || c == 13 { continue }
            return c == 123 || c == 91
        }
        return false
    }

    /// Graph call records (a folder, .json/.jsonl/.ndjson, or a file starting with `{` or `[`); else CSV.
    public static func isGraph(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { return true }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["json", "jsonl", "ndjson"].contains(ext) { return true }
        if ["csv", "tsv", "txt"].contains(ext) { return false }
        // Not a regular file: the CSV importer refuses it, saying what it is.
        guard case .success(let o) = RegularFile.open(path) else { return false }
        defer { close(o.fd) }
        var c: UInt8 = 0
        while Glibc.read(o.fd, &c, 1) == 1 {
            if c == 0xEF || c == 0xBB || c == 0xBF || c == 32 || c == 9 || c == 10 || c == 13 { continue }
            return c == 123 || c == 91
        }
        return false
    }

    /// The same reference data, no streams.
    static func emptied(_ store: CallStore) -> CallStore {
        var s = CallStore()
        s.setBuildingFile(store.buildingFile)
        s.setDeviceCatalogue(store.deviceCatalogue)
        return s
    }

    /// The text of a one-file source (the building file, the device catalogue).
    static func text(_ source: ImportSource) throws(TenantError) -> String {
        String(decoding: try source.singleFile().bytes, as: UTF8.self)
    }

    /// A whole text file, with errors that name it.
    public static func read(_ path: String) throws(TenantError) -> String {
        switch RegularFile.bytes(path) {
        case .failure(let r): throw .badFile(file: path, reason: r.description)
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }
}
