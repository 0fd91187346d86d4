import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

extension LuaEngine {
    /// The globals every session has, sandboxed or not.
    func installBuiltins() {
        register("print", doc: "print(...): writes the values, tab-separated, to the shell's output (see .output)") { call in
            var parts: [String] = []
            for i in 1...max(call.count, 1) where i <= call.count {
                if bridge_tostring(call.L, call.slot(i)) != LUA_OK {
                    let message = call.stack.string(at: -1) ?? "error in __tostring"
                    call.stack.pop()
                    throw LuaError(message)
                }
                parts.append(call.stack.string(at: -1) ?? "")
                call.stack.pop()
            }
            OutputStream.current(call.L).write(parts.joined(separator: "\t") + "\n")
            return 0
        }
        register("date", doc: "date(x): a date from \"2026-10-01\", \"2026-10-01T08:30Z\", \"-7d\", \"+2w\", \"-3m\", \"today\", os.time() seconds or {year=,month=,day=}; date() is now, by the tenant's clock") { [unowned self] call in
            call.isNoneOrNil(1) ? call.results(.date(self.clock.now)) : call.results(.date(try call.date(1)))
        }
        register("result", doc: "result(records [, columns]): a result set from an array of records, e.g. result{{name=\"a\", n=1}, {name=\"b\", n=2}}") { call in
            let records = try call.table(1)
            let order = try call.optTable(2)?.array.compactMap(\.stringValue)
            let rs = try ResultSetBuilder.build(records.array, columns: order)
            ResultSetBinding.push(rs, call.L)
            return 1
        }
        register("help", doc: "help(x): what x is and how to use it; help() lists what there is") { [unowned self] call in
            let text = call.count == 0 ? self.overview() : self.help(forArgument: call)
            OutputStream.current(call.L).write(text + "\n")
            return 0
        }
        installCheckOptions()
        registerType(ResultSetBinding.type)
        documentStandardLibrary()
    }
}

/// Builds a result set from Lua records, inferring each column's type from its values.
enum ResultSetBuilder {
    static func build(_ records: [LuaValue], columns order: [String]?) throws -> ResultSet {
        var names: [String] = order ?? []
        var seen = Set(names)
        for (i, r) in records.enumerated() {
            guard let t = r.tableValue else { throw LuaError("bad argument #1 to 'result' (record \(i + 1) is a \(r.typeName), not a table)") }
            if order == nil {
                for key in t.stringKeys.sorted() where !seen.contains(key) {
                    seen.insert(key)
                    names.append(key)
                }
            }
        }
        let rows: [[ResultValue]] = records.map { r in
            let t = r.tableValue!
            return names.map { resultValue(t[$0]) }
        }
        let columns = names.enumerated().map { c, name in Column(name, inferType(rows.map { $0[c] })) }
        return ResultSet(columns: columns, rows: rows)
    }

    static func resultValue(_ v: LuaValue) -> ResultValue {
        switch v {
        case .nil, .opaque, .table: return .null
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .int(Int(i))
        case .number(let d): return .double(d)
        case .string(let s): return .string(s)
        case .date(let d): return .date(d.epochSeconds)
        }
    }

    static func inferType(_ values: [ResultValue]) -> ColumnType {
        var type: ColumnType?
        for v in values {
            let t: ColumnType
            switch v {
            case .null: continue
            case .bool: t = .bool
            case .int: t = .int
            case .double: t = .double
            case .string: t = .string
            case .date: t = .date
            }
            if type == nil { type = t } else if type != t {
                type = (type == .int && t == .double) || (type == .double && t == .int) ? .double : .string
            }
        }
        return type ?? .string
    }
}
