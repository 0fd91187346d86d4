/// One applied change set: who made it, when, what and why, and what it takes to revert it.
public struct ChangeLogEntry: Sendable, Equatable {
    public var id: Int
    /// When the change was made (seconds since the Unix epoch, UTC), passed in by the caller.
    public var when: Double
    public var who: String
    public var what: String
    public var why: String
    /// The day it takes effect, for mode and policy changes; nil for cohort membership changes.
    public var day: PlanDay?
    public var report: ChangeReport
    /// Cohort membership before this change, for undo of cohort edits.
    var cohortsBefore: CohortTable?
}

/// Every change set in the order it was made; `undo` pops the last one.
public struct ChangeLog: Sendable, Equatable {
    public internal(set) var entries: [ChangeLogEntry] = []
    var nextId = 1

    public var count: Int { entries.count }

    public func table() -> ResultSet {
        let columns = [Column("id", .int), Column("when", .date), Column("who", .string), Column("effective", .string),
                       Column("what", .string), Column("why", .string), Column("users", .int), Column("warnings", .int)]
        let rows: [[ResultValue]] = entries.map { e in
            [.int(e.id), .date(e.when), .string(e.who), e.day.map { .string($0.iso) } ?? .null, .string(e.what),
             .string(e.why), .int(e.report.changes.count), .int(e.report.warnings.count)]
        }
        return ResultSet(columns: columns, rows: rows, title: "change log")
    }
}
