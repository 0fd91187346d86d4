import CSimdjson

/// One Graph import's state: rows go to `staging` and reach the store only when everything succeeded
/// (`finish`), which is what leaves the store unchanged after a failed strict import, even across a folder.
struct GraphImportRun {
    /// Bytes of records split off and parsed at a time: large enough to keep both cores busy between the
    /// in-order merges, small enough that the batch's rows cost nothing next to the store.
    static let batchBytes = 4 << 20
    /// Below this a batch is parsed on one thread (starting the second costs more than it saves).
    static let parallelBytes = 256 << 10

    let policy: ImportErrorPolicy
    let parallel: Bool
    let shouldStop: (@Sendable () -> Bool)?
    var progress: ProgressMeter
    let totalBytes: Int
    var doneBytes = 0
    var staging = CallStore()
    /// Per staged stream, its identity (`StreamIdentity`).
    var identities: [UInt64] = []
    var report = ImportReport()
    /// Object ids (or names) of people without a UPN, so `usersWithoutUPN` counts each once.
    var seenWithoutUPN: Set<String> = []
    private let parsers: GraphRecordParsers

    init(options: ImportOptions, totalBytes: Int) {
        policy = options.onError
        parallel = options.parallel
        shouldStop = options.shouldStop
        progress = ProgressMeter(options.progress, intervalNs: options.progressIntervalNs)
        self.totalBytes = max(totalBytes, 1)
        parsers = GraphRecordParsers()
    }

    /// One file's records, in order. When the file is read in pieces, `reader` reads the next piece and says
    /// how many bytes are in memory, and is told what is done with (`GraphFileReader`); without one, all of
    /// `bytes` is in memory.
    mutating func file(_ bytes: UnsafeRawBufferPointer, name: String, reader: GraphFileReader? = nil) throws {
        var stream = GraphRecordStream(bytes)
        if let reader { stream.feed(reader.filled) }
        var batch: [csj_record] = []
        while true {
            // Between batches: the rows so far are staged only, so a stop leaves the store as it was.
            if let shouldStop, shouldStop() { throw ImportStopped(file: name) }
            batch.removeAll(keepingCapacity: true)
            var size = 0
            var problem: csj_error?
            var ended = false
            while size < Self.batchBytes {
                switch stream.next() {
                case .record(let r): batch.append(r); size += r.length
                case .problem(let e): problem = e
                case .end: ended = true
                case .needMore:
                    // Never without a reader: then the splitter has all the bytes.
                    guard let reader else { preconditionFailure("the Graph splitter asked for bytes past a whole buffer") }
                    do { stream.feed(try reader.readMore()) } catch {
                        throw CallImportError(file: name, message: error.description)
                    }
                }
                if problem != nil || ended { break }
            }
            let parsed = parsers.parse(batch, in: bytes, name: name, parallel: parallel && size >= Self.parallelBytes)
            // One sink for the batch's rows, as the CSV importer does, not one per row.
            var sink = staging.openSink(adding: parsed.reduce(0) { $0 + $1.rows.count })
            defer { sink.close(into: &staging) }
            for (p, r) in zip(parsed, batch) {
                try record(p, name: name, into: &sink)
                // Per record, as the importer always reported; the meter itself keeps to its interval.
                progress.update(fraction: (Double(doneBytes) + Double(r.start + r.length)) / Double(totalBytes),
                                rows: report.imported)
            }
            if let problem { try fail(GraphRecordStream.importError(problem, file: name)) }
            progress.update(fraction: (Double(doneBytes) + Double(stream.position)) / Double(totalBytes), rows: report.imported)
            reader?.release(upTo: stream.position)
            if ended { break }
        }
        if let reader {
            do { try reader.readToEnd() } catch { throw CallImportError(file: name, message: error.description) }
        }
        doneBytes += bytes.count
        report.bytes += bytes.count
    }

    /// Merges the staged rows into `store`, dropping duplicates of rows it already holds.
    mutating func finish(into store: inout CallStore) throws -> ImportReport {
        progress.finish(rows: report.imported)
        report.duplicates = try store.appendNew(staging, identities: identities)
        report.imported -= report.duplicates
        return report
    }

    private mutating func record(_ p: GraphParsedRecord, name: String, into sink: inout StreamSink) throws {
        if let e = p.error { try fail(e); return }
        for row in p.rows {
            switch row {
            case .success(let stream):
                do {
                    var e = try staging.encoded(stream)
                    sink.append(&e)
                    identities.append(StreamIdentity.of(stream))
                    report.imported += 1
                } catch {
                    try fail(CallImportError(file: name, line: p.line, field: p.path, message: "\(error)"))
                }
            case .failure(let e):
                try fail(CallImportError(file: name, line: p.line, field: e.path, value: e.value, message: e.message))
            }
        }
        noteMissingUPN(p.withoutUPN, record: p.id ?? p.path, name: name, line: p.line)
        for n in p.notices where !report.notices.contains(n) && report.notices.count < ImportReport.maxReasons {
            report.notices.append(n)
        }
    }

    /// People each counted once per import; a warning per record names them (the first 20 records).
    private mutating func noteMissingUPN(_ people: [GraphIdentity], record id: String, name: String, line: Int?) {
        guard !people.isEmpty else { return }
        for p in people where seenWithoutUPN.insert(p.id.isEmpty ? "name:" + p.displayName : p.id).inserted {
            report.usersWithoutUPN += 1
        }
        guard report.notices.count < ImportReport.maxReasons else { return }
        let place = line.map { "\(name):\($0)" } ?? name
        report.notices.append("warning: \(place): call record \(id): no userPrincipalName for "
            + people.map(\.described).joined(separator: ", ")
            + "; their streams carry the object id, which does not match the user directory (map ids to UPNs, e.g. from Get-CsOnlineUser's Identity)")
    }

    private mutating func fail(_ e: CallImportError) throws {
        if policy == .strict { throw e }
        report.recordSkip(e)
    }
}
