import Foundation
import Testing
@testable import CoexistKit

/// The streaming importer against the old JSONSerialization one (`LegacyGraphImporter`): same columns,
/// same dictionaries, same counts and notices, on every fixture and in every shape.
@Suite("Graph streaming importer vs the oracle")
struct GraphOracleTests {
    struct Columns: StreamColumnRead {
        var values: [[UInt64]] = []
        mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
            values.append((0..<column.count).map { UInt64(truncatingIfNeeded: column.pointer[$0]) })
        }
    }

    static func same(_ text: String, _ name: String, parallel: Bool = true) throws {
        var new = CallStore(), old = CallStore()
        let a = try GraphCallRecordImporter.importData(Data(text.utf8), name: name, into: &new,
                                                      options: ImportOptions(onError: .skip, parallel: parallel))
        let b = try LegacyGraphImporter.importData(Data(text.utf8), name: name, into: &old, options: ImportOptions(onError: .skip))
        var ca = Columns(), cb = Columns()
        new.readColumns(&ca)
        old.readColumns(&cb)
        #expect(new.count > 0, "\(name)")
        #expect(ca.values == cb.values, "\(name)")
        #expect(new.users == old.users && new.callIds == old.callIds && new.subnets == old.subnets && new.devices == old.devices, "\(name)")
        #expect(a.imported == b.imported && a.duplicates == b.duplicates && a.usersWithoutUPN == b.usersWithoutUPN, "\(name)")
        #expect(a.notices == b.notices, "\(name)")
    }

    @Test("every fixture, as a file, an array, a page and JSON Lines, gives the oracle's rows")
    func fixtures() throws {
        for f in ["p2p-audio.json", "group-call-page.json", "ms-get-callrecord-example2.json"] {
            let text = try GraphImportTests.text(f)
            try Self.same(text, f)
            let top = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let records: [Any] = (top as? [String: Any])?["value"] as? [Any] ?? [top]
            let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            try Self.same("[" + lines.joined(separator: ",") + "]", f + " as array")
            try Self.same(#"{"@odata.nextLink": "https://graph.microsoft.com/next", "value": ["# + lines.joined(separator: ",") + "]}", f + " as page", parallel: false)
            try Self.same(lines.joined(separator: "\n") + "\n", f + " as lines")
        }
    }

    @Test("generated files (seeded, 300 records of the three fixtures' shapes with fresh ids) give the oracle's rows, as JSON Lines and as a page")
    func generated() throws {
        let texts = try ["p2p-audio.json", "group-call-page.json", "ms-get-callrecord-example2.json"].map { try GraphImportTests.text($0) }
        let gen = try GraphFileGenerator(templates: texts)
        for shape in [GraphFileGenerator.Shape.lines, .page] {
            let path = NSTemporaryDirectory() + "graph-oracle-\(shape.rawValue)-\(getpid()).json"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try gen.write(records: 300, seed: 7, shape: shape, to: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Self.same(text, "generated \(shape.rawValue)")
            var s = CallStore()
            let r = try GraphCallRecordImporter.importPath(path, into: &s)
            #expect(r.duplicates == 0, "fresh ids: no record repeats another")
            let again = try String(contentsOfFile: { try! gen.write(records: 300, seed: 7, shape: shape, to: path + ".2"); return path + ".2" }(), encoding: .utf8)
            try? FileManager.default.removeItem(atPath: path + ".2")
            #expect(again == text, "same seed, same file")
        }
    }
}
