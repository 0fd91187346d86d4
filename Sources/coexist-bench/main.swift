// coexist-bench: the performance figures of the call store (issue 3) and the upgrade engine (issue 4),
// each beside its target. scripts/bench runs it on a release build.
// Usage: coexist-bench [calls | tenant | sim | workspace] [--quick] [--csv PATH] [--csv-only]
//        coexist-bench graph-gen --records N --seed S --shape lines|page --out PATH [--template FILE]...
//        coexist-bench graph-import PATH   (one timed Graph import; scripts/bench graph)
//        coexist-bench graph-split PATH    (the record splitter alone over the file, 5 runs; scripts/bench graph)
//   calls: the call-store figures only; tenant: the upgrade-engine figures only; sim: the simulation only
//   (default: all three)
//   --quick: 1M streams only, for development; --csv-only: only the CSV import (the file must exist)
//   --csv PATH: where the 10M-stream CSV is written (once) and read back; beside it PATH.subnets.csv maps
//   each subnet to its building, and PATH.figures.tsv records the figures, for `scripts/bench --compare`
import CoexistKit
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
if args.count > 1 && ["graph-gen", "graph-import", "graph-split"].contains(args[1]) {
    do {
        guard args[1] == "graph-gen" || args.count == 3 else { throw CallImportError(file: args[1], message: "wants one PATH") }
        switch args[1] {
        case "graph-gen": try GraphBench.generate(args)
        case "graph-import": try GraphBench.importOnce(args[2])
        default: try GraphBench.splitOnly(args[2])
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
let quick = args.contains("--quick")
let csvPath = args.firstIndex(of: "--csv").map { args[$0 + 1] } ?? "/tmp/coexist-bench-10M.csv"
let groups = ["calls", "tenant", "sim", "workspace"].filter(args.contains)
let wantCalls = groups.isEmpty || groups.contains("calls"), wantTenant = groups.isEmpty || groups.contains("tenant")
let wantSim = groups.isEmpty || groups.contains("sim")

if args.contains("--csv-only") {
    Bench.csvImport(CallStore(), path: csvPath)
    exit(0)
}
if wantCalls {
    Bench.figures = FigureLog(path: csvPath + ".figures.tsv")
    let small = Bench.generate(streams: 1_000_000)
    Bench.report(small, label: "1M")
    if !quick {
        let big = Bench.generate(streams: 10_000_000)
        Bench.report(big, label: "10M")
        Bench.csvImport(big, path: csvPath)
    }
}
if wantTenant { Bench.tenant() }
if wantSim { Bench.sim() }
if groups.isEmpty || groups.contains("workspace") { Bench.workspace(streams: quick ? 1_000_000 : 10_000_000, csvPath: csvPath) }
