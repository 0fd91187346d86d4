/// About how many bytes a scenario's results hold on the heap: what a script's memory budget is charged for
/// keeping a result, a comparison or a sweep (see CoexistLua's LuaHostMemory). The figures grow with runs x
/// days x (measures + buildings + cohorts); the input with the tenant's users and their conversation graph.
/// Copy-on-write arrays shared by several results are counted in each: an estimate on the safe side.
extension RunFigures {
    public var heapBytes: Int {
        func nested(_ a: [[Double]]) -> Int { a.reduce(32) { $0 + 32 + $1.count * 8 } }
        return 64 + values.count * 8 + busiest.count * 8 + nested(utilisation) + nested(poorPct)
            + nested(islandsReceived) + nested(islandsMissed) + nested(cohortTeams)
    }
}

extension SimulationInput {
    public var heapBytes: Int {
        let perUser = 4 + 4 + 1 + 1 + 1
        let edges = (graph.outTo.count + graph.inFrom.count) * 12 + (graph.outStart.count + graph.inStart.count) * 4
        let names = (cohortNames + buildingNames).reduce(0) { $0 + 32 + $1.utf8.count }
        return 256 + users * perUser + edges + names + cohortSize.count * 8 + baseline.count * 64 + wanSet.count * 9
    }
}

extension ScenarioResult {
    public var heapBytes: Int {
        512 + input.heapBytes + runs.reduce(0) { $0 + $1.heapBytes } + violations.count * 128
    }
}
