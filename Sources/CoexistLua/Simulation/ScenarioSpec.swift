import CoexistKit

/// Reads `scenario{name=, start=, days=, seed=, steps={...}, params={...}, wan={...}}` into a Kit `Scenario`,
/// strictly: an unknown key, a step with no action or two, a misspelt field, each is an error naming the
/// step (1-based) and the field.
enum ScenarioSpec {
    static let keys: [String: OptionType] = ["name": .string, "start": .date, "days": .number, "seed": .number, "steps": .table, "params": .table, "wan": .table]
    /// Each action key with the fields it takes besides `on`.
    static let actions: [(key: String, fields: [String])] = [
        ("cohort", ["mode", "notify", "move_to_teams"]), ("global", []), ("announce", []),
        ("pilot", ["days", "assess"]), ("training", ["capacity"]), ("champions", ["count"]),
        ("building", ["fix", "mbps"]), ("review", []),
    ]

    static func read(_ table: LuaTable, workspace: Workspace) throws -> Scenario {
        let opts = try OptionTable(table, keys, what: "scenario")
        guard let name = try opts.string("name") else { throw LuaError("scenario: name= is required") }
        let source = TenantSource(live: workspace)
        let start = opts["start"] == .nil ? workspace.today : try source.day(opts["start"], "scenario: start")
        let days = try whole(opts["days"], "scenario: days") ?? 180
        var seed: UInt64 = 1
        if let s = try whole(opts["seed"], "scenario: seed") {
            guard s >= 0 else { throw LuaError("scenario: seed must be 0 or more, got \(s)") }
            seed = UInt64(s)
        }
        var scenario = Scenario(name: name, start: start, days: days, seed: seed)
        if let params = opts["params"].tableValue {
            if let extra = params.array.first { throw LuaError("scenario: params are named (e.g. {imitation=0.2}), got a positional \(extra.typeName)") }
            for (key, value) in params.fields {
                guard let k = key.stringValue else { throw LuaError("scenario: params: names are strings, got \(key.typeName)") }
                guard let v = value.doubleValue else { throw LuaError("scenario: params: \(k) must be a number, got \(value.typeName)") }
                do { try scenario.parameters.set(k, v) } catch { throw LuaError("scenario: \(error)") }
            }
        } else if opts["params"] != .nil {
            throw LuaError("scenario: params must be a table, got \(opts["params"].typeName)")
        }
        if let wan = opts["wan"].tableValue {
            for (key, value) in wan.fields {
                guard let b = key.stringValue, let v = value.doubleValue else {
                    throw LuaError("scenario: wan is {[\"building\"]=mbps, ...}")
                }
                scenario.wanMbps[b] = v
            }
        } else if opts["wan"] != .nil {
            throw LuaError("scenario: wan must be a table, got \(opts["wan"].typeName)")
        }
        if opts["steps"] != .nil {
            guard let steps = opts["steps"].tableValue, steps.fields.isEmpty else {
                throw LuaError("scenario: steps must be a list of step tables")
            }
            for (i, value) in steps.array.enumerated() {
                guard let t = value.tableValue else { throw LuaError("scenario: step \(i + 1): a step is a table, got \(value.typeName)") }
                scenario.steps.append(try step(t, index: i + 1, start: start))
            }
        }
        return scenario
    }

    static func step(_ t: LuaTable, index: Int, start: Day) throws -> ScenarioStep {
        func fail(_ field: String, _ message: String) -> LuaError { LuaError("scenario: step \(index): \(field): \(message)") }
        if !t.array.isEmpty { throw fail("fields", "fields are named (e.g. {on=\"+2w\", cohort=\"Wave 1\", mode=\"TeamsOnly\"})") }
        let keys = t.stringKeys
        let present = actions.filter { keys.contains($0.key) }
        guard present.count == 1, let action = present.first else {
            throw fail("action", present.isEmpty ? "give one of " + actions.map(\.key).joined(separator: ", ")
                       : "give one action, not " + present.map(\.key).joined(separator: " and "))
        }
        let allowed = ["on", action.key] + action.fields
        for k in keys where !allowed.contains(k) {
            throw fail(k, "unknown field for a \(action.key) step" + didYouMean(k, allowed) + "; fields are " + allowed.joined(separator: ", "))
        }
        guard t["on"] != .nil else { throw fail("on", "missing: every step needs a date") }
        let on = try date(t["on"], start: start, fail: { fail("on", $0) })
        func string(_ k: String) throws -> String {
            guard case .string(let s) = t[k] else { throw fail(k, "must be a string, got \(t[k].typeName)") }
            return s
        }
        func int(_ k: String, default d: Int? = nil) throws -> Int {
            if t[k] == .nil, let d { return d }
            guard let n = (try? whole(t[k], k)) ?? nil else { throw fail(k, t[k] == .nil ? "missing" : "must be a whole number, got \(t[k].typeName)") }
            return n
        }
        let a: ScenarioStep.Action
        switch action.key {
        case "cohort":
            var notify: Int?
            if t["notify"] != .nil { notify = try int("notify") }
            var toTeams = false
            if t["move_to_teams"] != .nil {
                guard case .boolean(let b) = t["move_to_teams"] else { throw fail("move_to_teams", "must be true or false") }
                toTeams = b
            }
            a = .move(cohort: try string("cohort"), mode: try string("mode"), notifyDays: notify, moveToTeams: toTeams)
        case "global": a = .global(mode: try string("global"))
        case "announce":
            let target = try string("announce")
            a = .announce(cohort: target.lowercased() == "all" ? nil : target)
        case "pilot": a = .pilot(cohort: try string("pilot"), days: try int("days"), assessDays: try int("assess", default: 0))
        case "training": a = .training(cohort: try string("training"), capacity: try int("capacity"))
        case "champions": a = .champions(cohort: try string("champions"), count: try int("count"))
        case "building":
            let fixName = try string("fix")
            let fix: NetworkFix
            switch fixName {
            case "udp": fix = .udp
            case "split_tunnel": fix = .splitTunnel
            case "wan":
                guard let mbps = t["mbps"].doubleValue else { throw fail("mbps", "a wan fix needs mbps= (capacity added)") }
                fix = .wan(mbps: mbps)
            default: throw fail("fix", "unknown fix '\(fixName)'" + didYouMean(fixName, NetworkFix.names) + "; fixes are udp, wan, split_tunnel")
            }
            if fixName != "wan" && t["mbps"] != .nil { throw fail("mbps", "only a wan fix takes mbps=") }
            a = .networkFix(building: try string("building"), fix: fix)
        default:
            guard t["review"] == .boolean(true) else { throw fail("review", "write review=true") }
            a = .review
        }
        return ScenarioStep(on: on, a)
    }

    /// A step date: "2027-02-01", a relative date counted from the scenario's start ("+2w"), or a date value.
    static func date(_ value: LuaValue, start: Day, fail: (String) -> LuaError) throws -> Day {
        do {
            if case .string(let s) = value { return try LuaDate.parse(s, relativeTo: start.noon).day }
            return Day(epochSeconds: try LuaDateType.coerce(value, now: start.noon).epochSeconds)
        } catch let e as LuaError {
            throw fail(e.message)
        } catch {
            throw fail("'\(value.stringValue ?? value.typeName)' is not a date (\(error)); use \"2027-02-01\", \"+2w\" or date(...)")
        }
    }

    static func whole(_ v: LuaValue, _ what: String) throws -> Int? {
        switch v {
        case .nil: return nil
        case .integer(let i) where abs(i) < 1 << 53: return Int(i)
        case .number(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: throw LuaError("\(what) must be a whole number, got \(v.stringValue ?? v.typeName)")
        }
    }

    /// `help(scenario)`: the call, the steps, and every parameter with its default and source.
    static var help: String {
        var s = """
            scenario{name=, start=, days=180, seed=1, steps={...}, params={...}, wan={["building"]=mbps}}: a what-if plan \
            played day by day on a fork of the tenant (the tenant never changes); s:run{runs=} returns its result, \
            s:apply() makes its moves real scheduled changes. Steps (on= a date; relative dates like "+2w" count from start):
              {on=, cohort=, mode=, notify=days, move_to_teams=true}  a cohort's move
              {on=, global=mode}  the tenant's global mode
              {on=, announce=cohort|"all"}  an announcement or reminder
              {on=, pilot=cohort, days=, assess=days}  a pilot, then its assessment
              {on=, training=cohort, capacity=seats}  training sessions
              {on=, champions=cohort, count=}  champions
              {on=, building=, fix="udp"|"wan"|"split_tunnel", mbps=}  a network fix
              {on=, review=true}  a quality review
            WAN: each building's capacity is its set_wan(building, mbps) attribute (wan() lists them), else wan_mbps; \
            wan={["building"]=mbps} overrides it for this scenario only.
            Parameters (params={name=value}), default, unit, meaning; source:
            """
        for p in SimulationParameters.documented {
            s += "\n  \(p.name) = \(ValueFormatter.short(p.value, unit: "")) \(p.unit): \(p.meaning); \(p.source)"
        }
        return s
    }
}
