import CSimdjson
import CoexistKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `coexist-bench graph-gen` and `graph-import`: scripts/bench graph writes the files once and times each
/// import in its own process, so its VmHWM is the import's peak alone (not the generator's).
enum GraphBench {
    static let fixtures = "Tests/CoexistKitTests/Calls/Fixtures/Graph"

    /// graph-gen --records N --seed S --shape lines|page --out PATH [--template FILE]...
    /// (templates: the Graph fixtures unless given; each FILE holds one record or a page of them).
    static func generate(_ args: [String]) throws {
        let known = ["--records", "--seed", "--shape", "--out", "--template"]
        var given: [String: [String]] = [:]
        var i = 2
        while i < args.count {
            guard known.contains(args[i]) else {
                let hint = closestOption(args[i], known).map { " (did you mean \($0)?)" } ?? ""
                throw CallImportError(file: "graph-gen", message: "unknown option \(args[i])\(hint)")
            }
            guard i + 1 < args.count else { throw CallImportError(file: "graph-gen", message: "\(args[i]) needs a value") }
            given[args[i], default: []].append(args[i + 1])
            i += 2
        }
        func number(_ name: String, _ otherwise: Int) throws -> Int {
            guard let v = given[name]?.last else { return otherwise }
            guard let n = Int(v), n >= 0 else { throw CallImportError(file: "graph-gen", message: "\(name) wants a count of 0 or more, not \(v)") }
            return n
        }
        let records = try number("--records", 100_000), seed = UInt64(try number("--seed", 1))
        let shapeName = given["--shape"]?.last ?? "lines"
        guard let shape = GraphFileGenerator.Shape(rawValue: shapeName) else {
            throw CallImportError(file: "graph-gen", message: "--shape is lines or page, not \(shapeName)")
        }
        guard let out = given["--out"]?.last else {
            throw CallImportError(file: "graph-gen", message: "usage: graph-gen --records N --seed S --shape lines|page --out PATH [--template FILE]...")
        }
        let paths = given["--template"] ?? ["p2p-audio.json", "ms-get-callrecord-example2.json", "group-call-page.json"].map { fixtures + "/" + $0 }
        let texts = try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let bytes = try GraphFileGenerator(templates: texts).write(records: records, seed: seed, shape: shape, to: out)
        print("wrote \(out): \(records) records, \(bytes) bytes")
    }

    /// The known option nearest to a misspelt one (at most two edits away).
    static func closestOption(_ name: String, _ known: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var next = [i + 1]
                for (j, y) in b.enumerated() { next.append(min(row[j + 1] + 1, next[j] + 1, row[j] + (x == y ? 0 : 1))) }
                row = next
            }
            return row[b.count]
        }
        let best = known.map { ($0, distance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }

    /// graph-import PATH: one import; prints bytes, streams imported, streams in the store, milliseconds,
    /// peak RSS (KB), store column bytes.
    static func importOnce(_ path: String) throws {
        var store = CallStore()
        let a = Date()
        let r = try GraphCallRecordImporter.importPath(path, into: &store)
        let ms = Date().timeIntervalSince(a) * 1000
        var st = stat()
        _ = stat(path, &st)
        print("\(st.st_size) \(r.imported) \(store.count) \(String(format: "%.1f", ms)) \(try peakRSSKilobytes()) \(store.columnBytes)")
    }

    /// graph-split PATH: the record splitter alone over the mapped file (no parsing, no store), 5 runs; prints
    /// records, their bytes and the median milliseconds. It runs on the importing thread that the parsing
    /// thread waits for, so it is timed apart from the import's other serial work.
    static func splitOnly(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        var times: [Double] = [], records = 0, bytes = 0
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw CallImportError(file: path, message: "is empty") }
            for _ in 0..<5 {
                let a = Date()
                guard let s = csj_split_new(base, raw.count) else { throw CallImportError(file: path, message: "out of memory") }
                var r = csj_record(), e = csj_error()
                records = 0; bytes = 0
                while true {
                    let step = csj_split_next(s, &r, &e)
                    if step == 1 { records += 1; bytes += r.length } else if step == -1 { csj_split_free(s); throw CallImportError(file: path, message: "is not JSON") } else { break }
                }
                csj_split_free(s)
                times.append(Date().timeIntervalSince(a) * 1000)
            }
        }
        print("\(records) \(bytes) \(String(format: "%.1f", times.sorted()[2]))")
    }

    /// This address space's peak resident set (/proc/self/status VmHWM), in KB. Not getrusage's ru_maxrss:
    /// Linux carries that over execve from the process that spawned us, and a posix_spawn'd child (as
    /// Foundation's Process makes) starts with its parent's peak: under `swift test` it said 250 MB for an
    /// import that peaked at 63 MB.
    static func peakRSSKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            if let kb = Int(line.dropFirst(6).split(whereSeparator: \.isWhitespace).first ?? "") { return kb }
        }
        throw CallImportError(file: "/proc/self/status", message: "no VmHWM line")
    }
}
