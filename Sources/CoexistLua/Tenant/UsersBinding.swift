import CLua
import CLuaBridge
import CoexistKit

/// A set of users: all of them (`users`) or a selection made by `where`. A selection keeps directory
/// positions, so it stays the same people while their modes change under moves.
public final class UsersBox {
    let source: TenantSource
    /// nil: every user of the tenant, including ones imported later.
    let selection: [Int]?
    init(_ source: TenantSource, _ selection: [Int]? = nil) {
        self.source = source
        self.selection = selection
    }

    var positions: [Int] { selection ?? Array(0..<source.tenant.directory.count) }
    var count: Int { selection?.count ?? source.tenant.directory.count }
}

enum UsersBinding {
    nonisolated(unsafe) static let type: LuaObjectType<UsersBox> = makeType()

    static let tableColumns = ["upn", "display_name", "department", "building", "country", "homing", "mode",
                               "policy", "cohort", "mailbox", "enterprise_voice"]

    /// The users as a result set, one row each, in directory order.
    static func resultSet(_ box: UsersBox, title: String? = nil) -> ResultSet {
        let tenant = box.source.tenant
        let state = tenant.state()
        let rows: [[ResultValue]] = box.positions.map { p in
            let v = tenant.view(p, in: state)
            func s(_ x: String) -> ResultValue { x.isEmpty ? .null : .string(x) }
            return [.string(v.user.upn), s(v.user.displayName), s(v.user.department), s(v.user.building), s(v.user.country),
                    .string(v.homing.rawValue), .string(v.effectiveMode.rawValue), v.grantedPolicy.map { .string($0.name) } ?? .null,
                    v.cohort.map(ResultValue.string) ?? .null, .string(v.user.mailbox.rawValue), .bool(v.user.enterpriseVoice)]
        }
        let types: [ColumnType] = Array(repeating: .string, count: tableColumns.count - 1) + [.bool]
        return ResultSet(columns: zip(tableColumns, types).map { Column($0, $1) }, rows: rows,
                         title: title ?? "\(box.count) users on \(tenant.today.iso)")
    }

    /// `where{field=value | {values...}}` or `where(function(u) ... end)`: the matching users of `box`.
    static func select(_ box: UsersBox, _ call: LuaCall, argument i: Int) throws -> [Int] {
        let tenant = box.source.tenant
        if call.isFunction(i) {
            let state = tenant.state()
            var kept: [Int] = []
            for (n, p) in box.positions.enumerated() {
                if n % 1024 == 0 { try call.checkInterrupt() }
                let u = UserObject(box.source, p, pinned: tenant.view(p, in: state))
                let keep = try call.call(i, nargs: 1) { UserBinding.type.push(u, call.L) }
                if keep != .nil && keep != .boolean(false) { kept.append(p) }
            }
            return kept
        }
        guard call.isTable(i) else {
            throw call.error(i, "a filter table such as {department=\"Sales\"} or a function(u) expected, got \(call.typeName(i))")
        }
        let fields = try filter(try call.table(i))
        for w in tenant.unknownFilterValues(fields) { Warnings.emit(call.L, "\(call.name): " + w) }
        let matching = try tenant.select(filter: fields)
        guard let selection = box.selection else { return matching }
        let wanted = Set(matching)
        return selection.filter { wanted.contains($0) }
    }

    /// A Lua filter table as field -> accepted values; booleans and numbers match their text.
    static func filter(_ t: LuaTable) throws -> [String: [String]] {
        if !t.array.isEmpty { throw LuaError("where: a filter names fields, e.g. {department=\"Sales\"}; for a list of users use make_cohort") }
        var result: [String: [String]] = [:]
        func text(_ v: LuaValue, _ key: String) throws -> String {
            switch v {
            case .string(let s): return s
            case .boolean(let b): return b ? "true" : "false"
            case .integer(let n): return String(n)
            default: throw LuaError("where: field '\(key)' wants a string, a boolean or a list of them, got \(v.typeName)")
            }
        }
        for (k, v) in t.fields {
            guard let key = k.stringValue else { throw LuaError("where: filter keys are field names, got \(k.typeName)") }
            if case .table(let list) = v { result[key] = try list.array.map { try text($0, key) } } else { result[key] = [try text(v, key)] }
        }
        return result
    }

    private static func makeType() -> LuaObjectType<UsersBox> {
        let t = LuaObjectType<UsersBox>("Users", doc: """
            The tenant's users, or a selection of them. #users counts; users["ann.smith@contoso.com"] or users[i] gives one;
            users:where{department="Sales"} or users:where(function(u) return u.mode == "Islands" end) selects.
            """)
        t.method("where", "us:where{field=value, ...} or us:where(function(u) ... end): the matching users (fields: " + CoexistenceTenant.filterFields.joined(separator: ", ") + ")") { box, call in
            call.push(UsersBox(box.source, try select(box, call, argument: 1)), type)
            return 1
        }
        t.method("count", "us:count(): how many users") { box, call in call.results(.integer(Int64(box.count))) }
        t.method("rows", "us:rows(): an iterator for `for u in us:rows() do ... end`") { box, call in
            let tenant = box.source.tenant
            let state = tenant.state()
            let positions = box.positions
            var i = 0
            HostFunction("users iterator") { call in
                guard i < positions.count else { return call.results(.nil) }
                i += 1
                call.push(UserObject(box.source, positions[i - 1], pinned: tenant.view(positions[i - 1], in: state)), UserBinding.type)
                return 1
            }.push(call.L)
            return 1
        }
        t.method("table", "us:table(): the users as a result set (upn, department, building, homing, mode, policy, cohort, ...)") { box, call in
            ResultSetBinding.push(resultSet(box), call.L)
            return 1
        }
        t.method("upns", "us:upns(): the UPNs as an array of strings") { box, call in
            let users = box.source.tenant.directory
            return call.results(.table(LuaTable(array: box.positions.map { .string(users[$0].upn) })))
        }
        t.method("get", "us:get(upn): one user by UPN (same as us[upn])") { box, call in
            call.push(UserObject(box.source, try member(box, try call.string(1), what: "get")), UserBinding.type)
            return 1
        }
        t.method("move", "us:move(mode_or_policy, {on=, notify=, reason=, dry_run=}): grant every user of the set a mode, all or nothing") { box, call in
            let target = try call.string(1)
            let options = try OptionTable(try call.optTable(2), OptionTable.changeKeys, what: "move").changeOptions(box.source)
            guard box.count > 0 else { throw LuaError("move: the selection is empty") }
            let upns = box.source.upns(box.positions)
            let report = try box.source.apply("move", .moveUsers(upns: upns, target: target, on: options.on, notify: options.notify), options)
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.length { $0.count }
        t.describe { box in
            ResultRenderer.render(resultSet(box), RenderOptions(mode: .table, maxRows: 10)).trimmingTrailingNewline
                + "\n(:table() for every row in the current .mode)"
        }
        // users[i] and users[upn]: LuaObjectType's own __index knows fields and methods only, so this one also
        // looks users up. Raw accesses only: it must never raise through Swift.
        t.metamethod("__index") { call in
            guard let box = call.optObject(1, type) else { throw LuaError("Users expected") }
            let L = call.L
            if lua_isinteger(L, 2) != 0 {
                let i = Int(shim_tointegerx(L, 2, nil))
                let positions = box.positions
                guard i >= 1 && i <= positions.count else { return call.results(.nil) }
                call.push(UserObject(box.source, positions[i - 1]), UserBinding.type)
                return 1
            }
            guard let key = call.stack.string(at: 2) else {
                throw LuaError("users are indexed by UPN or position, not by \(call.stack.typeName(at: 2))")
            }
            if type.members.contains(where: { $0.name == key && $0.isMethod }) {
                // A script may have emptied or replaced __methods: check each step, since lua_rawget on a
                // non-table reads garbage.
                lua_settop(L, 2)
                if lua_getmetatable(L, 1) != 0 {
                    call.stack.push("__methods")
                    if lua_rawget(L, -2) == LUA_TTABLE {
                        call.stack.push(key)
                        if lua_rawget(L, -2) == LUA_TFUNCTION { return 1 }
                    }
                }
                throw LuaError("users: the method '\(key)' was removed from the metatable")
            }
            call.push(UserObject(box.source, try member(box, key, what: "users")), UserBinding.type)
            return 1
        }
        return t
    }

    /// The position of `upn` when that user is in the box, else an error with the nearest UPN or method name.
    static func member(_ box: UsersBox, _ upn: String, what: String) throws -> Int {
        let tenant = box.source.tenant
        if let p = tenant.directory.position(of: upn), box.selection?.contains(p) ?? true { return p }
        let candidates = box.positions.map { tenant.directory[$0].upn } + type.members.map(\.name)
        throw LuaError("\(what): no user '\(upn)' here" + didYouMean(upn, candidates))
    }
}
