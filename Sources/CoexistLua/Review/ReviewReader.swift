import CLua
import CoexistKit

/// Reads a review description from a Lua table on the stack, with raw accesses only (nothing here can raise).
/// Errors name the path of the bad field: "sections[2].figures[1].target: number expected, got string".
struct ReviewReader {
    let L: OpaquePointer
    let index: Int32

    init(_ L: OpaquePointer, _ index: Int32) {
        self.L = L
        self.index = lua_absindex(L, index)
    }

    var stack: LuaStack { LuaStack(L) }

    func report() throws -> ReviewReport {
        let periods = try strings("periods", at: index, path: "periods")
        var sections: [ReviewSection] = []
        try each("sections", at: index, path: "sections") { i, path in
            sections.append(try section(at: i, path: path, periodCount: periods.count))
        }
        var findings: [ReviewFinding] = []
        try each("findings", at: index, path: "findings") { i, path in
            findings.append(ReviewFinding(area: try string("area", at: i, path: path) ?? "",
                                          title: try string("title", at: i, path: path) ?? "(untitled)",
                                          detail: try string("detail", at: i, path: path) ?? "",
                                          streamsAffected: try count("streams", at: i, path: path) ?? 0,
                                          remedy: try string("remedy", at: i, path: path) ?? ""))
        }
        return ReviewReport(title: try string("title", at: index, path: "title") ?? "Quality Experience Review",
                            scope: try string("scope", at: index, path: "scope") ?? "",
                            period: try string("period", at: index, path: "period") ?? "",
                            periods: periods, sections: sections, findings: findings)
    }

    private func section(at i: Int32, path: String, periodCount: Int) throws -> ReviewSection {
        var figures: [ReviewFigure] = []
        try each("figures", at: i, path: path + ".figures") { f, fpath in
            let direction = try string("direction", at: f, path: fpath) ?? "<="
            guard let dir = TargetDirection(rawValue: direction) else {
                throw LuaError("\(fpath).direction: '<=' or '>=' expected, got '\(direction)'")
            }
            figures.append(ReviewFigure(name: try string("name", at: f, path: fpath) ?? "(unnamed)",
                                        unit: try string("unit", at: f, path: fpath) ?? "%",
                                        value: try number("value", at: f, path: fpath),
                                        target: try number("target", at: f, path: fpath), direction: dir,
                                        previous: try number("previous", at: f, path: fpath),
                                        trend: try trend(at: f, path: fpath + ".trend", count: periodCount),
                                        streams: try count("streams", at: f, path: fpath) ?? 0,
                                        minStreams: try count("min_streams", at: f, path: fpath) ?? 0))
        }
        var tables: [ResultSet] = []
        try each("tables", at: i, path: path + ".tables") { t, tpath in
            guard let box = ResultSetBinding.type.object(at: t, L) else {
                throw LuaError("\(tpath): a result set expected, got \(stack.typeName(at: t))")
            }
            tables.append(box.resultSet)
        }
        return ReviewSection(name: try string("name", at: i, path: path) ?? "(unnamed)",
                             note: try string("note", at: i, path: path) ?? "", figures: figures, tables: tables)
    }

    /// The trend has one slot per period; a missing (nil) slot is a period without data.
    private func trend(at i: Int32, path: String, count: Int) throws -> [Double?] {
        guard push("trend", from: i) == LUA_TTABLE else { stack.pop(); return [] }
        defer { stack.pop() }
        let t = stack.top
        let n = max(count, Int(lua_rawlen(L, t)))
        return try (1...max(n, 1)).prefix(n).map { k in
            lua_rawgeti(L, t, lua_Integer(k))
            defer { stack.pop() }
            return try numberValue(at: stack.top, path: "\(path)[\(k)]")
        }
    }

    // MARK: raw field access

    @discardableResult
    private func push(_ key: String, from table: Int32) -> Int32 {
        stack.push(key)
        return lua_rawget(L, table)
    }

    private func string(_ key: String, at table: Int32, path: String) throws -> String? {
        push(key, from: table)
        defer { stack.pop() }
        switch lua_type(L, -1) {
        case LUA_TNIL: return nil
        case LUA_TSTRING: return stack.string(at: -1)
        case LUA_TNUMBER: return stack.value(at: -1).doubleValue.map { ValueFormatter.humanDouble($0, decimals: nil) }
        default: throw LuaError("\(path).\(key): string expected, got \(stack.typeName(at: -1))")
        }
    }

    private func number(_ key: String, at table: Int32, path: String) throws -> Double? {
        push(key, from: table)
        defer { stack.pop() }
        return try numberValue(at: stack.top, path: "\(path).\(key)")
    }

    /// A count of streams: a whole number from 0 to 10^15, refused otherwise (Int(1e309) traps).
    private func count(_ key: String, at table: Int32, path: String) throws -> Int? {
        guard let d = try number(key, at: table, path: path) else { return nil }
        guard d.isFinite, d >= 0, d <= 1e15, d == d.rounded() else {
            throw LuaError("\(path).\(key): \(d) is not a count (a whole number from 0)")
        }
        return Int(d)
    }

    private func numberValue(at idx: Int32, path: String) throws -> Double? {
        switch lua_type(L, idx) {
        case LUA_TNIL: return nil
        case LUA_TBOOLEAN where lua_toboolean(L, idx) == 0: return nil
        case LUA_TNUMBER:
            let d = stack.value(at: idx).doubleValue
            return d.flatMap { $0.isNaN ? nil : $0 }
        default: throw LuaError("\(path): number expected, got \(stack.typeName(at: idx))")
        }
    }

    private func strings(_ key: String, at table: Int32, path: String) throws -> [String] {
        var out: [String] = []
        try each(key, at: table, path: path) { i, p in
            guard let s = stack.string(at: i) else { throw LuaError("\(p): string expected, got \(stack.typeName(at: i))") }
            out.append(s)
        }
        return out
    }

    /// Calls body with the stack index of each item of the array at table[key] (absent: no items).
    private func each(_ key: String, at table: Int32, path: String, _ body: (Int32, String) throws -> Void) throws {
        let type = push(key, from: table)
        defer { stack.pop() }
        if type == LUA_TNIL { return }
        guard type == LUA_TTABLE else { throw LuaError("\(path): table expected, got \(stack.typeName(at: -1))") }
        let t = stack.top
        let n = lua_rawlen(L, t)
        guard n > 0 else { return }
        for k in 1...n {
            lua_rawgeti(L, t, lua_Integer(k))
            defer { stack.pop() }
            try body(stack.top, "\(path)[\(k)]")
        }
    }
}
