import CoexistKit
import CLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A scenario as Lua holds it: the plan and the workspace it plays against.
final class ScenarioBox {
    let scenario: Scenario
    let workspace: Workspace
    init(_ scenario: Scenario, _ workspace: Workspace) {
        self.scenario = scenario
        self.workspace = workspace
    }
}

/// `scenario{}`, `compare(...)` and `sweep{}`: the what-if simulation (`Kit/Simulation`) in Lua.
enum ScenarioBinding {
    nonisolated(unsafe) static let type: LuaObjectType<ScenarioBox> = makeType()

    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.registerType(type)
        engine.registerType(ScenarioResultBinding.type)
        engine.registerType(ScenarioResultBinding.comparisonType)
        engine.registerType(ScenarioResultBinding.sweepType)
        engine.register("scenario", doc: ScenarioSpec.help) { call in
            if call.isString(1) {
                // scenario("name"): one the workspace keeps (made earlier, or in the workspace file opened).
                let name = try call.string(1)
                guard let kept = workspace.storedScenario(name) else {
                    let names = workspace.scenarios.map(\.scenario.name)
                    throw LuaError("scenario: no scenario '\(name)' in this workspace" + didYouMean(name, names)
                                   + (names.isEmpty ? " (it keeps none yet: make one with scenario{name=...})" : "; scenarios() lists them"))
                }
                call.push(ScenarioBox(kept.scenario, workspace), type)
                return 1
            }
            let scenario = try ScenarioSpec.read(try call.table(1), workspace: workspace)
            // Every step is checked against the tenant now, before anything runs.
            do { _ = try ScenarioPlan(scenario, on: workspace) } catch { throw LuaError("scenario: \(error)") }
            // The workspace keeps the definition (in its open file too), so a saved workspace has it.
            do { try workspace.keepScenario(scenario) } catch { throw LuaError("scenario: \(error)") }
            call.push(ScenarioBox(scenario, workspace), type)
            return 1
        }
        engine.register("scenarios", doc: "scenarios(): every scenario the workspace keeps (each scenario{} made, and those of the workspace file opened), with the outcomes of its last run; scenario(\"name\") gives one back, s.last_days its last run's days") { call in
            ResultSetBinding.push(workspace.scenarioTable(), call.L)
            return 1
        }
        engine.register("compare", doc: "compare(s1, s2, ... [, {runs=, measure=}]): scenarios (or their results) run on common random numbers (the first one's seed and the same runs), side by side: c.table, c:chart(measure, ...); print(c) shows the table and missed conversations overlaid") { call in
            var scenarios: [Scenario] = [], runs: Int?
            var measure = "missed"
            for i in 1...max(1, call.count) {
                if let box = call.optObject(i, type) { scenarios.append(box.scenario); continue }
                if let r = call.optObject(i, ScenarioResultBinding.type) {
                    scenarios.append(r.result.scenario)
                    runs = max(runs ?? 0, r.result.runs.count)
                    continue
                }
                if i == call.count, call.isTable(i) {
                    let opts = try OptionTable(try call.table(i), ["runs": .number, "measure": .string], what: "compare")
                    runs = try ScenarioSpec.whole(opts["runs"], "compare: runs") ?? runs
                    measure = try opts.string("measure") ?? measure
                    _ = try ScenarioResultBinding.measure(measure, "compare")
                    continue
                }
                throw call.error(i, "a scenario or a scenario result expected, got \(call.typeName(i))")
            }
            guard scenarios.count >= 2 else { throw LuaError("compare: give at least two scenarios") }
            do {
                let c = try ScenarioComparison.run(scenarios, on: workspace, runs: runs ?? 1)
                call.push(ComparisonBox(c, measure: try ScenarioResultBinding.measure(measure, "compare")), ScenarioResultBinding.comparisonType)
            } catch let e as ScenarioError { throw LuaError("compare: \(e)") }
            return 1
        }
        engine.register("sweep", doc: "sweep{scenario=, param=, values={...}, runs=1, outcome=\"missed\"}: one scenario across a parameter's values on common random numbers: w.table (outcomes per value), w.sensitivity (how far each outcome moves), w:chart(outcome); print(w) shows them") { call in
            let opts = try OptionTable(try call.table(1), ["scenario": .any, "param": .string, "values": .table, "runs": .number, "outcome": .string], what: "sweep")
            guard case .opaque = opts["scenario"] else { throw LuaError("sweep: scenario= a scenario is required") }
            // The table was copied into Swift; read the scenario object itself from the Lua table.
            lua_getfield(call.L, call.slot(1), "scenario")
            let found = type.object(at: -1, call.L)
            LuaStack(call.L).pop()
            guard let box = found else { throw LuaError("sweep: scenario= must be a scenario") }
            guard let param = try opts.string("param") else { throw LuaError("sweep: param= is required") }
            guard let list = opts["values"].tableValue, !list.array.isEmpty else { throw LuaError("sweep: values= a list of numbers is required") }
            let values = try list.array.map { v -> Double in
                guard let d = v.doubleValue else { throw LuaError("sweep: values must be numbers, got \(v.typeName)") }
                return d
            }
            let outcome = try opts.string("outcome") ?? "missed"
            guard ScenarioSweep.outcomes.contains(outcome) else {
                throw LuaError("sweep: unknown outcome '\(outcome)'" + didYouMean(outcome, ScenarioSweep.outcomes))
            }
            do {
                let w = try ScenarioSweep.run(box.scenario, parameter: param, values: values, on: workspace,
                                              runs: try ScenarioSpec.whole(opts["runs"], "sweep: runs") ?? 1)
                call.push(SweepBox(w, outcome: outcome), ScenarioResultBinding.sweepType)
            } catch let e as ScenarioError { throw LuaError("sweep: \(e)") }
            return 1
        }
    }

    private static func makeType() -> LuaObjectType<ScenarioBox> {
        let t = LuaObjectType<ScenarioBox>("Scenario", doc: "A what-if plan (see help(scenario)): s:run{runs=}, s:apply(), s.name, s.start, s.days, s.seed, s.steps, s.params.")
        t.field("name", "the scenario's name") { .string($0.scenario.name) }
        t.field("start", "the first day of the run") { .string($0.scenario.start.iso) }
        t.field("days", "how many days the run covers") { .integer(Int64($0.scenario.days)) }
        t.field("seed", "the seed every random draw comes from") { .integer(Int64(bitPattern: $0.scenario.seed)) }
        t.field("steps", "how many steps the plan has") { .integer(Int64($0.scenario.steps.count)) }
        t.field("last_days", "the days of the scenario's last run as the workspace keeps them (r.days of that run, also after the workspace file is opened again); nil if never run") { box, call in
            guard let r = box.workspace.storedScenario(box.scenario.name)?.result, box.workspace.storedScenario(box.scenario.name)?.scenario == box.scenario else {
                lua_pushnil(call.L)
                return 1
            }
            ResultSetBinding.push(r.days, call.L)
            return 1
        }
        t.field("params", "every model parameter and its value for this scenario") { box in
            .table(LuaTable(fields: SimulationParameters.documented.map { (.string($0.name), .number(box.scenario.parameters[$0.name])) }))
        }
        t.method("run", "s:run{runs=1}: plays the plan forward on a fork; returns its result (r.days, r:summary(), r:violations(), r:chart(...), r:save(path))") { box, call in
            let opts = try OptionTable(try call.optTable(1), ["runs": .number], what: "run")
            let runs = try ScenarioSpec.whole(opts["runs"], "run: runs") ?? 1
            do {
                let r = try ScenarioRun.run(box.scenario, on: box.workspace, runs: runs)
                // The workspace keeps the last run's result with its scenario (in its open file too).
                do { try box.workspace.keepScenarioResult(r) } catch { throw LuaError("run: \(error)") }
                call.push(ResultBox(r), ScenarioResultBinding.type)
            } catch let e as ScenarioError { throw LuaError("run: \(e)") }
            return 1
        }
        t.method("preview", "s:preview(): the changes apply() would make, one row per change, without making them") { box, call in
            ResultSetBinding.push(try preview(box), call.L)
            return 1
        }
        t.method("apply", "s:apply{dry_run=false}: prints the changes it will make, then makes the plan's moves real scheduled changes through the change log (undo, changes and powershell see them); returns how many") { box, call in
            let opts = try OptionTable(try call.optTable(1), ["dry_run": .boolean], what: "apply")
            let shown = try preview(box)
            OutputStream.current(call.L).write(ResultRenderer.render(shown, RenderSettings.current(call.L)))
            if try opts.bool("dry_run") == true { return call.results(.integer(0)) }
            do {
                let reports = try ScenarioApply.apply(box.scenario, to: box.workspace, who: TenantSource.who,
                                                      at: box.workspace.clock.now.epochSeconds)
                return call.results(.integer(Int64(reports.count)))
            } catch { throw LuaError("apply: \(error)") }
        }
        t.describe { box in
            "scenario \(box.scenario.name): \(box.scenario.steps.count) step(s), \(box.scenario.days) days from \(box.scenario.start.iso), seed \(box.scenario.seed)"
        }
        return t
    }

    static func preview(_ box: ScenarioBox) throws -> ResultSet {
        do { return try ScenarioApply.preview(box.scenario, on: box.workspace) } catch { throw LuaError("apply: \(error)") }
    }
}
