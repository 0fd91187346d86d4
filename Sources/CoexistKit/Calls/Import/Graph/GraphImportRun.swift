import CSimdjson

/// One Graph import's state: rows go to `staging` and reach the store only when everything succeeded
/// (`finish`), which is what leaves the store unchanged after a failed strict import, even across a folder.
struct GraphImportRun {
    /// Bytes of records split off and parsed at a time: large enough that a batch's hand-over costs nothing,
    /// small enough that two batches' rows cost nothing next to the store.
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

    /// Records split off together, the bytes they span, and what ended the batch.
    private struct Batch {
        var records: [csj_record] = []
        var size = 0
        var problem: csj_error?
        var ended = false
        /// The splitter's position after the batch: no later record lies before it.
        var position = 0
    }

    /// One file's records, in order. When the file is read in pieces, `reader` reads the next piece and says
    /// how many bytes are in memory, and is told what is done with (`GraphFileReader`); without one, all of
    /// `bytes` is in memory.
    ///
    /// Two batches are in hand at once: while one is parsed (`GraphParseJob`, on the second thread, joined by
    /// this one), this thread merges the one before into `staging` and splits off the next. Rows still reach
    /// `staging` in file order, and every error is raised where it was when batches went one at a time.
    mutating func file(_ bytes: UnsafeRawBufferPointer, name: String, reader: GraphFileReader? = nil) throws {
        var stream = GraphRecordStream(bytes)
        if let reader { stream.feed(reader.filled) }
        var current = try split(&stream, reader: reader, name: name)
        var job = parse(current, in: bytes, name: name)
        // A stop or an error with a batch being parsed waits for the second thread before leaving.
        defer { job.abandon() }
        var parsed: (records: [GraphParsedRecord], batch: Batch)?
        while true {
            // The rows so far are staged only, so a stop leaves the store as it was.
            if let shouldStop, shouldStop() { throw ImportStopped(file: name) }
            if let p = parsed { try merge(p.records, p.batch, name: name) }
            var following: Batch?
            if !current.ended { following = try split(&stream, reader: reader, name: name) }
            parsed = (job.finish(), current)
            reader?.release(upTo: current.position)
            guard let next = following else { break }
            current = next
            job = parse(next, in: bytes, name: name)
        }
        if let p = parsed { try merge(p.records, p.batch, name: name) }
        if let reader {
            do { try reader.readToEnd() } catch { throw CallImportError(file: name, message: error.description) }
        }
        doneBytes += bytes.count
        report.bytes += bytes.count
    }

    /// The next records up to `batchBytes`, a problem, or the end.
    private func split(_ stream: inout GraphRecordStream, reader: GraphFileReader?, name: String) throws -> Batch {
        var b = Batch()
        while b.size < Self.batchBytes && b.problem == nil && !b.ended {
            switch stream.next() {
            case .record(let r): b.records.append(r); b.size += r.length
            case .problem(let e): b.problem = e
            case .end: b.ended = true
            case .needMore:
                // Never without a reader: then the splitter has all the bytes.
                guard let reader else { preconditionFailure("the Graph splitter asked for bytes past a whole buffer") }
                do { stream.feed(try reader.readMore()) } catch {
                    throw CallImportError(file: name, message: error.description)
                }
            }
        }
        b.position = stream.position
        return b
    }

    private func parse(_ b: Batch, in bytes: UnsafeRawBufferPointer, name: String) -> GraphParseJob {
        GraphParseJob(b.records, in: bytes, name: name, parsers: parsers, concurrent: parallel && b.size >= Self.parallelBytes)
    }

    /// A parsed batch into `staging`, then the problem that ended it, if any.
    private mutating func merge(_ parsed: [GraphParsedRecord], _ b: Batch, name: String) throws {
        // One sink for the batch's rows, as the CSV importer does, not one per row.
        var sink = staging.openSink(adding: parsed.reduce(0) { $0 + $1.rows.count })
        defer { sink.close(into: &staging) }
        for (p, r) in zip(parsed, b.records) {
            try record(p, name: name, into: &sink)
            // Per record, as the importer always reported; the meter itself keeps to its interval.
            progress.update(fraction: (Double(doneBytes) + Double(r.start + r.length)) / Double(totalBytes),
                            rows: report.imported)
        }
        if let problem = b.problem { try fail(GraphRecordStream.importError(problem, file: name)) }
        progress.update(fraction: (Double(doneBytes) + Double(b.position)) / Double(totalBytes), rows: report.imported)
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
