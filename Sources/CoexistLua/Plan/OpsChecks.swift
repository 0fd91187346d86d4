import CLua
import CLuaBridge
import CoexistKit

/// `ops:check()`: the operations tasks that can check themselves run now and show their result and status: the
/// Quality of Experience Review (`qer{}`), the missing-subnet report (the review's Subnets finding) and usage (the
/// share of streams from Teams over the last week against the week before).
enum OpsChecks {
    static func run(_ box: PlanBox, _ L: OpaquePointer) throws -> ResultSet {
        let today = box.today
        var rows: [[ResultValue]] = []
        func add(_ activity: String, _ check: String, _ result: String, _ ok: Bool) {
            rows.append([.string(activity), .string(check), .string(result), .string(ok ? "ok" : "attention"), .string(today.iso)])
        }
        let review = try reviewReport(L)
        let figures = review.allFigures.map(\.figure)
        let misses = figures.filter { $0.status == .misses }
        add("Perform Quality of Experience Reviews", "qer",
            "\(review.period): \(misses.count) of \(figures.count) figures miss their target; \(review.findings.count) finding(s)", misses.isEmpty)
        if let subnets = review.orderedFindings.first(where: { $0.area == "Subnets" }) {
            add("Network monitoring and reporting", "missing_subnets", subnets.title + " (\(subnets.streamsAffected) streams)", false)
        } else {
            add("Network monitoring and reporting", "missing_subnets", "no subnet with enough audio streams is missing from the building file", true)
        }
        let store = box.workspace.calls
        let end = today.adding(days: 1).epochSeconds, week = 7.0 * 86_400
        let all = CallQuery(), teams = try CallQuery().filter("product", .eq, .string("teams"))
        func share(_ from: Double, _ to: Double) throws -> Double? {
            let n = try store.count(all.between(from, to))
            return n == 0 ? nil : 100 * Double(try store.count(teams.between(from, to))) / Double(n)
        }
        let now = try share(end - week, end), before = try share(end - 2 * week, end - week)
        func pct(_ v: Double?) -> String { v.map { String((($0 * 10).rounded()) / 10) + " %" } ?? "no streams" }
        add("Measure usage (enablement phase)", "usage", "Teams share of streams \(pct(now)) in the last 7 days (\(pct(before)) the week before)",
            (now ?? 0) >= (before ?? 0))
        return ResultSet(columns: [Column("activity", .string), Column("check", .string), Column("result", .string),
                                   Column("status", .string, tones: ["ok": .good, "attention": .bad]), Column("as_of", .string)],
                         rows: rows, title: "operations checks on \(today.iso)", isListing: true)
    }

    private static func reviewReport(_ L: OpaquePointer) throws -> ReviewReport {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_checkstack(L, 4)
        guard lua_getglobal(L, "qer") != LUA_TNIL else { throw LuaError("ops:check: the review (qer) is not loaded; run with the standard library") }
        shim_newtable(L)
        guard bridge_pcall(L, 1, 1, 0) == LUA_OK else { throw LuaError("ops:check: qer: " + LuaStack(L).errorMessage(at: -1)) }
        guard let review = ReviewBinding.type.object(at: -1, L) else { throw LuaError("ops:check: qer{} did not return a review") }
        return review.report
    }
}
