/// The one tenant the shell holds in memory: its users, cohorts and modes (`coexistence`) and its call
/// records (`calls`). Each part is made on first use.
public final class Workspace {
    public var name: String
    /// Where this workspace reads "now": a change's "when", `date()`, relative dates and the tenant's today.
    public let clock: WorkspaceClock
    private let coexistenceSlot: Lazy<CoexistenceTenant>
    private let callsSlot: Lazy<CallStore>
    /// Whether the store's cohort, department and user_city tables describe the current tenant; a change
    /// to either side clears it, and the next read of `calls` registers them again (once, not per query).
    var userDimensionsCurrent = false
    /// Every change since the workspace was made, in order (see `apply`, the only way in).
    public internal(set) var journal = Journal()
    /// The upgrade plan and its operations; written only by `apply` (`Change.plan`) and `undo`.
    public internal(set) var plan = Plan()
    /// How the starting tenant was made, so a saved workspace can make it again and replay its journal.
    public internal(set) var origin: WorkspaceOrigin = .code
    /// The SQLite file every change is committed to as it happens, while a workspace is open (`WorkspaceFile`).
    public internal(set) var file: WorkspaceFile?
    /// Each lesson's progress while a workspace file is open (`setTrainingProgress`), so a trainer can hand a
    /// room one file.
    public internal(set) var training: [String: TrainingProgress] = [:]
    /// Every scenario made on this workspace, by name, with its last run's result (`keepScenario`), so a saved
    /// or open workspace file holds them.
    public internal(set) var scenarios: [StoredScenario] = []
    /// The bytes of each users file imported (keyed by `FileStamp.contentKey`), kept so that a save stores
    /// them and opening replays the import from the workspace, not from a file that may have moved or changed.
    var importedBytes: [String: FileBytes] = [:]
    /// Opened `--readonly`: a view of a file another shell may be writing; every change is refused.
    public internal(set) var isReadOnly = false

    public init(name: String, clock: WorkspaceClock = .system, coexistence: @escaping () -> CoexistenceTenant,
                calls: @escaping () -> CallStore = { CallStore() }) {
        self.name = name
        self.clock = clock
        // The tenant reads its day from this workspace's clock, whatever clock it was made with.
        coexistenceSlot = Lazy {
            var tenant = coexistence()
            tenant.clock = clock
            return tenant
        }
        callsSlot = Lazy(calls)
    }

    /// A workspace whose clock is fixed at noon of `today`.
    public convenience init(name: String, today: Day, coexistence: @escaping () -> CoexistenceTenant,
                            calls: @escaping () -> CallStore = { CallStore() }) {
        self.init(name: name, clock: .fixed(today), coexistence: coexistence, calls: calls)
    }

    /// A workspace over values already made (a fork).
    init(name: String, clock: WorkspaceClock, tenant: CoexistenceTenant, store: CallStore, dimensionsCurrent: Bool, journal: Journal) {
        self.name = name
        self.clock = clock
        coexistenceSlot = Lazy(value: tenant)
        callsSlot = Lazy(value: store)
        userDimensionsCurrent = dimensionsCurrent
        self.journal = journal
    }

    /// The store as it is, without registering user dimensions (a fork copies it as it stands).
    var storeAsIs: CallStore { callsSlot.wrapped }

    /// The day the tenant lives on, from the clock: undated moves take effect then, and relative dates
    /// count from it.
    public var today: Day { clock.today }

    public static let unnamed = "coexist"

    /// A tenant with nothing in it, living on `clock`.
    public static func empty(clock: WorkspaceClock) -> Workspace {
        let w = Workspace(name: unnamed, clock: clock, coexistence: { CoexistenceTenant(clock: clock) })
        w.origin = .empty(day: clock.today)
        return w
    }

    /// A tenant with nothing in it whose clock is fixed on `today` (its `date()` reads that day too).
    public static func empty(today: Day) -> Workspace { empty(clock: .fixed(today)) }

    /// The day the demo tenant lives on unless a clock is given.
    public static let demoDay = Day(year: DemoPeople.today.year, month: DemoPeople.today.month, day: DemoPeople.today.day)

    /// The synthetic Contoso of `DemoPeople`, `users` people strong, on `clock` (default: fixed on `demoDay`,
    /// so "-7d" means the demo's last week on every machine).
    public static func demo(users: Int = DemoPeople.defaultUserCount, clock: WorkspaceClock? = nil) -> Workspace {
        let clock = clock ?? .fixed(demoDay)
        let day = clock.today
        let w = Workspace(name: DemoPeople.tenantName, clock: clock,
                          coexistence: { CoexistenceTenant.demo(userCount: users, today: day) },
                          calls: { DemoCalls.generate(DemoCallsOptions(users: users)) })
        w.origin = .demo(users: users, day: day)
        return w
    }

    /// The users, cohorts and modes; the tenant reads its `today` from this workspace's clock (a system clock's
    /// day moves on).
    /// Written only by `apply` and `undo` (and by tests setting up a starting point).
    public internal(set) var coexistence: CoexistenceTenant {
        get { coexistenceSlot.wrapped }
        set {
            var tenant = newValue
            tenant.clock = clock
            coexistenceSlot.wrapped = tenant
            userDimensionsCurrent = false
        }
    }

    /// Every media stream, columnar; replaced whole by a successful import. Its user dimensions (cohort,
    /// department, user_city) follow the tenant: a move, a cohort edit or an undo shows in the next query.
    public internal(set) var calls: CallStore {
        get {
            if !userDimensionsCurrent {
                let tenant = coexistence
                callsSlot.wrapped.registerUserDimensions(from: tenant)
                userDimensionsCurrent = true
            }
            return callsSlot.wrapped
        }
        set {
            callsSlot.wrapped = newValue
            userDimensionsCurrent = false
        }
    }

    /// How many of each kind of thing the tenant holds, in display order.
    public var counts: [(label: String, value: Int)] {
        [("users", coexistence.directory.count), ("cohorts", coexistence.cohorts.names.count),
         ("streams", calls.count)]
    }

    public var summary: String {
        "tenant \(name): " + counts.map { "\($0.value) \($0.label)" }.joined(separator: ", ")
    }
}
