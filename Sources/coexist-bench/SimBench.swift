import CoexistKit
#if canImport(Glibc)
import Glibc
#endif

extension Bench {
    /// The simulation's figures (issue 14): 50,000 users over 180 days, one run and 20 seeded runs (on
    /// every core), and the memory one run takes beyond the tenant.
    static func sim() {
        let tenant = CoexistenceTenant.demo(userCount: 50_000, today: Workspace.demoDay)
        let w = Workspace(name: "bench", today: Workspace.demoDay, coexistence: { tenant })
        _ = w.coexistence
        let start = Day(year: 2027, month: 1, day: 4)
        func on(_ week: Int, _ a: ScenarioStep.Action) -> ScenarioStep { ScenarioStep(on: start.adding(days: 7 * week), a) }
        var steps = [on(0, .announce(cohort: nil)), on(0, .pilot(cohort: "Pilot", days: 30, assessDays: 15)),
                     on(1, .champions(cohort: "Pilot", count: 40)), on(3, .networkFix(building: "NYC-1", fix: .udp))]
        for (i, wave) in ["Wave 1", "Wave 2", "Wave 3"].enumerated() {
            steps.append(on(5 + 2 * i, .move(cohort: wave, mode: "Islands", notifyDays: 14, moveToTeams: false)))
            steps.append(on(7 + 2 * i, .move(cohort: wave, mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)))
            steps.append(on(4 + 2 * i, .training(cohort: wave, capacity: 2_000)))
        }
        steps.append(on(7, .move(cohort: "Pilot", mode: "TeamsOnly", notifyDays: 14, moveToTeams: true)))
        for week in 5...11 { steps.append(on(week, .review)) }
        let scenario = Scenario(name: "bench", start: start, days: 180, seed: 1, steps: steps)
        // Peak RSS is measured from here: writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
        resetPeak()
        let rssBefore = residentMB()
        var peak = 0.0
        let one = median(5) {
            _ = try! ScenarioRun.run(scenario, on: w, runs: 1)
            peak = max(peak, peakResidentMB())
        }
        line("simulation: 50,000 users x 180 days, one run", one, "ms", target: "<= 1000 ms", ok: one <= 1000)
        line("simulation: memory of one run beyond the tenant", peak - rssBefore, "MB", target: "<= 200 MB", ok: peak - rssBefore <= 200)
        let twenty = median(3) { _ = try! ScenarioRun.run(scenario, on: w, runs: 20) }
        line("simulation: 20 seeded runs (\(System.cores) cores)", twenty, "ms", target: "<= 10000 ms", ok: twenty <= 10000)
    }

    static func resetPeak() {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", f)
        fclose(f)
    }

    /// VmRSS and VmHWM of /proc/self/status, in MB.
    static func residentMB() -> Double { procStatus("VmRSS:") }
    static func peakResidentMB() -> Double { procStatus("VmHWM:") }

    private static func procStatus(_ key: String) -> Double {
        guard let f = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let s = String(cString: line)
            if s.hasPrefix(key) {
                let kb = Double(s.dropFirst(key.count).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first ?? "0") ?? 0
                return kb / 1024
            }
        }
        return 0
    }
}

enum System {
    static var cores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
