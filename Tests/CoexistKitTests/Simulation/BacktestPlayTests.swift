import Testing
@testable import CoexistKit

/// `Backtest.play`: the recorded past replayed as a scenario through the scenario engine.
@Suite struct BacktestPlayTests {
    @Test func thePastPlayedAsAScenarioFollowsItsMovesFromItsStartingShare() throws {
        let w = SimulationFixtures.workspace()
        let from = Day(year: 2026, month: 9, day: 7), to = Day(year: 2026, month: 10, day: 18)
        let moves = [CohortMove(cohort: "Wave 1", day: Day(year: 2026, month: 9, day: 14), mode: .islands),
                     CohortMove(cohort: "Wave 1", day: Day(year: 2026, month: 10, day: 5), mode: .teamsOnly)]
        let n = to.daysSinceEpoch - from.daysSinceEpoch + 1
        let series = AdoptionSeries(cohort: "Wave 1", moves: moves, start: 0.5, first: from,
                                    teams: [Int](repeating: 5, count: n), total: [Int](repeating: 10, count: n))
        let b = try Backtest.play([series], on: w, from: from, to: to,
                                  parameters: ["Wave 1": BassParameters(innovation: 0.05, imitation: 0.2)])
        #expect(b.weeks.count == 6)
        // SfBWithTeamsCollab before the Islands move: chats and calls in Skype for Business.
        #expect(b.weeks[0].predicted == 0)
        // In Islands from half the cohort (the records' start), climbing along the curve.
        #expect(b.weeks[1].predicted >= 0.5 && b.weeks[1].predicted < 1)
        #expect(b.weeks[2].predicted > b.weeks[1].predicted)
        // TeamsOnly: everyone in Teams.
        #expect(b.weeks[4].predicted == 1 && b.weeks[5].predicted == 1)
        #expect(b.weeks.allSatisfy { $0.observed == 0.5 })
        // The same replay gives the same numbers; the tenant is unchanged.
        #expect(try Backtest.play([series], on: w, from: from, to: to,
                                  parameters: ["Wave 1": BassParameters(innovation: 0.05, imitation: 0.2)]) == b)
        #expect(w.journal.entries.isEmpty)
        // A cohort without rates is left out.
        #expect(try Backtest.play([series], on: w, from: from, to: to, parameters: [:]).weeks.isEmpty)
    }
}
