import CoexistKit

/// `tenant:as_of(date)`: the tenant as it stands on a date, read-only. Its users, cohorts and routes
/// describe that day; moves made through it are refused (make them on the live tenant with {on=date}).
enum TenantViewBinding {
    nonisolated(unsafe) static let type: LuaObjectType<TenantSource> = makeType()

    static func push(asOf value: LuaValue, _ source: TenantSource, _ call: LuaCall) throws -> Int32 {
        let day = try source.day(value, "as_of")
        call.push(TenantSource(frozen: source.tenant.asOf(day), records: source.workspace), type)
        return 1
    }

    private static func makeType() -> LuaObjectType<TenantSource> {
        let t = LuaObjectType<TenantSource>("TenantAsOf", doc: """
            The tenant on one date, read-only: v = tenant:as_of("2027-02-01"); v.users:where{mode="TeamsOnly"}:count(),
            v:cohort("Wave 2"):summary(), v:route{from=..., to=...}.
            """)
        t.field("date", "the date this view describes") { .date(LuaDate(epochSeconds: $0.tenant.today.epochSeconds)) }
        t.field("global", "the tenant global policy on that date") { .string($0.tenant.state().globalPolicy.name) }
        t.field("users", "the users as they stand on that date") { s, call in
            call.push(UsersBox(s), UsersBinding.type)
            return 1
        }
        t.field("cohorts", "the cohorts, with modes as of that date") { s, call in
            call.push(CohortsBox(s), CohortsBinding.type)
            return 1
        }
        addReaders(t)
        t.describe { s in
            let tenant = s.tenant
            let modes = tenant.effectiveModes()
            let counts = CoexistenceMode.allCases.compactMap { m -> String? in
                let n = modes.lazy.filter { $0 == m }.count
                return n > 0 ? "\(m.rawValue) \(n)" : nil
            }
            return "tenant as of \(tenant.today.iso) (read-only): global \(tenant.state().globalPolicy.name); "
                + counts.joined(separator: ", ")
        }
        return t
    }

    /// The reading methods the live tenant object and the dated views share.
    static func addReaders<T: AnyObject>(_ t: LuaObjectType<T>, source: @escaping (T) -> TenantSource) {
        t.method("user", "t:user(upn): one user (on the view's date, for an as_of view)") { obj, call in
            let s = source(obj)
            call.push(UserObject(s, try UserBinding.position(try call.string(1), in: s.tenant, what: "user")), UserBinding.type)
            return 1
        }
        t.method("cohort", "t:cohort(name): one cohort (counted on the view's date, for an as_of view)") { obj, call in
            try CohortBinding.push(named: try call.string(1), source(obj), call)
        }
        t.method("route", "t:route{from=, to=, client=, federated=}: where a chat or call lands (on the view's date, for an as_of view)") { obj, call in
            try RouteBinding.route(source(obj), call)
        }
        t.method("routing_matrix", "t:routing_matrix{by=\"cohort\"|\"mode\"}: routing between cohorts or modes (on the view's date, for an as_of view)") { obj, call in
            try RouteBinding.matrix(source(obj), call)
        }
    }

    private static func addReaders(_ t: LuaObjectType<TenantSource>) { addReaders(t) { $0 } }
}
