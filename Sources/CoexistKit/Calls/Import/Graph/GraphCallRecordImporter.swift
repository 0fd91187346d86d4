import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Imports Microsoft Graph call records (`/communications/callRecords` with sessions and segments
/// expanded): one callRecord, an array of them, a `{"value": [...]}` page (with or without
/// `@odata.nextLink`), JSON Lines (one record or page per line), or a folder of such files (`.json`,
/// `.jsonl`, `.ndjson`, in name order). Every mediaStream becomes a row (see `GraphRecordMapper` for
/// which side's context it gets).
///
/// Streaming: the file is split into records by a string-aware scan (`GraphRecordStream`), each record is
/// parsed on its own by simdjson (the CSimdjson shim) and mapped from its tape in place, on both cores, and
/// the rows are appended in record order, so a run on two threads gives exactly the rows of a run on one.
/// No tree of the whole file exists and a file given by path is read in pieces: memory stays the store
/// plus a batch of records (`batchBytes`) whatever the file's shape.
///
/// Same contract as the CSV importer: strict by default (the first bad stream aborts and the store is
/// unchanged, even across a folder), or `.skip` (bad streams are skipped, counted, first 20 reasons
/// kept). Errors name the file, the line for JSON Lines, the JSON path (which starts with the record:
/// `$[3]` in an array, `$.value[3]` in a page) and the bad value.
/// People without a userPrincipalName are counted in `usersWithoutUPN` and named per record in a
/// "warning:" notice: their streams import, but join no user (no cohort, department or building).
public enum GraphCallRecordImporter {
    static let extensions: Set<String> = ["json", "jsonl", "ndjson"]

    /// A file, or a folder of files, read in pieces (`GraphFileReader`) so that a 900 MB page never sits in memory whole.
    public static func importPath(_ path: String, into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CallImportError(file: path, message: "no such file or folder")
        }
        var files: [String] = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
            if files.isEmpty { throw CallImportError(file: path, message: "holds no .json, .jsonl or .ndjson files") }
        }
        return try importFiles(paths: files, source: path, into: &store, options: options).report
    }

    /// Files given by path (a folder's, in order), each read in pieces, and the stamp of their bytes taken from
    /// the same pieces (`GraphFileReader.hash`): what `import_calls` journals is exactly what it parsed, and no
    /// file is ever in memory whole.
    static func importFiles(paths files: [String], source path: String, into store: inout CallStore,
                            options: ImportOptions) throws -> (report: ImportReport, stamp: FileStamp) {
        // Every file is checked before any is read, so that a refused third file stops the import before
        // the first is parsed; each is then opened again and read in pieces.
        var total = 0
        for f in files {
            switch RegularFile.open(f) {
            case .failure(let r): throw CallImportError(file: f, message: r.description)
            case .success(let (fd, size)): close(fd); total += size
            }
        }
        var run = GraphImportRun(options: options, totalBytes: total)
        var hash = FileStamp.fnvSeed, size = 0
        for f in files {
            switch GraphFileReader.open(f, hashSeed: hash) {
            case .failure(let r): throw CallImportError(file: f, message: r.description)
            case .success(let reader):
                try run.file(reader.bytes, name: f, reader: reader)
                hash = reader.hash
                size += reader.count
            }
        }
        let report = try run.finish(into: &store)
        return (report, FileStamp(path: path, size: size, hash: FileStamp.hex(hash)))
    }

    /// Files already read (`ImportSource`), parsed where they lie in memory.
    public static func importFiles(_ files: [(path: String, bytes: FileBytes)], into store: inout CallStore,
                                   options: ImportOptions = ImportOptions()) throws -> ImportReport {
        var run = GraphImportRun(options: options, totalBytes: files.reduce(0) { $0 + $1.bytes.count })
        for f in files {
            try withExtendedLifetime(f.bytes) { try run.file(f.bytes.bytes, name: f.path) }
        }
        return try run.finish(into: &store)
    }

    public static func importData(_ data: Data, name: String = "callrecords.json", into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        var run = GraphImportRun(options: options, totalBytes: data.count)
        try data.withUnsafeBytes { try run.file($0, name: name) }
        return try run.finish(into: &store)
    }

    public static func importText(_ text: String, name: String = "callrecords.json", into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importData(Data(text.utf8), name: name, into: &store, options: options)
    }
}

extension CallStore {
    /// See `GraphCallRecordImporter`: a file or a folder of Graph call records.
    @discardableResult
    public mutating func importGraph(path: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try GraphCallRecordImporter.importPath(path, into: &self, options: options)
    }

    @discardableResult
    public mutating func importGraph(text: String, name: String = "callrecords.json",
                                     options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try GraphCallRecordImporter.importText(text, name: name, into: &self, options: options)
    }
}
