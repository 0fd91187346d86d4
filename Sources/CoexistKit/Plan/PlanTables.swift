/// The plan as result sets: what `plan:status()`, `plan:steps()`, `plan:roles()`, `plan:risks()` and
/// `ops:calendar{}` hand back, printable in every mode and savable like any query.
extension Plan {
    public func stepsTable(today: Day) -> ResultSet {
        let cols = [Column("phase", .string), Column("step", .int), Column("title", .string),
                    Column("status", .string, tones: ["done": .good, "skipped": .muted]),
                    Column("owner", .string), Column("start", .string), Column("due", .string), Column("late", .bool),
                    Column("note", .string)]
        let rows: [[ResultValue]] = steps(today: today).map { s in
            [.string(s.phase), .int(s.number), .string(s.title), .string(s.status.rawValue), s.owner.map { .string($0) } ?? .null,
             .string(s.start.iso), .string(s.due.iso), .bool(s.isLate(on: today)), s.note.map { .string($0) } ?? .null]
        }
        return ResultSet(columns: cols, rows: rows, title: "plan steps", isListing: true)
    }

    /// Progress by phase: steps done (or skipped) of all, how many are late, and the next open step.
    public func statusTable(today: Day) -> ResultSet {
        let cols = [Column("phase", .string), Column("done", .int), Column("steps", .int), Column("progress_pct", .double, decimals: 0),
                    Column("late", .int), Column("next", .string), Column("next_due", .string)]
        let all = steps(today: today)
        let rows: [[ResultValue]] = phases(today: today).map { p in
            let s = all.filter { $0.phase == p }
            let done = s.filter { !$0.isOpen }.count
            let next = s.filter(\.isOpen).min { $0.due < $1.due }
            return [.string(p), .int(done), .int(s.count), .double(100 * Double(done) / Double(max(1, s.count))),
                    .int(s.filter { $0.isLate(on: today) }.count), next.map { .string("\($0.number) \($0.title)") } ?? .null,
                    next.map { .string($0.due.iso) } ?? .null]
        }
        return ResultSet(columns: cols, rows: rows, title: "plan progress on \(today.iso)", isListing: true)
    }

    public func rolesTable(today: Day) -> ResultSet {
        let cols = [Column("role", .string), Column("team", .string), Column("contact", .string), Column("signed_off", .bool),
                    Column("flag", .string, tones: ["no owner": .bad, "not signed off": .warning]), Column("responsibility", .string)]
        let pilotSoon = pilotStart(today: today) != nil
        let rows: [[ResultValue]] = roles.map { r in
            let flag: ResultValue = !r.hasOwner ? .string("no owner") : (!r.signedOff && pilotSoon) ? .string("not signed off") : .null
            return [.string(r.name), r.team.map { .string($0) } ?? .null, r.contact.map { .string($0) } ?? .null,
                    .bool(r.signedOff), flag, .string(r.responsibility)]
        }
        return ResultSet(columns: cols, rows: rows, title: "roles", isListing: true)
    }

    /// Risks by exposure (likelihood × impact), highest first; ties by title.
    public func risksTable(openOnly: Bool = false) -> ResultSet {
        let cols = [Column("risk", .string), Column("likelihood", .int), Column("impact", .int), Column("exposure", .int),
                    Column("status", .string, tones: ["open": .warning, "closed": .muted]), Column("owner", .string),
                    Column("mitigation", .string), Column("source", .string)]
        let sorted = risks.filter { !openOnly || $0.status == .open }
            .sorted { $0.exposure != $1.exposure ? $0.exposure > $1.exposure : $0.title < $1.title }
        let rows: [[ResultValue]] = sorted.map { r in
            [.string(r.title), .int(r.likelihood), .int(r.impact), .int(r.exposure), .string(r.status.rawValue),
             r.owner.map { .string($0) } ?? .null, r.mitigation.map { .string($0) } ?? .null, r.source.map { .string($0) } ?? .null]
        }
        return ResultSet(columns: cols, rows: rows, title: "risks by exposure", isListing: true)
    }

    public func tasksTable() -> ResultSet {
        let cols = [Column("category", .string), Column("activity", .string), Column("cadence", .string), Column("role", .string),
                    Column("check", .string)]
        return ResultSet(columns: cols, rows: operationsTasks.map { t in
            [.string(t.category), .string(t.activity), .string(t.cadence.rawValue), .string(t.role), t.check.map { .string($0) } ?? .null]
        }, title: "operations tasks", isListing: true)
    }

    /// The calendar's dated tasks in [from, to]; `rolloutMoves`: the days of scheduled moves (cohorts, the global).
    public func calendarTable(from: Day, to: Day, rolloutMoves: [Day], today: Day) -> ResultSet {
        let calendar = OpsCalendar(anchor: start ?? today, rolloutMoves: rolloutMoves)
        let cols = [Column("date", .string), Column("weekday", .string), Column("category", .string), Column("activity", .string),
                    Column("cadence", .string), Column("role", .string), Column("team", .string), Column("rollout", .bool)]
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let rows: [[ResultValue]] = calendar.expand(operationsTasks, from: from, to: to).map { d, t in
            let cadence = t.cadence == .review ? (calendar.isRollout(d) ? "weekly (rollout)" : "monthly") : t.cadence.rawValue
            let team = roles.first { $0.name == t.role }?.team
            return [.string(d.iso), .string(names[d.weekday - 1]), .string(t.category), .string(t.activity), .string(cadence),
                    .string(t.role), team.map { .string($0) } ?? .null, .bool(calendar.isRollout(d))]
        }
        return ResultSet(columns: cols, rows: rows, title: "operations \(from.iso) to \(to.iso)", isListing: true)
    }
}
