/// Runs a scenario on a workspace: plans it on a fork (validating every step first), reads the tenant
/// once into a `SimulationInput`, and plays `runs` replications on the machine's cores, replication k
/// drawing from (seed, k). The workspace is never changed.
public enum ScenarioRun {
    public static let maxRuns = 10_000

    public static func run(_ scenario: Scenario, on workspace: Workspace, runs: Int = 1, input: SimulationInput? = nil,
                           counting: DayModel.Counting = .grouped) throws(ScenarioError) -> ScenarioResult {
        guard (1...maxRuns).contains(runs) else { throw .invalid(field: "runs", message: "must be 1 to \(maxRuns), got \(runs)") }
        let plan = try ScenarioPlan(scenario, on: workspace)
        let input = input ?? SimulationInput(tenant: workspace.coexistence, calls: workspace.storeAsIs,
                                             parameters: scenario.parameters, seed: scenario.seed)
        let model = DayModel(plan: plan, input: input)
        return ScenarioResult(plan: plan, input: input, runs: replicate(model, runs: runs, counting: counting))
    }

    static func replicate(_ model: DayModel, runs: Int, counting: DayModel.Counting) -> [RunFigures] {
        var out = [RunFigures?](repeating: nil, count: runs)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = Parallel.Box(value: buffer)
            let parts = min(runs, Parallel.cores)
            Parallel.perform(parts) { part in
                var k = part
                while k < runs {
                    slots.value[k] = model.run(k, counting: counting)
                    k += parts
                }
            }
        }
        return out.map { $0! }
    }
}
