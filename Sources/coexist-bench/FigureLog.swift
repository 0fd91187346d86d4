#if canImport(Glibc)
import Glibc
#endif

/// The 10M figures as `name<TAB>milliseconds` lines, so `scripts/bench --compare` can print DuckDB's
/// times for the same query shapes as ratios of ours.
struct FigureLog {
    let path: String

    init(path: String) {
        self.path = path
        if let f = fopen(path, "w") { fclose(f) }
    }

    func record(_ name: String, _ ms: Double) {
        guard let f = fopen(path, "a") else { return }
        fputs("\(name)\t\(ms)\n", f)
        fclose(f)
    }
}
