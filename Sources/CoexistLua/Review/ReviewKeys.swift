/// The keys `review.report{...}` reads at each level, checked by the one option checker before the report is
/// read, so a misspelt `titel=` or `remdy=` is refused with the closest key instead of dropped. The values'
/// types are checked by `ReviewReader`, which names the path of a bad one.
enum ReviewKeys {
    static func keys(_ names: [String]) -> [String: OptionType] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, OptionType.any) })
    }

    static let report = keys(["title", "scope", "period", "periods", "sections", "findings"])
    static let section = keys(["name", "note", "figures", "tables"])
    /// `cause`, `keep` and `subject` are the review's own bookkeeping (stdlib/qer.lua merges findings by cause and
    /// slice): known keys that the report carries and does not show.
    static let figure = keys(["name", "unit", "value", "target", "direction", "previous", "trend", "streams", "min_streams",
                              "cause", "keep"])
    static let finding = keys(["area", "title", "detail", "streams", "remedy", "subject", "cause", "keep"])

    static func check(_ value: LuaValue) throws {
        guard let t = value.tableValue else { return }
        try fields(t, report, "review.report")
        for (i, s) in (t["sections"].tableValue?.array ?? []).enumerated() {
            guard let section = s.tableValue else { continue }
            let path = "review.report: sections[\(i + 1)]"
            try fields(section, self.section, path)
            for (j, f) in (section["figures"].tableValue?.array ?? []).enumerated() {
                if let figure = f.tableValue { try fields(figure, self.figure, path + ".figures[\(j + 1)]") }
            }
        }
        for (i, f) in (t["findings"].tableValue?.array ?? []).enumerated() {
            if let finding = f.tableValue { try fields(finding, self.finding, "review.report: findings[\(i + 1)]") }
        }
    }

    /// Named keys only: the sequence part of these tables is never read as options.
    private static func fields(_ t: LuaTable, _ keys: [String: OptionType], _ what: String) throws {
        _ = try OptionTable(LuaTable(fields: t.fields), keys, what: what)
    }
}
