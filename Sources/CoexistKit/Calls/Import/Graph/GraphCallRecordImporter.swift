import Foundation

/// Imports Microsoft Graph call records (`/communications/callRecords` with sessions and segments
/// expanded): one callRecord, an array of them, a `{"value": [...]}` page, JSON Lines (one record or
/// page per line), or a folder of such files (`.json`, `.jsonl`, `.ndjson`, in name order).
/// Every mediaStream becomes a row (see `GraphRecordMapper` for which side's context it gets).
///
/// Same contract as the CSV importer: strict by default (the first bad stream aborts and the store is
/// unchanged, even across a folder), or `.skip` (bad streams are skipped, counted, first 20 reasons
/// kept). Errors name the file, the line for JSON Lines, the JSON path and the bad value.
/// People without a userPrincipalName are counted in `usersWithoutUPN` and named per record in a
/// "warning:" notice: their streams import, but join no user (no cohort, department or building).
/// Foundation's JSONSerialization is enough: Graph exports are small next to CQD CSV extracts.
public enum GraphCallRecordImporter {
    static let extensions: Set<String> = ["json", "jsonl", "ndjson"]

    /// A file, or a folder of files.
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
        var loaded: [(path: String, bytes: FileBytes)] = []
        for f in files {
            switch RegularFile.load(f) {
            case .failure(let r): throw CallImportError(file: f, message: r.description)
            case .success(let b): loaded.append((f, b))
            }
        }
        return try importFiles(loaded, into: &store, options: options)
    }

    /// Files already read (`ImportSource`), parsed where they lie in memory.
    public static func importFiles(_ files: [(path: String, bytes: FileBytes)], into store: inout CallStore,
                                   options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let contents = files.map { f in
            (f.path, f.bytes.count == 0 ? Data()
                : Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: f.bytes.bytes.baseAddress!), count: f.bytes.count,
                       deallocator: .none))
        }
        return try withExtendedLifetime(files) { try importFiles(contents, into: &store, options: options) }
    }

    public static func importData(_ data: Data, name: String = "callrecords.json", into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importFiles([(name, data)], into: &store, options: options)
    }

    public static func importText(_ text: String, name: String = "callrecords.json", into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importData(Data(text.utf8), name: name, into: &store, options: options)
    }

    static func importFiles(_ files: [(String, Data)], into store: inout CallStore, options: ImportOptions) throws -> ImportReport {
        var run = Run(policy: options.onError, progress: ProgressMeter(options.progress, intervalNs: options.progressIntervalNs),
                      totalBytes: max(files.reduce(0) { $0 + $1.1.count }, 1))
        for (name, data) in files {
            try run.file(data, name: name)
            run.doneBytes += data.count
            run.report.bytes += data.count
        }
        run.progress.finish(rows: run.report.imported)
        run.report.duplicates = try store.appendNew(run.staging, identities: run.identities)
        run.report.imported -= run.report.duplicates
        return run.report
    }

    /// One import's state: rows go to `staging` and reach the store only when everything succeeded.
    struct Run {
        let policy: ImportErrorPolicy
        var progress: ProgressMeter
        let totalBytes: Int
        var doneBytes = 0
        /// Size of the file being read, for progress within it.
        var fileBytes = 0
        var staging = CallStore()
        /// Per staged stream, its identity (`StreamIdentity`).
        var identities: [UInt64] = []
        var report = ImportReport()
        /// Object ids (or names) of people without a UPN, so `usersWithoutUPN` counts each once.
        var seenWithoutUPN: Set<String> = []

        init(policy: ImportErrorPolicy, progress: ProgressMeter, totalBytes: Int) {
            self.policy = policy
            self.progress = progress
            self.totalBytes = totalBytes
        }

        mutating func file(_ data: Data, name: String) throws {
            fileBytes = data.count
            if let top = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                try document(top, name: name, line: nil, span: 0..<1)
                return
            }
            // Not one JSON document: JSON Lines, if its first line is a whole object; otherwise report
            // the parser's complaint about the file as a whole.
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let firstLine = lines.first { !isBlank($0) }
            guard let firstLine, (try? JSONSerialization.jsonObject(with: Data(firstLine))) is [String: Any] else {
                try fail(CallImportError(file: name, message: "is not JSON: " + parseError(data)))
                return
            }
            for (i, line) in lines.enumerated() where !isBlank(line) {
                guard let top = try? JSONSerialization.jsonObject(with: Data(line)) else {
                    try fail(CallImportError(file: name, line: i + 1, message: "is not JSON: " + parseError(Data(line))))
                    continue
                }
                let n = Double(lines.count)
                try document(top, name: name, line: i + 1, span: Double(i) / n..<Double(i + 1) / n)
            }
        }

        private func isBlank(_ line: Data.SubSequence) -> Bool {
            line.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
        }

        private func parseError(_ data: Data) -> String {
            do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]); return "?" }
            catch {
                let ns = error as NSError
                return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
            }
        }

        /// A record, an array of records, or a `{"value": [...]}` page; `span` is the part of the file it
        /// covers, for progress.
        mutating func document(_ top: Any, name: String, line: Int?, span: Range<Double>) throws {
            let root = GraphJSON(top, path: "$")
            var records: [GraphJSON]
            if top is [Any] {
                records = (top as! [Any]).enumerated().map { GraphJSON($0.element, path: "$[\($0.offset)]") }
            } else if let o = top as? [String: Any], o["value"] is [Any] {
                records = (try? root.elements("value")) ?? []
            } else if top is [String: Any] {
                records = [root]
            } else {
                try fail(CallImportError(file: name, line: line, field: "$",
                                         message: "expected a callRecord, an array of them or a {\"value\": [...]} page"))
                return
            }
            for (k, r) in records.enumerated() {
                if r.object != nil {
                    try record(r, name: name, line: line)
                } else {
                    try fail(CallImportError(file: name, line: line, field: r.path, message: "expected a callRecord object"))
                }
                let within = span.lowerBound + (span.upperBound - span.lowerBound) * Double(k + 1) / Double(records.count)
                progress.update(fraction: (Double(doneBytes) + Double(fileBytes) * within) / Double(totalBytes),
                                rows: report.imported)
            }
        }

        mutating func record(_ r: GraphJSON, name: String, line: Int?) throws {
            var notices: [String] = []
            var withoutUPN: [GraphIdentity] = []
            for row in GraphRecordMapper.rows(of: r, notices: &notices, withoutUPN: &withoutUPN) {
                switch row {
                case .success(let stream):
                    do {
                        try staging.append(stream)
                        identities.append(StreamIdentity.of(stream))
                        report.imported += 1
                    } catch {
                        try fail(CallImportError(file: name, line: line, field: r.path, message: "\(error)"))
                    }
                case .failure(let e):
                    try fail(CallImportError(file: name, line: line, field: e.path, value: e.value, message: e.message))
                }
            }
            noteMissingUPN(withoutUPN, record: r, name: name, line: line)
            for n in notices where !report.notices.contains(n) && report.notices.count < ImportReport.maxReasons {
                report.notices.append(n)
            }
        }

        /// People each counted once per import; a warning per record names them (the first 20 records).
        mutating func noteMissingUPN(_ people: [GraphIdentity], record r: GraphJSON, name: String, line: Int?) {
            guard !people.isEmpty else { return }
            for p in people where seenWithoutUPN.insert(p.id.isEmpty ? "name:" + p.displayName : p.id).inserted {
                report.usersWithoutUPN += 1
            }
            guard report.notices.count < ImportReport.maxReasons else { return }
            let id = (r["id"].value as? String) ?? r.path
            let place = line.map { "\(name):\($0)" } ?? name
            report.notices.append("warning: \(place): call record \(id): no userPrincipalName for "
                + people.map(\.described).joined(separator: ", ")
                + "; their streams carry the object id, which does not match the user directory (map ids to UPNs, e.g. from Get-CsOnlineUser's Identity)")
        }

        mutating func fail(_ e: CallImportError) throws {
            if policy == .strict { throw e }
            report.recordSkip(e)
        }
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
