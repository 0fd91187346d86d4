import CoexistKit

/// `readiness{...}`: network readiness measured from the call records (`NetworkReadiness`), for the tenant, one
/// building or the buildings a cohort's users sit in; `c:readiness{...}` reads the same measurement.
enum ReadinessBinding {
    static let options: [String: OptionType] = ["period": .string, "min_streams": .integer, "building": .string, "cohort": .string]
    static let defaultMinStreams = 100

    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("readiness", doc: """
            readiness{period="2026-10"|"all", min_streams=100, building=, cohort=}: network readiness of every building \
            (or one, or those a cohort's users sit in) per network type, measured from the call records against \
            round trip < 100 ms, packet loss < 1 %, jitter < 30 ms (medians) and the QER guide's internal audio poor, \
            setup and drop targets: rows of measured, target, streams and verdict (meets, misses, borderline, too few \
            streams, no data). Default period: the last full month that has data.
            """) { call in
            let opts = try OptionTable(try call.optTable(1), options, what: "readiness")
            var names: [String]?
            if let b = try opts.string("building") {
                if opts["cohort"] != .nil { throw LuaError("readiness: give building or cohort, not both") }
                names = [try canonicalBuilding(b, workspace.calls)]
            } else if let c = try opts.string("cohort") {
                names = try cohortBuildings(c, workspace.coexistence, workspace.calls)
            }
            ResultSetBinding.push(try measure(workspace.calls, opts, buildings: names, today: workspace.today).table, call.L)
            return 1
        }
    }

    /// The measurement `opts` asks for (period, min_streams) over `buildings` (nil: the building file's); with no
    /// period, the last full month with data before `today` (the workspace clock's).
    static func measure(_ store: CallStore, _ opts: OptionTable, buildings: [String]? = nil, today: Day) throws -> NetworkReadiness {
        var minStreams = defaultMinStreams
        switch opts["min_streams"] {
        case .nil: break
        case .integer(let n) where n >= 0: minStreams = Int(n)
        case .number(let d) where d >= 0 && d == d.rounded() && d < 1e9: minStreams = Int(d)
        case let v: throw LuaError("\(opts.what): min_streams must be a whole number of streams, 0 or more, got \(v.stringValue ?? v.typeName)")
        }
        let month: CalendarMonth?
        switch try opts.string("period") {
        case nil:
            month = try store.lastFullMonthWithData(today: today) ?? CalendarMonth(containing: today).previous
        case "all"?:
            month = nil
        case let label?:
            guard let m = CalendarMonth(label: label) else {
                throw LuaError("\(opts.what): period must be a month like \"2026-10\" (01 to 12) or \"all\", got '\(label)'")
            }
            month = m
        }
        return try NetworkReadiness(store, month: month, minStreams: minStreams, buildings: buildings)
    }

    /// The building file's spelling of a building name (matched whatever its case), or an error with the closest.
    static func canonicalBuilding(_ name: String, _ store: CallStore) throws -> String {
        let names = store.buildingFile.buildings.map(\.name)
        if let exact = names.first(where: { $0 == name }) ?? names.first(where: { $0.lowercased() == name.lowercased() }) {
            return exact
        }
        if names.isEmpty { throw LuaError("readiness: unknown building '\(name)': no building file is loaded (import_buildings)") }
        throw LuaError("readiness: unknown building '\(name)'" + didYouMean(name, names))
    }

    /// The buildings a cohort's users sit in (the directory's building, in the building file's spelling when it
    /// has one), sorted.
    static func cohortBuildings(_ name: String, _ tenant: CoexistenceTenant, _ store: CallStore) throws -> [String] {
        let cohort = try tenant.cohorts.cohort(name)
        var file: [String: String] = [:]
        for b in store.buildingFile.buildings { file[b.name.lowercased()] = b.name }
        var seen = Set<String>()
        for p in cohort.members where !tenant.directory[p].building.isEmpty {
            let b = tenant.directory[p].building
            seen.insert(file[b.lowercased()] ?? b)
        }
        return seen.sorted()
    }
}
