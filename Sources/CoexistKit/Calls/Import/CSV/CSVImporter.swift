#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Imports the streams CSV (see `CSVColumn` for the names). Strict by default: the first bad row aborts
/// and the store is unchanged. A large file is split at a line boundary and parsed on two threads.
public enum CSVImporter {
    /// Below this a second thread costs more than it saves.
    static let parallelThreshold = 4 << 20

    public static func importFile(_ path: String, into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        if options.parallel {
            switch RegularFile.open(path) {
            case .failure(let r): throw CallImportError(file: path, message: r.description)
            case .success(let (fd, size)):
                defer { close(fd) }
                // A large file is parsed while it is read (CSVPipelinedImport).
                if size >= parallelThreshold,
                   let report = try CSVPipelinedImport.importFile(fd: fd, size: size, path: path, into: &store, options: options) {
                    return report
                }
            }
        }
        switch RegularFile.load(path) {
        case .failure(let r): throw CallImportError(file: path, message: r.description)
        case .success(let file): return try importFile(file, name: path, into: &store, options: options)
        }
    }

    /// A file already read (`ImportSource`): `import_calls` stamps and imports the same bytes.
    public static func importFile(_ file: FileBytes, name: String, into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try withExtendedLifetime(file) {
            try importBytes(file.bytes, name: name, into: &store, options: options)
        }
    }

    public static func importText(_ text: String, name: String = "streams.csv", into store: inout CallStore,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        var text = text
        return try text.withUTF8 { try importBytes(UnsafeRawBufferPointer($0), name: name, into: &store, options: options) }
    }

    public static func importBytes(_ raw: UnsafeRawBufferPointer, name: String, into store: inout CallStore,
                                   options: ImportOptions = ImportOptions()) throws -> ImportReport {
        guard raw.count > 0, let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw CallImportError(file: name, line: 1, message: "is empty; expected a header line")
        }
        let end = raw.count
        let plan = try Plan(base, end: end, name: name, options: options)
        var first = plan.parser()
        defer { first.release() }
        var second: CSVPartParser? = nil
        defer { second?.release() }
        let afterHeader = plan.afterHeader, headerLines = plan.headerLines
        let dataBytes = end - afterHeader
        var split = end
        if options.parallel && dataBytes >= parallelThreshold {
            var s = afterHeader + dataBytes / 2
            while s < end && base[s] != 10 { s += 1 }
            split = min(s + 1, end)
        }
        let onProgress = plan.progress(firstPartBytes: split - afterHeader, dataBytes: dataBytes)
        if split < end {
            let b = UnsafeMutablePointer<CSVPartParser>.allocate(capacity: 1)
            b.initialize(to: plan.parser())
            defer { b.deinitialize(count: 1); b.deallocate() }
            let splitAt = split
            let group = DispatchGroup()
            let boxed = Parallel.Box(value: b)
            DispatchQueue.global().async(group: group) {
                boxed.value.pointee.run(from: splitAt, stopAt: end, end: end, lineOffset: 0)
            }
            first.run(from: afterHeader, stopAt: splitAt, end: end, lineOffset: headerLines, progress: onProgress)
            group.wait()
            if first.firstError == nil && first.endPosition != split {
                // A quoted field held a newline across the split: the second part started mid-record. Redo it.
                b.pointee.release()
                first.run(from: first.endPosition, stopAt: end, end: end, lineOffset: headerLines, progress: onProgress)
            } else {
                second = b.pointee
            }
        } else {
            first.run(from: afterHeader, stopAt: end, end: end, lineOffset: headerLines, progress: onProgress)
        }
        return try plan.finish(&first, &second, bytes: raw.count, into: &store)
    }

    /// What every way of importing shares: the header read, the columns matched, and how parts become one
    /// result (`finish`).
    struct Plan {
        let base: UnsafePointer<UInt8>
        let name: String
        let layout: [Int]
        let names: [String]
        let ignored: [ImportReport.UnknownColumn]
        let afterHeader: Int
        let headerLines: Int
        let policy: ImportErrorPolicy
        let meter: ProgressMeter

        /// Reads the header from the bytes in [0, end); throws for a bad or incomplete one.
        init(_ base: UnsafePointer<UInt8>, end: Int, name: String, options: ImportOptions) throws {
            let (names, afterHeader, headerLines) = try CSVImporter.header(base, end: end, file: name)
            var layout: [Int] = []
            var ignored: [ImportReport.UnknownColumn] = []
            var seen = Set<Int>()
            for (i, n) in names.enumerated() {
                if let c = CSVColumn.match(n), !seen.contains(c.rawValue) {
                    layout.append(c.rawValue)
                    seen.insert(c.rawValue)
                } else if let c = CSVColumn.match(n) {
                    // Two spellings of one column: which value counts would depend on the columns' order.
                    let earlier = names.firstIndex { CSVColumn.match($0) == c } ?? 0
                    throw ImportError(file: name, line: 1, field: n,
                                      message: "columns \(earlier + 1) ('\(names[earlier])') and \(i + 1) ('\(n)') are both \(c.name); remove one")
                } else {
                    layout.append(-1)
                    ignored.append(ImportReport.UnknownColumn(name: n, suggestion: CSVColumn.suggestion(for: n)))
                }
            }
            let missing = CSVColumn.required.filter { !seen.contains($0.rawValue) }
            if !missing.isEmpty {
                throw CallImportError(file: name, line: 1,
                                      message: "missing required column\(missing.count > 1 ? "s" : ""): "
                                        + missing.map { "\($0.name) (or \($0.aliases.first ?? $0.name))" }.joined(separator: ", "))
            }
            self.base = base
            self.name = name
            self.layout = layout
            self.names = names
            self.ignored = ignored
            self.afterHeader = afterHeader
            self.headerLines = headerLines
            policy = options.onError
            meter = ProgressMeter(options.progress, intervalNs: options.progressIntervalNs)
        }

        func parser() -> CSVPartParser {
            CSVPartParser(base: base, layout: layout, headerNames: names, file: name, policy: policy)
        }

        /// Progress comes from the part parsed on the calling thread (the first), which is where the
        /// shell wants it; with two parts, the second's rows are estimated from the first's density.
        func progress(firstPartBytes: Int, dataBytes: Int) -> ((Int, Int) -> Void)? {
            guard meter.isActive else { return nil }
            let meter = meter, afterHeader = afterHeader, part = max(firstPartBytes, 1)
            return { pos, rows in
                meter.update(fraction: Double(pos - afterHeader) / Double(part),
                             rows: Int(Double(rows) * Double(dataBytes) / Double(part)))
            }
        }

        /// The parts' rows, in file order, into `store` (or the first error, and the store unchanged).
        func finish(_ first: inout CSVPartParser, _ second: inout CSVPartParser?, bytes: Int,
                    into store: inout CallStore) throws -> ImportReport {
            if second != nil {
                let offset = headerLines + first.lines
                second!.firstError?.line? += offset
                for i in second!.report.skipReasons.indices { second!.report.skipReasons[i].line? += offset }
            }
            if let e = first.firstError ?? second?.firstError { throw e }
            // Moved out, not shared: appending the second part to a shared store would copy every column.
            var staging = first.store
            first.store = CallStore()
            var report = first.report
            var identities = first.identities.array
            if second != nil {
                try staging.append(contentsOf: second!.store)
                report.absorb(second!.report)
                identities += second!.identities.array
                // Unmapping a part's columns takes tens of milliseconds that nobody needs to wait for.
                let done = Parallel.Box(value: second!.store)
                second!.store = CallStore()
                DispatchQueue.global(qos: .utility).async { withExtendedLifetime(done) {} }
            }
            report.bytes = bytes
            report.unknownColumns = ignored
            if !ignored.isEmpty { report.notices.append(report.warnings[0]) }
            report.duplicates = try store.appendNew(staging, identities: identities)
            report.imported -= report.duplicates
            meter.finish(rows: report.imported)
            return report
        }
    }

    /// The header line (`CSVRecordReader`, which drops a byte-order mark); returns the names, where data
    /// starts and lines used. The rows keep their own scanner (`CSVRecordFields`), the import's hot path.
    static func header(_ base: UnsafePointer<UInt8>, end: Int, file: String) throws -> ([String], Int, Int) {
        var reader = CSVRecordReader(UnsafeRawBufferPointer(start: base, count: end), file: file)
        let names = (try reader.next()?.fields ?? []).map { trimField(Substring($0)) }
        if names.allSatisfy({ $0.isEmpty }) {
            throw CallImportError(file: file, line: 1, message: "the header line is empty")
        }
        return (names, reader.position, max(reader.line - 1, 1))
    }
}

extension CallStore {
    /// See `CSVImporter`.
    @discardableResult
    public mutating func importCSV(path: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try CSVImporter.importFile(path, into: &self, options: options)
    }

    @discardableResult
    public mutating func importCSV(text: String, name: String = "streams.csv",
                                   options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try CSVImporter.importText(text, name: name, into: &self, options: options)
    }
}
