/// Every change a workspace has taken, in order, and the only record of them: what `undo` pops, what
/// `changes` shows, what the PowerShell plan is made of, what a replay or a saved workspace plays again and
/// what a fork inherits. An entry's `record` is its stored form.
public struct Journal: Sendable {
    public internal(set) var entries: [JournalEntry] = []
    var nextId = 1

    public init() {}

    public var count: Int { entries.count }

    /// The stored form of every entry, in order: what `Workspace.replay` takes.
    public var records: [JournalRecord] { entries.map(\.record) }

    public func table() -> ResultSet {
        let columns = [Column("id", .int), Column("when", .date), Column("who", .string), Column("kind", .string),
                       Column("effective", .string), Column("what", .string), Column("why", .string),
                       Column("users", .int), Column("warnings", .int)]
        let rows: [[ResultValue]] = entries.map { e in
            [.int(e.id), .date(e.at), .string(e.who), .string(e.change.kind), e.report.day.map { .string($0.iso) } ?? .null,
             .string(e.report.what), .string(e.why), .int(e.report.changes.count), .int(e.report.warnings.count)]
        }
        return ResultSet(columns: columns, rows: rows, title: "change log")
    }
}

/// One applied change: who, when, what, why, what it did, and (in memory only) how to revert it.
public struct JournalEntry: Sendable {
    public let id: Int
    public let who: String
    /// The workspace's day when the change was made.
    public let when: PlanDay
    /// The instant the caller passed (seconds since the Unix epoch, UTC).
    public let at: Double
    public let change: Change
    public let why: String
    public let report: ChangeReport
    let revert: Revert

    /// The day a mode or policy change takes effect; nil for cohort edits and imports.
    public var day: PlanDay? { report.day }
    public var what: String { report.what }

    /// A dated change set of the tenant (a grant, a cohort move, the global): a section of the PowerShell plan.
    public var isPlanned: Bool {
        guard report.day != nil else { return false }
        switch change {
        case .moveUsers, .moveCohort, .setGlobal: return true
        default: return false
        }
    }

    public var record: JournalRecord {
        JournalRecord(id: id, who: who, when: when, at: at, change: change, why: why, what: report.what)
    }
}

/// How an entry is reverted. What an import replaced is held here, not in the record: the previous tenant or
/// store shares its unchanged columns with the current one (copy-on-write), and a saved journal would not want
/// whole stores in it; a saved workspace stores the data once, and the journal names the files.
enum Revert: Sendable {
    /// Take the change set's entry out of the policy timeline (grants, cohort moves, the global).
    case timelineEntry(Int)
    /// Put back cohort membership as it was (cohort edits).
    case cohorts(CohortTable)
    /// Put back the tenant as it was (users imports, a stated global).
    case tenant(CoexistenceTenant)
    /// Put back the call store as it was (streams, building file, device catalogue).
    case calls(CallStore)
    /// Put back the plan as it was (plan edits).
    case plan(Plan)
    /// A store-changing import replayed from a workspace file: the file holds the store after it, not before.
    case beforeOpen
}

/// A journal entry as it is stored or sent: the change and its provenance; the report is derived, so it keeps
/// only its headline, and a replay makes the rest again.
public struct JournalRecord: Sendable, Codable, Equatable {
    public var id: Int
    public var who: String
    public var when: PlanDay
    public var at: Double
    public var change: Change
    public var why: String
    public var what: String
}
