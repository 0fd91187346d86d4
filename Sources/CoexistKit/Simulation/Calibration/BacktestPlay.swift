/// `backtest{}` as the issue asks: the recorded past replayed as a scenario. For each cohort, a scenario
/// whose steps are the cohort's recorded moves (`Workspace.recordedMoves`), started at its first recorded
/// move (or `from`) with the share of its members in Teams its records start with, its adoption rates the
/// cohort's, played through the scenario engine (`ScenarioRun`: the fork, the modes engine, the day model)
/// for `runs` replications; the predicted share is the mean share of the cohort's users running Teams.
extension Backtest {
    public static func play(_ series: [AdoptionSeries], on workspace: Workspace, from: Day, to: Day,
                            parameters: [String: BassParameters], runs: Int = 8, seed: UInt64 = 1) throws(ScenarioError) -> Backtest {
        var predictions: [String: [Double]] = [:]
        for s in series {
            guard let p = parameters[s.cohort] else { continue }
            let start = min(from, s.moves.map(\.day).min() ?? from)
            let days = to.daysSinceEpoch - start.daysSinceEpoch + 1
            guard days >= 1 else { continue }
            let steps = s.moves.filter { $0.day >= start && $0.day <= to }.map { m in
                ScenarioStep(on: m.day, .move(cohort: m.cohort, mode: m.mode.rawValue, notifyDays: nil, moveToTeams: true))
            }
            var scenario = Scenario(name: "backtest \(s.cohort)", start: start, days: days, seed: seed, steps: steps)
            try scenario.parameters.set("innovation", p.innovation)
            try scenario.parameters.set("imitation", p.imitation)
            // A recorded move is dated the day its grant took effect: no further policy delay.
            try scenario.parameters.set("policy_delay_days", 0)
            let input = SimulationInput(tenant: workspace.coexistence, calls: workspace.storeAsIs,
                                        parameters: scenario.parameters, seed: seed)
                .startingInTeams(cohort: s.cohort, share: s.start)
            guard let c = input.cohortNames.firstIndex(of: s.cohort), input.cohortSize[c] > 0 else { continue }
            let result = try ScenarioRun.run(scenario, on: workspace, runs: runs, input: input)
            let size = Double(input.cohortSize[c]), offset = from.daysSinceEpoch - start.daysSinceEpoch
            predictions[s.cohort] = (0..<s.total.count).map { i in
                let d = offset + i
                guard d >= 0 && d < days else { return 0 }
                return result.runs.map { $0.cohortTeams[c][d] }.reduce(0, +) / Double(result.runs.count) / size
            }
        }
        return compare(series.filter { predictions[$0.cohort] != nil }, from: from, to: to) { cohort, day in
            predictions[cohort]![day.daysSinceEpoch - from.daysSinceEpoch]
        }
    }
}
