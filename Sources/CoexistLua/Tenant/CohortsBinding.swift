import CoexistKit

/// Every cohort of a tenant (`cohorts`): an overview when printed, cohort objects by position.
public final class CohortsBox {
    let source: TenantSource
    init(_ source: TenantSource) { self.source = source }
}

enum CohortsBinding {
    nonisolated(unsafe) static let type: LuaObjectType<CohortsBox> = makeType()

    private static func makeType() -> LuaObjectType<CohortsBox> {
        let t = LuaObjectType<CohortsBox>("Cohorts", doc: """
            The upgrade cohorts. Printed: users, on-premises users and users per mode of each. #cohorts counts;
            cohorts[i] is a Cohort; for c in cohorts:each() do ... end; cohort("Pilot") picks one by name.
            """)
        t.method("table", "cohorts:table(): one row per cohort (users, on-premises, users per mode) as a result set") { box, call in
            ResultSetBinding.push(box.source.tenant.cohortOverview(), call.L)
            return 1
        }
        t.method("names", "cohorts:names(): the cohort names, in creation order") { box, call in
            call.results(.table(LuaTable(array: box.source.tenant.cohorts.names.map { .string($0) })))
        }
        t.method("each", "cohorts:each(): an iterator over the cohorts, for `for c in cohorts:each() do ... end`") { box, call in
            let names = box.source.tenant.cohorts.names
            var i = 0
            HostFunction("cohorts iterator") { call in
                guard i < names.count else { return call.results(.nil) }
                i += 1
                call.push(CohortObject(box.source, names[i - 1]), CohortBinding.type)
                return 1
            }.push(call.L)
            return 1
        }
        t.length { $0.source.tenant.cohorts.names.count }
        t.positional { box, i, call in
            let names = box.source.tenant.cohorts.names
            guard i >= 1 && i <= names.count else { return call.results(.nil) }
            call.push(CohortObject(box.source, names[i - 1]), CohortBinding.type)
            return 1
        }
        t.describe { box in
            ResultRenderer.render(box.source.tenant.cohortOverview(), RenderOptions(mode: .table, maxRows: 40)).trimmingTrailingNewline
        }
        return t
    }
}
