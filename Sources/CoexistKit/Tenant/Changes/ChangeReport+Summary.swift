/// A change report's summary as a result set of (item, detail) rows: what changed, its id and date, how many
/// users, the global change, then every warning, notice, meeting-migration list and caveat. The shell
/// renders it through the output modes like any result, beside the per-user `table()`.
extension ChangeReport {
    public func summary() -> ResultSet {
        var rows: [[ResultValue]] = []
        func add(_ item: String, _ detail: String) { rows.append([.string(item), .string(detail)]) }
        add("change", what)
        if let id { add("id", String(id)) }
        add("status", dryRun ? "dry run: nothing changed" : scheduled ? "scheduled" : "applied")
        if let day { add("on", day.iso) }
        if let cohort { add("cohort", cohort) }
        if day != nil || !changes.isEmpty {
            add("users", "\(changes.count) \(dryRun ? "would change" : "changed")"
                + (unchangedUsers > 0 ? ", \(unchangedUsers) unchanged" : ""))
        }
        if let g = globalChange { add("tenant global", "\(g.from.name) -> \(g.to.name)") }
        for w in warnings { add("warning", w) }
        for n in notices { add("notice", n) }
        if !meetingMigrationUsers.isEmpty { add("meeting migration (automatic)", "\(meetingMigrationUsers.count) user(s)") }
        if !manualMeetingMigrationUsers.isEmpty {
            add("meeting migration (Start-CsExMeetingMigration)", "\(manualMeetingMigrationUsers.count) user(s)")
        }
        for c in caveats { add("caveat", c) }
        return ResultSet(columns: [Column("item", .string), Column("detail", .string)], rows: rows,
                         title: (dryRun ? "dry run: " : "") + what)
    }
}
