import CSimdjson
import Dispatch
import Foundation

/// One batch of records parsed while the importing thread does its serial work. The second thread starts on
/// the batch at once; when the importing thread has merged the batch before and split off the next, it
/// joins in (`finish`), taking records from the same cursor, then waits. Parsing a batch in two halves and
/// only then merging and splitting, as the importer did, left the second core idle for about 40 % of an
/// import (perf, 100,000 records as one `value` page).
final class GraphParseJob: @unchecked Sendable {
    /// Records taken at a time from the cursor: a few, so the threads finish together, not one at a time,
    /// so the lock costs nothing next to parsing (a record is ~9 KB of JSON).
    static let claim = 4

    private let batch: [csj_record]
    private let bytes: UnsafeRawBufferPointer
    private let name: String
    private let parsers: GraphRecordParsers
    private let out: UnsafeMutablePointer<GraphParsedRecord>
    private let lock = NSLock()
    /// The next record not yet taken; every record before it is (or is being) parsed into `out`.
    private var next = 0
    private var worker: DispatchGroup?
    private var ended = false

    /// `concurrent`: whether the second thread helps (a small batch, or an import told not to use both cores,
    /// is parsed by the importing thread alone, in `finish`).
    init(_ batch: [csj_record], in bytes: UnsafeRawBufferPointer, name: String, parsers: GraphRecordParsers, concurrent: Bool) {
        self.batch = batch
        self.bytes = bytes
        self.name = name
        self.parsers = parsers
        out = .allocate(capacity: max(batch.count, 1))
        guard concurrent, batch.count > 1 else { return }
        let group = DispatchGroup()
        worker = group
        DispatchQueue.global().async(group: group) { self.work(part: 1) }
    }

    deinit { out.deallocate() }

    private func take() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < batch.count else { return nil }
        let r = next..<min(next + Self.claim, batch.count)
        next = r.upperBound
        return r
    }

    /// `part` picks the parser and document: 0 for the importing thread, 1 for the second.
    private func work(part: Int) {
        while let r = take() {
            for i in r { (out + i).initialize(to: parsers.one(batch[i], bytes, name: name, part: part)) }
        }
    }

    /// The batch's records in order, once every one is parsed (this thread parses what is left).
    func finish() -> [GraphParsedRecord] {
        precondition(!ended, "a Graph parse job finished twice")
        work(part: 0)
        worker?.wait()
        ended = true
        let n = batch.count
        return [GraphParsedRecord](unsafeUninitializedCapacity: n) { buf, count in
            buf.baseAddress!.moveInitialize(from: out, count: n)
            count = n
        }
    }

    /// When the import stops before `finish` (an error, Ctrl-C): no more records are taken, the second thread
    /// is waited for, and what was parsed is dropped. Nothing once finished.
    func abandon() {
        guard !ended else { return }
        lock.lock()
        let parsed = next
        next = batch.count
        lock.unlock()
        worker?.wait()
        ended = true
        out.deinitialize(count: parsed)
    }
}
