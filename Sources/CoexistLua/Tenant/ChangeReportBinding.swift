import CoexistKit

/// A change report as Lua holds it; `heading` says what happened to it ("dry run", "undone").
public final class ChangeReportBox {
    public let report: ChangeReport
    let heading: String?
    init(_ report: ChangeReport, heading: String? = nil) {
        self.report = report
        self.heading = heading
    }
}

/// What a move, a cohort edit or an undo returns: it prints what changed, the warnings, the users sent through
/// meeting migration and the caveats, and offers the per-user detail as a result set.
enum ChangeReportBinding {
    nonisolated(unsafe) static let type: LuaObjectType<ChangeReportBox> = makeType()

    static func push(_ report: ChangeReport, heading: String? = nil, _ L: OpaquePointer) {
        type.push(ChangeReportBox(report, heading: heading), L)
    }

    private static func strings(_ list: [String]) -> LuaValue { .table(LuaTable(array: list.map { .string($0) })) }

    private static func makeType() -> LuaObjectType<ChangeReportBox> {
        let t = LuaObjectType<ChangeReportBox>("ChangeReport", doc: """
            What a change did (or, for a dry run, would do): print it for a summary (in .mode table as sentences, in the
            other modes rendered in that mode); r:summary() is that summary as rows, r:table() lists every user.
            """)
        t.field("id", "the change-log id (nil for a dry run)") { b in b.report.id.map { .integer(Int64($0)) } ?? .nil }
        t.field("what", "one line saying what changed") { .string($0.report.what) }
        t.field("day", "the date it takes effect (nil for cohort edits)") { b in
            b.report.day.map { .date(LuaDate(epochSeconds: $0.epochSeconds)) } ?? .nil
        }
        t.field("scheduled", "true when dated after the tenant's today") { .boolean($0.report.scheduled) }
        t.field("dry_run", "true when nothing was changed") { .boolean($0.report.dryRun) }
        t.field("cohort", "the cohort moved or edited, or nil") { b in b.report.cohort.map { .string($0) } ?? .nil }
        t.field("changed", "how many users change") { .integer(Int64($0.report.changes.count)) }
        t.field("unchanged", "how many users already had the grant") { .integer(Int64($0.report.unchangedUsers)) }
        t.field("users", "the UPNs of the users that change") { strings($0.report.changes.map(\.upn)) }
        t.field("warnings", "rule consequences to act on (array of strings)") { strings($0.report.warnings) }
        t.field("notices", "side effects such as users taken from another cohort") { strings($0.report.notices) }
        t.field("caveats", "meeting-migration caveats") { strings($0.report.caveats) }
        t.field("meeting_migration", "users whose meetings Microsoft migrates by itself") { strings($0.report.meetingMigrationUsers) }
        t.field("manual_meeting_migration", "users who need Start-CsExMeetingMigration") {
            strings($0.report.manualMeetingMigrationUsers)
        }
        t.field("move_to_teams", "on-premises users planned as Move-CsUser -MoveToTeams") { strings($0.report.moveToTeamsUsers) }
        t.method("table", "r:table(): one row per changed user (upn, cohort, action, modes, policies, meeting migration)") { b, call in
            ResultSetBinding.push(b.report.table(), call.L)
            return 1
        }
        t.method("summary", "r:summary(): what changed, the warnings, notices and caveats as (item, detail) rows") { b, call in
            ResultSetBinding.push(b.report.summary(), call.L)
            return 1
        }
        t.length { $0.report.changes.count }
        t.describe(inState: { box, L in render(box, RenderSettings.current(L)) })
        return t
    }

    /// In `.mode table` the summary reads as sentences; in the other modes it is rendered in that mode, the summary
    /// and the per-user table for documents (markdown, html, line), the per-user rows alone for csv and json,
    /// which programs read.
    static func render(_ box: ChangeReportBox, _ options: RenderOptions) -> String {
        switch options.mode {
        case .table, .box, .ascii: return describe(box)
        case .csv, .tsv, .json: return ResultRenderer.render(box.report.table(), options).trimmingTrailingNewline
        case .markdown, .html, .line:
            var text = ResultRenderer.render(box.report.summary(), options)
            if !box.report.changes.isEmpty { text += "\n" + ResultRenderer.render(box.report.table(), options) }
            return text.trimmingTrailingNewline
        }
    }

    static func describe(_ box: ChangeReportBox) -> String {
        let r = box.report
        var tag: [String] = []
        if let id = r.id { tag.append("change \(id)") }
        if r.dryRun { tag.append("dry run: nothing changed") }
        if r.scheduled { tag.append("scheduled") }
        var lines = [(box.heading.map { $0 + ": " } ?? "") + r.what + (tag.isEmpty ? "" : " [" + tag.joined(separator: ", ") + "]")]
        if r.day != nil || !r.changes.isEmpty {
            lines.append("  \(r.changes.count) user(s) \(r.dryRun ? "would change" : "changed")"
                + (r.unchangedUsers > 0 ? ", \(r.unchangedUsers) unchanged" : ""))
        }
        if let g = r.globalChange { lines.append("  tenant global: \(g.from.name) -> \(g.to.name)") }
        for w in r.warnings { lines.append("  warning: " + w) }
        for n in r.notices { lines.append("  notice: " + n) }
        let auto = r.meetingMigrationUsers, manual = r.manualMeetingMigrationUsers
        if !auto.isEmpty { lines.append("  meeting migration (automatic): \(sample(auto))") }
        if !manual.isEmpty { lines.append("  meeting migration (Start-CsExMeetingMigration): \(sample(manual))") }
        for c in r.caveats { lines.append("  caveat: " + c) }
        if !r.changes.isEmpty { lines.append("  :table() lists every user") }
        return lines.joined(separator: "\n")
    }

    /// "3 user(s): a, b, c" or the first few and a count, so a 50,000-user move prints in a few lines.
    static func sample(_ upns: [String], limit: Int = 3) -> String {
        let shown = upns.prefix(limit).joined(separator: ", ")
        return "\(upns.count) user(s): " + shown + (upns.count > limit ? ", ..." : "")
    }
}
