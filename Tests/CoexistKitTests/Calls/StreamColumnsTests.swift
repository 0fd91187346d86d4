import Foundation
import Testing
@testable import CoexistKit

/// `StreamColumn` is the one list of the store's per-stream columns. These tests walk a store through
/// every place that uses the list, so a column added to it and missed by one place fails here.
@Suite("stream columns")
struct StreamColumnsTests {
    struct Seen: StreamColumnRead {
        var columns: [(StreamColumn, Int, Int)] = []
        mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
            columns.append((c, MemoryLayout<T>.stride, column.count))
        }
    }

    func walk(_ s: CallStore) -> [(StreamColumn, Int, Int)] {
        var seen = Seen()
        s.readColumns(&seen)
        return seen.columns
    }

    /// A column's values as text: dictionary codes as their strings (codes differ between stores).
    func decoded(_ s: CallStore, _ c: StreamColumn, rows: [Int]) -> [String] {
        let raw = s.columnValues(c)
        guard let d = c.dictionary else { return rows.map { "\(raw[$0])" } }
        let dict = s.dictionary(d)
        return rows.map { raw[$0] == 0 ? "" : dict[raw[$0]] }
    }

    @Test("the walk visits every column once, in list order, with the width the list gives")
    func walkMatchesTheList() throws {
        let s = QueryTests.randomStore(500, seed: 11)
        let seen = walk(s)
        #expect(seen.map(\.0) == StreamColumn.allCases)
        for (c, stride, count) in seen {
            #expect(stride == c.width, "\(c.name)")
            #expect(count == s.count, "\(c.name) has every row")
        }
        #expect(CallStore.bytesPerStream == 47)
        #expect(s.columnBytes == s.count * CallStore.bytesPerStream)
        var r = CallStore()
        r.reserve(10_000)
        struct Capacity: StreamColumnRead {
            var least = Int.max
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
                least = min(least, column.capacity)
            }
        }
        var cap = Capacity()
        r.readColumns(&cap)
        #expect(cap.least >= 10_000)
    }

    @Test("every column is read by some field, and written by some CSV column unless derived on append")
    func everyColumnReachesFieldsAndTheWriter() {
        #expect(Set(CallField.allCases.map(StreamColumn.of)) == Set(StreamColumn.allCases))
        let written = CSVColumn.written.compactMap { CallField(rawValue: $0.name) }
        #expect(written.count == CSVColumn.written.count, "every written CSV column is a field")
        #expect(Set(written.map(StreamColumn.of)) == Set(StreamColumn.allCases.filter { !$0.isDerived }))
        #expect(StreamColumn.allCases.filter(\.isDerived) == [.quality])
    }

    @Test("append, merge, keep, CSV write, re-import: every column and field equal, row by row")
    func roundTripThroughEveryWalker() throws {
        let a = QueryTests.randomStore(3_000, seed: 21)
        // Every column varies, so a column that a step drops or leaves unwritten cannot pass by chance.
        for c in StreamColumn.allCases { #expect(Set(a.columnValues(c)).count > 1, "\(c.name) varies in the test store") }
        // Merge into a store that already has other streams, so dictionary codes are translated.
        var merged = QueryTests.randomStore(400, seed: 22)
        // Strings the test store lacks, first in every dictionary, so no code means the same in both.
        var first = CallStore()
        try first.append(StreamRecord(callId: "base-call", start: 1_790_000_000, modality: .audio, clientVersion: "9.9",
                                      firstUser: "base1@contoso.com", secondUser: "base2@contoso.com", subnet: "10.99.0.0",
                                      captureDevice: "Base headset", setupFailed: true, failureReason: "Base reason"))
        try first.append(contentsOf: merged)
        merged = first
        let offset = merged.count
        try merged.append(contentsOf: a)
        #expect(merged.columnBytes == merged.count * CallStore.bytesPerStream)
        let kept = merged.keeping((0..<merged.count).map { $0 >= offset && ($0 - offset) % 5 != 0 })
        let rows = (0..<a.count).filter { $0 % 5 != 0 }
        #expect(kept.count == rows.count)
        #expect(kept.columnBytes == kept.count * CallStore.bytesPerStream)
        for c in StreamColumn.allCases {
            #expect(decoded(kept, c, rows: Array(0..<kept.count)) == decoded(a, c, rows: rows), "\(c.name) after merge and keep")
        }
        let path = NSTemporaryDirectory() + "coexist-columns-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(kept, to: path)
        var back = CallStore()
        back.setBuildingFile(a.buildingFile)
        #expect(try back.importCSV(path: path).imported == kept.count)
        for c in StreamColumn.allCases {
            #expect(decoded(back, c, rows: Array(0..<back.count)) == decoded(a, c, rows: rows), "\(c.name) after CSV round trip")
        }
        let snapshot = CallStoreSnapshot(back)
        for f in CallField.allCases {
            for (k, i) in rows.enumerated() where k % 7 == 0 {
                #expect(CallRow(snapshot, k).value(f) == a.value(f, at: i), "\(f.rawValue) row \(k)")
            }
        }
        // The subset the writer takes by row numbers walks the same columns.
        try CSVWriter.write(a, rows: rows, to: path)
        var subset = CallStore()
        subset.setBuildingFile(a.buildingFile)
        _ = try subset.importCSV(path: path)
        for c in StreamColumn.allCases {
            #expect(decoded(subset, c, rows: Array(0..<subset.count)) == decoded(a, c, rows: rows), "\(c.name) written by rows")
        }
    }
}
