import Testing

/// `COEXIST_NOW`, read once by the executable, fixes the clock of the session's workspace.
@Suite struct ClockEnvironmentTests {
    @Test func coexistNowFixesTodayForAnEmptyTenant() throws {
        let home = try TestHome()
        let run = try PipedRun(["--empty", "-e", "tostring(date('today'))", "-e", "tostring(date('-7d'))"],
                               home: home, environment: ["COEXIST_NOW": "2026-03-15"])
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["2026-03-15", "2026-03-08"])
    }

    /// The demo lives on its own day unless COEXIST_NOW says otherwise; then its undated moves follow too.
    @Test func coexistNowMovesTheDemosDay() throws {
        let home = try TestHome()
        let own = try PipedRun(["--demo-size", "50", "-e", "tostring(date('today'))", "-e", "tostring(date())"], home: home)
        #expect(own.stdoutLines == ["2026-11-01", "2026-11-01T12:00:00Z"])
        let run = try PipedRun(["--demo-size", "50", "-e", "tostring(date('today'))",
                                "-e", "tostring(cohort('Pilot'):move('TeamsOnly').day)"],
                               home: home, environment: ["COEXIST_NOW": "2027-02-01T09:30Z"])
        #expect(run.status == 0)
        #expect(run.stdoutLines == ["2027-02-01", "2027-02-01"])
    }

    /// A value that is no date was ignored (the real clock ran instead); it is a usage error naming the variable.
    @Test(arguments: ["2026-13-01", "tomorrow", "15/03/2026"])
    func aBadCoexistNowIsAUsageError(_ value: String) throws {
        let home = try TestHome()
        let run = try PipedRun(["--empty", "-e", "print(date())"], home: home, environment: ["COEXIST_NOW": value])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("COEXIST_NOW: bad date '\(value)'"))
    }
}
