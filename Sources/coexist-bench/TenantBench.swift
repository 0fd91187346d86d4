import CoexistKit

extension Bench {
    /// The upgrade engine's figures (issue 4): cohort move, routing matrix, as_of.
    static func tenant() {
        for f in TenantBenchmarks.run() {
            line(f.name, f.figure, f.unit, target: "<= \(Int(f.target)) \(f.unit)", ok: f.figure <= f.target)
        }
    }
}
