import CoexistKit

/// The upgrade engine's performance targets, in the bench executable (not the library: nothing a user calls). Each figure is the
/// median of several runs, in milliseconds; build with `-c release` for figures that mean anything.
enum TenantBenchmarks {
    typealias Figure = (name: String, figure: Double, target: Double, unit: String)

    static func run(runs: Int = 7) -> [Figure] {
        [moveCohort(runs: runs), routingMatrix(runs: runs), asOf(runs: runs)]
    }

    /// Moving a 50,000-user cohort (validation, per-user change report, meeting-migration flags, timeline insert,
    /// log) and recomputing every user's effective mode. SfBWithTeamsCollabAndMeetings changes every user of the
    /// demo tenant (TeamsOnly would leave its online users, already TeamsOnly, unchanged).
    static func moveCohort(runs: Int = 7) -> Figure {
        var tenant = CoexistenceTenant.demo(userCount: 50_000)
        _ = try? tenant.defineCohort("All", members: Array(0..<50_000))
        let times = (0..<runs).map { _ in
            var copy = tenant
            return milliseconds {
                _ = try? copy.moveCohort("All", to: "SfBWithTeamsCollabAndMeetings", options: ChangeOptions(on: PlanDay(year: 2026, month: 11, day: 1)))
                _ = copy.effectiveModes(on: PlanDay(year: 2026, month: 11, day: 1)).count
            }
        }
        return ("move a 50,000-user cohort, effective modes recomputed", median(times), 50, "ms")
    }

    /// The in-tenant routing matrix for every pair of 20 cohorts (of 50,000 users) from both clients.
    static func routingMatrix(runs: Int = 7) -> Figure {
        var tenant = CoexistenceTenant.demo(userCount: 50_000)
        for c in 0..<20 {
            _ = try? tenant.defineCohort("Cohort \(c + 1)", members: Array(stride(from: c, to: 50_000, by: 20)))
        }
        let times = (0..<runs).map { _ in milliseconds { _ = RoutingMatrix.cohorts(tenant).count } }
        return ("routing matrix of 20 cohorts", median(times), 10, "ms")
    }

    /// `as_of` on a timeline of 1,000 dated change sets (50 users each, some tenant-global) over 3 years.
    static func asOf(runs: Int = 7) -> Figure {
        let tenant = CoexistenceTenant.demo(userCount: 50_000, randomChanges: 1_000)
        let end = tenant.today.adding(days: 3 * 365)
        var rng = SplitMix64(seed: 42)
        let times = (0..<runs).map { _ in
            let day = tenant.today.adding(days: Int(rng.next() % UInt64(3 * 365)))
            return milliseconds {
                _ = tenant.asOf(day).state().grants.count
                _ = tenant.state(asOf: end).grants.count
            } / 2
        }
        return ("as_of over a timeline of 1,000 changes", median(times), 5, "ms")
    }

    static func milliseconds(_ body: () -> Void) -> Double {
        let d = ContinuousClock().measure(body)
        return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
