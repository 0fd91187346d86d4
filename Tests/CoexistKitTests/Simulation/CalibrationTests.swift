import Testing
@testable import CoexistKit

/// `Calibration` recovers the Bass rates a history was generated with, and says why it cannot fit a cohort.
@Suite struct CalibrationTests {
    static let moved = Day(year: 2026, month: 8, day: 10)
    static let first = Day(year: 2026, month: 8, day: 3)

    /// A tenant of `users` people in one cohort "Wave", moved to Islands on `moved`, and a history of `days`
    /// days in which each user makes `perDay` streams a day, from Teams once the expected share under `truth`
    /// passes the user's own uniform draw (the demo's generator, at a size where sampling noise is small).
    static func generated(_ truth: BassParameters, users: Int, perDay: Int = 2, days: Int = 84,
                          start: Double = 0.02) -> (TeamsShareHistory, CoexistenceTenant) {
        let people = (0..<users).map { User(upn: "u\($0)@contoso.com", homing: .onPremises) }
        var tenant = CoexistenceTenant(users: people, today: first.adding(days: days))
        _ = try! tenant.defineCohort("Wave", members: Array(0..<users))
        try! tenant.moveCohort("Wave", to: "Islands", options: ChangeOptions(on: moved))
        // The tenant keeps no log (the workspace's journal is the one record): the move is its recorded past, as
        // the demo's moves are.
        tenant.history = [CohortMove(cohort: "Wave", day: moved, mode: .islands)]
        let shares = AdoptionPath.shares(truth, moves: tenant.recordedMoves(), start: start, from: first, days: days)
        var rng = SplitMix64(seed: 42)
        let thresholds = (0..<users).map { _ in rng.unit() }
        var teams = [Int](repeating: 0, count: days), total = teams
        for d in 0..<days {
            let adopted = thresholds.reduce(0) { $0 + ($1 < shares[d] ? 1 : 0) }
            teams[d] = adopted * perDay
            total[d] = users * perDay
        }
        return (TeamsShareHistory(cohorts: ["Wave"], first: first, teams: [teams], total: [total]), tenant)
    }

    static func relativeError(_ fitted: Double, _ truth: Double) -> Double { abs(fitted - truth) / truth }

    @Test("the fit recovers p and q within 1 % from the expected curve itself")
    func recoversFromTheExpectedCurve() throws {
        let truth = BassParameters(innovation: 0.012, imitation: 0.10)
        let tenant = Self.generated(truth, users: 10).1
        let shares = AdoptionPath.shares(truth, moves: tenant.recordedMoves(), start: 0.02, from: Self.first, days: 84)
        let total = [Int](repeating: 1_000_000, count: 84)
        let teams = shares.map { Int(($0 * 1_000_000).rounded()) }
        let history = TeamsShareHistory(cohorts: ["Wave"], first: Self.first, teams: [teams], total: [total])
        let fit = try #require(try Calibration.fit(history, tenant).fits.first?.parameters)
        #expect(Self.relativeError(fit.innovation, truth.innovation) < 0.01)
        #expect(Self.relativeError(fit.imitation, truth.imitation) < 0.01)
    }

    /// The stated tolerance: with 20,000 users drawn one by one, p and q within 10 % and the weekly share
    /// within 1 percentage point (the sampling noise of a share over 20,000 users is about 0.35 points).
    @Test("calibration recovers known parameters from per-user draws within 10 %",
          arguments: [BassParameters(innovation: 0.012, imitation: 0.10), BassParameters(innovation: 0.03, imitation: 0.15),
                      BassParameters(innovation: 0.005, imitation: 0.2)])
    func recoversFromDraws(_ truth: BassParameters) throws {
        let (history, tenant) = Self.generated(truth, users: 20_000)
        let result = try Calibration.fit(history, tenant)
        let fit = try #require(result.fits.first)
        let p = try #require(fit.parameters)
        #expect(Self.relativeError(p.innovation, truth.innovation) < 0.10, "p \(p.innovation) for \(truth.innovation)")
        #expect(Self.relativeError(p.imitation, truth.imitation) < 0.10, "q \(p.imitation) for \(truth.imitation)")
        #expect(try #require(fit.rmse) < 0.01)
        #expect(fit.islands == Self.moved)
        #expect(fit.weeks == 12)
        #expect(abs(try #require(fit.start) - 0.02) < 0.005)
    }

    @Test("a cohort with too few streams, or that never moved, gets no fit and says why")
    func unfittableCohortsSaySo() throws {
        let (history, tenant) = Self.generated(BassParameters(innovation: 0.012, imitation: 0.10), users: 3, perDay: 1)
        let fit = try #require(try Calibration.fit(history, tenant).fits.first)
        #expect(fit.parameters == nil)
        #expect(fit.note == "too few streams (252, fewer than min_streams 500)")
        let lowered = try #require(try Calibration.fit(history, tenant, CalibrationOptions(minStreams: 100)).fits.first)
        #expect(lowered.parameters != nil)

        var unmoved = CoexistenceTenant(users: (0..<3).map { User(upn: "u\($0)@contoso.com") }, today: Self.first)
        _ = try unmoved.defineCohort("Wave", members: [0, 1, 2])
        let none = try #require(try Calibration.fit(history, unmoved).fits.first)
        #expect(none.note.hasPrefix("no recorded move to Islands"))
        #expect(try Calibration.fit(history, unmoved).tenant.parameters == nil)
    }

    @Test("the period, cohorts and minimum are checked")
    func optionsAreChecked() throws {
        let (history, tenant) = Self.generated(BassParameters(innovation: 0.012, imitation: 0.10), users: 100)
        #expect(throws: CalibrationError.unknownCohort("Wav", suggestion: "Wave")) {
            try Calibration.fit(history, tenant, CalibrationOptions(cohorts: ["Wav"]))
        }
        #expect(throws: CalibrationError.emptyPeriod(from: Self.moved, to: Self.first)) {
            try Calibration.fit(history, tenant, CalibrationOptions(from: Self.moved, to: Self.first))
        }
        let later = Day(year: 2027, month: 1, day: 1)
        #expect(throws: CalibrationError.noStreams(from: later, to: later.adding(days: 7))) {
            try Calibration.fit(history, tenant, CalibrationOptions(from: later, to: later.adding(days: 7)))
        }
        #expect(throws: CalibrationError.minStreams(0)) { try Calibration.fit(history, tenant, CalibrationOptions(minStreams: 0)) }
        // A window of the history: only its weeks are fitted.
        let window = try Calibration.fit(history, tenant, CalibrationOptions(from: Self.moved, to: Self.moved.adding(days: 27)))
        #expect(window.fits.first?.weeks == 4)
    }
}
