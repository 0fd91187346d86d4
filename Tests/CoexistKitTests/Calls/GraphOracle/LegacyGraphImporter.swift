import Foundation
@testable import CoexistKit

/// The Graph importer as it was before the streaming one (Foundation's JSONSerialization over the whole
/// file), kept only as the tests' oracle: the streaming importer must give the same rows, counts and
/// notices on every fixture and generated file. Not for use elsewhere: a 300 MB page took 6 GB here.
enum LegacyGraphImporter {
    static func importData(_ data: Data, name: String = "callrecords.json", into store: inout CallStore,
                           options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importFiles([(name, data)], into: &store, options: options)
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
                if r.isObject {
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
            let id = r["id"].stringValue ?? r.path
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
