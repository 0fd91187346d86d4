import Testing
import Foundation
@testable import CoexistKit

@Suite("import progress")
struct ImportProgressTests {
    /// Collects reports from the @Sendable handler, with the thread each came from.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(ImportProgress, Bool)] = []
        let thread = pthread_self()
        func add(_ p: ImportProgress) {
            let same = pthread_equal(pthread_self(), thread) != 0
            lock.lock(); items.append((p, same)); lock.unlock()
        }
        var reports: [ImportProgress] { lock.lock(); defer { lock.unlock() }; return items.map(\.0) }
        var allOnCallingThread: Bool { lock.lock(); defer { lock.unlock() }; return items.allSatisfy(\.1) }
    }

    func options(_ log: Log, interval: UInt64, parallel: Bool = true) -> ImportOptions {
        var o = ImportOptions(parallel: parallel, progress: { log.add($0) })
        o.progressIntervalNs = interval
        return o
    }

    func checkShape(_ log: Log, imported: Int, _ what: String) {
        let r = log.reports
        #expect(r.count >= 2, "\(what)")
        #expect(zip(r, r.dropFirst()).allSatisfy { $0.fraction <= $1.fraction }, "\(what): fractions never go back")
        #expect(r.allSatisfy { $0.fraction >= 0 && $0.fraction <= 1 && $0.rowsPerSecond >= 0 }, "\(what)")
        #expect(r.last?.fraction == 1 && r.last?.rows == imported, "\(what): a final report with the total")
        #expect(log.allOnCallingThread, "\(what): reports come from the importing thread")
    }

    @Test("CSV import reports every 16K rows when unthrottled, from the calling thread, in one part or two")
    func csv() throws {
        let demo = DemoCalls.generate(DemoCallsOptions(users: 300))
        let path = NSTemporaryDirectory() + "coexist-progress-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(demo, to: path)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size >= CSVImporter.parallelThreshold, "big enough to be split in two parts")
        for parallel in [false, true] {
            let log = Log()
            var s = CallStore()
            let r = try s.importCSV(path: path, options: options(log, interval: 0, parallel: parallel))
            checkShape(log, imported: r.imported, "parallel \(parallel)")
            // The calling thread parses everything, or about half: one report per 16,384 of its rows.
            let share = parallel ? 2 : 1
            #expect(log.reports.count >= r.imported / share / CSVPartParser.progressRows, "parallel \(parallel)")
        }
    }

    @Test("Graph import reports per record")
    func graph() throws {
        let one = #"{"id": "ID", "type": "peerToPeer", "startDateTime": "2026-10-01T09:00:00Z", "sessions": [{"segments": [{"media": [{"label": "main-audio", "streams": [{"streamDirection": "callerToCallee"}]}]}]}]}"#
        let text = (0..<50).map { one.replacingOccurrences(of: "ID", with: "c\($0)") }.joined(separator: "\n")
        let log = Log()
        var s = CallStore()
        let r = try s.importGraph(text: text, options: options(log, interval: 0))
        #expect(r.imported == 50)
        checkShape(log, imported: 50, "graph")
        #expect(log.reports.count >= 50)
    }

    @Test("a short import stays silent at the default rate")
    func silent() throws {
        let log = Log()
        var s = CallStore()
        try s.importCSV(text: "call_id,start,modality\na,2026-10-01,audio\n", options: ImportOptions(progress: { log.add($0) }))
        try s.importGraph(text: #"{"id": "x", "sessions": []}"#, options: ImportOptions(progress: { log.add($0) }))
        #expect(log.reports.isEmpty)
    }
}
