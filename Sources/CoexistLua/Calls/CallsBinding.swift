import CLua
import CLuaBridge
import CoexistKit

/// The `calls` global and its query methods. Each step returns a new query; `summary`, `top`, `count`,
/// `rows` and `to_csv` run it. A query alone at the prompt shows its first rows.
public enum CallsBinding {
    nonisolated(unsafe) static let type: LuaObjectType<CallsQuery> = makeType()

    /// Installs `calls`, the import functions and `missing_subnets` (the one entry point Session calls).
    public static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.registerType(type)
        type.push(CallsQuery(workspace: workspace), engine.L)
        engine.setGlobal(path: "calls")
        engine.document("calls", "every media stream, as a query: calls:where{modality=\"audio\"}:by(\"building\"):summary(); help(calls) for its methods")
        CallsImportBindings.install(engine, workspace)
        GraphPullBinding.install(engine, workspace)
        ReadinessBinding.install(engine, workspace)
    }

    static func push(_ q: CallsQuery, _ call: LuaCall) -> Int32 {
        type.push(q, call.L)
        return 1
    }

    private static func makeType() -> LuaObjectType<CallsQuery> {
        let t = LuaObjectType<CallsQuery>("Calls", doc: """
            A query over the call-quality streams (one row per media stream, classified as CQD does). Each method \
            returns a new query; nothing runs until count, summary, top, rows or to_csv. #q is its count.
            """)
        t.method("where", """
            q:where{field=value, field={op, value}, field={a, b}}, q:where(function(row) return row.jitter_ms > 20 end) or \
            q:where(other_query) (the streams both match, as a review narrows a section to its scope): keeps \
            matching streams. Operators: = ~= (or "not") < <= > >= on numbers and dates; "in"/"not in" with a list \
            ({"in", {"a", "b"}}, or a plain list {"a", "b"}); "like"/"not like" with % (any run) and _ (one character) and \
            "prefix", case-insensitive; "is null"/"not null" (a missing metric, a subnet in no building: a missing value \
            matches only "is null", ~= included, as in SQL). Subnets take \
            ranges: subnet="10.4.0.0/16". Names (building, city, users, cohort, department, user_city) ignore case. \
            An unknown operator is an error; a name that matches nothing warns with the closest.
            """) { q, call in
            if call.isFunction(1) {
                return push(q.with(predicate: LuaRef(call.L, at: call.slot(1)), step: "a Lua test"), call)
            }
            // q:where(other): both queries' conditions, as a review narrows a section's query to its scope.
            if let other = type.object(at: call.slot(1), call.L) {
                return push(CallsQuery(workspace: q.workspace, base: q.base.and(other.base),
                                       predicates: q.predicates + other.predicates, dimensions: q.dimensions,
                                       steps: q.steps + other.steps), call)
            }
            let (base, steps): (CallQuery, [String])
            do {
                if call.isString(1) {
                    let op = call.count >= 3 ? try call.string(2) : nil
                    (base, steps) = try WhereArguments.apply(field: try call.string(1), op: op, value: call.value(call.count >= 3 ? 3 : 2), to: q.base,
                                                                  now: q.workspace.clock.now)
                } else {
                    (base, steps) = try WhereArguments.apply(try call.table(1), to: q.base, now: q.workspace.clock.now)
                }
            } catch let e as CallQueryError {
                throw LuaError("where: \(e)")
            }
            for w in base.unknownValues(on: q.workspace.calls, after: q.base.conditionCount) { Warnings.emit(call.L, "where: " + w) }
            return push(CallsQuery(workspace: q.workspace, base: base, predicates: q.predicates,
                                   dimensions: q.dimensions, steps: q.steps + steps), call)
        }
        t.method("between", "q:between(from, to): streams starting on or after from and before to (dates, \"2026-10-01\", \"-7d\"; to optional, a whole day when given as a date)") { q, call in
            let from = try call.date(1)
            var to = call.isNoneOrNil(2) ? nil : try call.date(2)
            // A bare day as the end means "through that day", as people say "between the 1st and the 7th".
            if let d = to, d == d.startOfDay { to = d.adding(days: 1) }
            if let d = to, d.epochSeconds < from.epochSeconds {
                throw LuaError("between: the end (\(try call.date(2).iso)) is before the start (\(from.iso)); give the earlier date first")
            }
            let step = "start between \(from.iso) and " + (to.map { $0.adding(days: $0 == $0.startOfDay ? -1 : 0).iso } ?? "now")
            return push(q.with(base: q.base.between(from.epochSeconds, to?.epochSeconds), step: to == nil ? "start from \(from.iso)" : step), call)
        }
        t.method("poor", "q:poor(): only streams CQD classifies as poor") { q, call in
            push(q.with(base: q.base.poor(), step: "poor"), call)
        }
        t.method("by", "q:by(dim, ...): group the summary by fields, building, city, cohort, department, user_city, or hour/day/week/month") { q, call in
            guard call.count > 0 else { throw call.error(1, "a dimension expected, such as \"building\"") }
            let dims = try (1...call.count).map { try CallsDimensions.check(try call.string($0)) }
            return push(q.with(dimensions: q.dimensions + dims), call)
        }
        t.method("summary", "q:summary{measures...}: a result set of measures (default streams, poor, audio_poor_pct, ...), one row per group of :by") { q, call in
            let measures = try measureNames(call)
            ResultSetBinding.push(try CallsRun.summary(q, measures: measures, call.L), call.L)
            return 1
        }
        t.method("top", "q:top(dim, n, measure, {min_streams=}): the n groups with the highest measure (default 10 by streams)") { q, call in
            let dim = try CallsDimensions.check(try call.string(1))
            let n = Int(try call.optInteger(2) ?? 10)
            let measure = try call.optString(3) ?? "streams"
            let opts = try OptionTable(try call.optTable(4), ["min_streams": .integer], what: "top")
            let minStreams = Int(try opts.integer("min_streams") ?? 0)
            if minStreams < 0 { throw LuaError("top: min_streams must be 0 or more, got \(minStreams)") }
            ResultSetBinding.push(try CallsRun.top(q, dimension: dim, n: n, measure: measure, minStreams: minStreams, call.L), call.L)
            return 1
        }
        t.method("count", "q:count(): how many streams match (also #q)") { q, call in
            call.results(.integer(Int64(try q.count(call.L))))
        }
        t.method("rows", "q:rows(): an iterator of row views (row.jitter_ms, row.building, row.index...) for for-in loops") { q, call in
            try CallsRun.pushRowIterator(q, call.L)
            return 1
        }
        t.method("to_csv", "q:to_csv(path): writes the matching streams as streams CSV (the import format); returns the count") { q, call in
            let path = try call.string(1)
            let file = try ResultFiles.create(path, gate: FileGate.of(call.L))
            let (store, rows) = try q.select(call.L)
            do {
                try CSVWriter.write(store, rows: rows.map(Int.init), into: file)
                try file.commit()
            } catch { throw LuaError("\(error)") }
            return call.results(.integer(Int64(rows.count)))
        }
        t.method("fields", "q:fields(): every field with its type, unit, meaning and values") { _, call in
            ResultSetBinding.push(CallField.describe(), call.L)
            return 1
        }
        t.method("measures", "q:measures(): the names summary and top accept") { _, call in
            call.results(.table(LuaTable(array: CallMeasure.allNames.map { .string($0) })))
        }
        t.metamethod("__len") { call in
            let q = try type.checkedSelf(call, "__len")
            return call.results(.integer(Int64(try q.count(call.L))))
        }
        t.metamethod("__tostring") { call in
            let q = try type.checkedSelf(call, "__tostring")
            let n = try q.count(call.L)
            return call.results(.string("\(q.text) (\(grouped(n)) stream\(n == 1 ? "" : "s"))"))
        }
        return t
    }

    /// `summary{"streams", "poor"}`, `summary("streams", "poor")` or `summary()` for the defaults.
    private static func measureNames(_ call: LuaCall) throws -> [String]? {
        if call.isNoneOrNil(1) { return nil }
        let names: [String]
        if call.isTable(1) {
            names = try call.table(1).array.map {
                guard let s = $0.stringValue else { throw call.error(1, "measure names are strings, got \($0.typeName)") }
                return s
            }
        } else {
            names = try (1...call.count).map { try call.string($0) }
        }
        return names.isEmpty ? nil : names
    }
}
