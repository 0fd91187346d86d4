import CoexistKit

/// One Lua table for every import's report (`import_calls`, `import_users`): the same names for the same
/// counts, whichever importer ran, and the fields only one importer has when it set them.
enum ImportReportTable {
    static func value(_ r: ImportReport, users: Bool) -> LuaValue {
        func strings(_ list: [String]) -> LuaValue { .table(LuaTable(array: list.map { .string($0) })) }
        var fields: [(LuaValue, LuaValue)] = [
            (.string("rows_read"), .integer(Int64(r.rowsRead))),
            (.string("imported"), .integer(Int64(r.imported))),
            (.string("skipped"), .integer(Int64(r.skipped))),
            (.string("reasons"), strings(r.skipReasons.map(\.description))),
            (.string("warnings"), strings(r.warnings)),
            (.string("notices"), strings(r.notices)),
        ]
        if users {
            fields += [(.string("added"), .integer(Int64(r.added))), (.string("replaced"), .integer(Int64(r.replaced))),
                       (.string("mismatches"), strings(r.mismatches))]
            if let f = r.format { fields.append((.string("format"), .string(f.rawValue))) }
            if let e = r.encoding { fields.append((.string("encoding"), .string(e.rawValue))) }
            if let g = r.global { fields.append((.string("global"), .string(g.name))) }
        } else {
            fields.append((.string("duplicates"), .integer(Int64(r.duplicates))))
            if r.usersWithoutUPN > 0 { fields.append((.string("users_without_upn"), .integer(Int64(r.usersWithoutUPN)))) }
        }
        return .table(LuaTable(fields: fields))
    }
}
