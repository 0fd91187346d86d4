// coexist-bench: the call-quality figures of issue 3, each beside its target.
// Usage: coexist-bench [--quick] [--csv PATH]   (--quick: 1M streams only, for development)
import CoexistKit
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
let quick = args.contains("--quick")
let csvPath = args.firstIndex(of: "--csv").map { args[$0 + 1] } ?? "/tmp/coexist-bench-10M.csv"

let small = Bench.generate(streams: 1_000_000)
Bench.report(small, label: "1M")
if !quick {
    let big = Bench.generate(streams: 10_000_000)
    Bench.report(big, label: "10M")
    Bench.csvImport(big, path: csvPath)
}
