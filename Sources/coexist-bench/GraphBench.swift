import CoexistKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `coexist-bench graph-gen` and `graph-import`: scripts/bench graph writes the files once and times each
/// import in its own process, so ru_maxrss is the import's peak alone (not the generator's).
enum GraphBench {
    static let fixtures = "Tests/CoexistKitTests/Calls/Fixtures/Graph"

    /// graph-gen --records N --seed S --shape lines|page --out PATH
    static func generate(_ args: [String]) throws {
        func value(_ name: String) -> String? { args.firstIndex(of: name).map { args[$0 + 1] } }
        let records = Int(value("--records") ?? "100000") ?? 100_000
        let seed = UInt64(value("--seed") ?? "1") ?? 1
        guard let shape = GraphFileGenerator.Shape(rawValue: value("--shape") ?? "lines"), let out = value("--out") else {
            throw CallImportError(file: "graph-gen", message: "usage: graph-gen --records N --seed S --shape lines|page --out PATH")
        }
        let texts = try ["p2p-audio.json", "ms-get-callrecord-example2.json", "group-call-page.json"].map {
            try String(contentsOfFile: fixtures + "/" + $0, encoding: .utf8)
        }
        let bytes = try GraphFileGenerator(templates: texts).write(records: records, seed: seed, shape: shape, to: out)
        print("wrote \(out): \(records) records, \(bytes) bytes")
    }

    /// graph-import PATH: one import; prints bytes, streams imported, streams in the store, milliseconds,
    /// peak RSS (KB), store column bytes.
    static func importOnce(_ path: String) throws {
        var store = CallStore()
        let a = Date()
        let r = try GraphCallRecordImporter.importPath(path, into: &store)
        let ms = Date().timeIntervalSince(a) * 1000
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        var st = stat()
        _ = stat(path, &st)
        print("\(st.st_size) \(r.imported) \(store.count) \(String(format: "%.1f", ms)) \(u.ru_maxrss) \(store.columnBytes)")
    }
}
