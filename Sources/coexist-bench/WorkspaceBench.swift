import CoexistKit
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17 item 3: a 10M-stream workspace saved to and opened from SQLite, against importing the same
/// streams from CSV (the file `calls` writes, or written here when missing).
extension Bench {
    static func cpuSeconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        let a = now()
        body()
        return now() - a
    }

    static func loadAverage() -> String {
        var l = [Double](repeating: 0, count: 3)
        return getloadavg(&l, 3) == 3 ? String(Double(Int(l[0] * 10)) / 10) : "?"
    }

    static func workspace(streams: Int, csvPath: String) {
        let store = generate(streams: streams)
        let path = "/tmp/coexist-bench-workspace.db"
        do {
            var st = stat()
            if stat(csvPath, &st) != 0 || st.st_size < 1_000_000 {
                try CSVWriter.write(store, to: csvPath)
                _ = stat(csvPath, &st)
            }
            let csvBytes = Double(st.st_size)
            let w = Workspace.empty(today: Workspace.demoDay, calls: store)
            let saveMs = try median(3) { try w.save(to: path) }
            _ = stat(path, &st)
            let fileBytes = Double(st.st_size)
            var opened = 0
            let openMs = try median(3) {
                let o = try Workspace.open(path, readOnly: true)
                opened = o.calls.count
            }
            var imported = 0
            let csvMs = try median(3) {
                var s = CallStore()
                imported = try s.importCSV(path: csvPath).imported
                withExtendedLifetime(s) {}
            }
            let saveRate = Double(streams) / (saveMs / 1000), openRate = Double(opened) / (openMs / 1000)
            line("workspace save (\(streams) streams)", saveRate / 1e6, "M streams/s", target: ">= 1", ok: saveRate >= 1e6)
            line("workspace open (\(opened) streams)", openRate / 1e6, "M streams/s", target: ">= 2", ok: openRate >= 2e6)
            line("workspace file / CSV size", fileBytes / csvBytes, "x", target: "<= 2", ok: fileBytes <= 2 * csvBytes)
            line("open / CSV import time (\(imported) rows)", openMs / csvMs, "x", target: "<= 1", ok: openMs <= csvMs)
            print("  save \(Int(saveMs)) ms, open \(Int(openMs)) ms, CSV import \(Int(csvMs)) ms; file \(Int(fileBytes / 1e6)) MB, CSV \(Int(csvBytes / 1e6)) MB")
            // CPU seconds of one more save and open: what the rates would be on an idle machine's cores, for
            // reading the wall-clock figures of a loaded one (load average \(loadAverage())).
            let saveCpu = cpuSeconds { try? w.save(to: path) }
            let openCpu = cpuSeconds { _ = try? Workspace.open(path, readOnly: true) }
            print("  CPU: save \(Int(saveCpu * 1000)) ms (\(Double(Int(Double(streams) / saveCpu / 1e4)) / 100) M streams per CPU-second), open \(Int(openCpu * 1000)) ms on up to 2 threads")
            // A live import into the open workspace: 100,000 new streams (same users, new calls) appended to the
            // file's rows in the change's transaction, not a rewrite of every row.
            let extraPath = "/tmp/coexist-bench-workspace-extra.csv"
            let extra = DemoCalls.generate(DemoCallsOptions(users: Swift.max(2, streams / 150), exactStreams: 100_000, seed: 77))
            try CSVWriter.write(extra, to: extraPath)
            let live = try Workspace.open(path)
            let stamp = try FileStamp.of(extraPath)
            var appended = 0
            let liveMs = try median(1) { appended = try live.apply(.importCalls(stamp), who: "bench").streams?.imported ?? 0 }
            live.closeFile()
            print("  live import of \(appended) streams into the open \(opened)-stream workspace: \(Int(liveMs)) ms (appended to the file)")
            unlink(extraPath)
            for p in [path, path + "-wal", path + "-shm"] { unlink(p) }
        } catch {
            print("workspace bench failed: \(error)")
        }
    }
}
