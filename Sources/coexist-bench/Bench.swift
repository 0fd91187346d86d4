import CoexistKit
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

enum Bench {
    nonisolated(unsafe) static var figures: FigureLog?

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Median of `runs` timings of `body`, in milliseconds.
    static func median(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        var t: [Double] = []
        for _ in 0..<runs {
            let a = now()
            try body()
            t.append((now() - a) * 1000)
        }
        return t.sorted()[runs / 2]
    }

    static func line(_ what: String, _ value: Double, _ unit: String, target: String, ok: Bool) {
        let v = value >= 100 ? String(Int(value.rounded())) : value >= 1 ? String(Double(Int(value * 10)) / 10)
            : String(Double(Int(value * 1000)) / 1000)
        print(pad(pad(what, 46) + " \(v) \(unit)", 62) + "target \(target)  \(ok ? "ok" : "MISSED")")
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    static func generate(streams: Int) -> CallStore {
        let users = max(2, streams / 150)
        let a = now()
        let s = DemoCalls.generate(DemoCallsOptions(users: users, exactStreams: streams))
        print("generated \(s.count) streams (\(users) users) in \(Int((now() - a) * 1000)) ms")
        return s
    }

    /// The QER-style aggregation: audio streams, subnet to building, by building and network connection.
    static func qer(_ s: CallStore) throws -> ResultSet {
        try s.summary(CallQuery().filter("modality", .eq, .string("audio")), by: ["building", "connection"],
                      measures: ["streams", "poor", "audio_poor_pct", "tcp_pct", "setup_failure_pct", "drop_pct"])
    }

    static func report(_ s: CallStore, label: String) {
        do {
            line("bytes per stream (\(label))", s.bytesPerStream, "B", target: "<= 48", ok: s.bytesPerStream <= 48)
            let qerMs = try median { _ = try qer(s) }
            line("QER aggregation (\(label))", qerMs, "ms", target: "<= 60 (10M)", ok: qerMs <= 60)
            if label == "10M" { figures?.record("aggregation", qerMs) }
            let selective = try CallQuery().filter("building", .eq, .string("NYC-1"))
                .filter("transport", .eq, .string("tcp")).filter("modality", .eq, .string("audio"))
                .filter("jitter_ms", .gt, .double(20))
            var n = 0
            let countMs = try median { n = try s.count(selective) }
            line("selective filter count (\(label), \(n) rows)", countMs, "ms", target: "<= 10 (10M)", ok: countMs <= 10)
            if label == "10M" { figures?.record("filter_count", countMs) }
            let topMs = try median {
                _ = try s.top(CallQuery().filter("modality", .eq, .string("audio")), dimension: "subnet", n: 20,
                              measure: "audio_poor_pct", minStreams: 10)
            }
            line("top-20 worst subnets (\(label))", topMs, "ms", target: "<= 25 (10M)", ok: topMs <= 25)
            if label == "10M" { figures?.record("top20", topMs) }
        } catch {
            print("bench failed: \(error)")
        }
    }

    static func csvImport(_ s: CallStore, path: String) {
        do {
            var st = stat()
            // --csv-only passes an empty store: it reads whatever file is there and never overwrites it.
            let present = stat(path, &st) == 0
            if s.count > 0 && (!present || st.st_size < 1_000_000_000) {
                let a = now()
                try CSVWriter.write(s, to: path)
                print("wrote \(path) in \(Int((now() - a) * 1000)) ms")
                _ = stat(path, &st)
            } else {
                print("reusing \(path)")
            }
            if s.count > 0 { try writeSubnetBuildings(s, to: path + ".subnets.csv") }
            let mb = Double(st.st_size) / 1e6
            var rows = 0
            // Freeing the imported store is not part of importing, so each run's store is freed after
            // its timer stops (and before the next run, which reuses the memory, as a real import would).
            var times: [Double] = []
            for _ in 0..<5 {
                var store = CallStore()
                let a = now()
                rows = try store.importCSV(path: path).imported
                times.append((now() - a) * 1000)
                withExtendedLifetime(store) {}
            }
            let ms = times.sorted()[times.count / 2]
            line("CSV import (\(rows) rows, \(Int(mb)) MB)", mb / (ms / 1000), "MB/s", target: ">= 500", ok: mb / (ms / 1000) >= 500)
            figures?.record("import", ms)
        } catch {
            print("CSV import failed: \(error)")
        }
    }

    /// subnet,building for every subnet that maps to a building: what another tool joins the streams
    /// with to group by building (the building file's ranges already expanded, as CQD does).
    static func writeSubnetBuildings(_ s: CallStore, to path: String) throws {
        let r = try s.summary(by: ["subnet", "building"], measures: ["streams"])
        guard let f = fopen(path, "w") else { throw CallImportError(file: path, message: "cannot create") }
        defer { fclose(f) }
        fputs("subnet,building\n", f)
        for row in r.rows {
            if case .string(let subnet) = row[0], case .string(let building) = row[1] { fputs("\(subnet),\(building)\n", f) }
        }
    }
}
