/// The one tenant the shell holds in memory: its users, cohorts and modes (`coexistence`) and its call
/// records (`calls`). Each part is made on first use.
public final class Workspace {
    public var name: String
    /// The day the tenant lives on: undated moves take effect then, and relative dates count from it.
    /// nil means the real today.
    public let today: PlanDay?
    private let coexistenceSlot: Lazy<CoexistenceTenant>
    private let callsSlot: Lazy<CallStore>
    /// Whether the store's cohort, department and user_city tables describe the current tenant; a change
    /// to either side clears it, and the next read of `calls` registers them again (once, not per query).
    var userDimensionsCurrent = false
    /// Every change since the workspace was made, in order (see `apply`, the only way in).
    public internal(set) var journal = Journal()

    public init(name: String, today: PlanDay? = nil, coexistence: @escaping () -> CoexistenceTenant,
                calls: @escaping () -> CallStore = { CallStore() }) {
        self.name = name
        self.today = today
        coexistenceSlot = Lazy(coexistence)
        callsSlot = Lazy(calls)
    }

    /// A workspace over values already made (a fork).
    init(name: String, today: PlanDay?, tenant: CoexistenceTenant, store: CallStore, dimensionsCurrent: Bool, journal: Journal) {
        self.name = name
        self.today = today
        coexistenceSlot = Lazy(value: tenant)
        callsSlot = Lazy(value: store)
        userDimensionsCurrent = dimensionsCurrent
        self.journal = journal
    }

    /// The store as it is, without registering user dimensions (a fork copies it as it stands).
    var storeAsIs: CallStore { callsSlot.wrapped }

    public static let unnamed = "coexist"

    /// A tenant with nothing in it.
    public static func empty(today: PlanDay) -> Workspace {
        Workspace(name: unnamed, coexistence: { CoexistenceTenant(today: today) })
    }

    /// The synthetic Contoso of `DemoPeople`, `users` people strong.
    public static func demo(users: Int = DemoPeople.defaultUserCount) -> Workspace {
        let day = PlanDay(year: DemoPeople.today.year, month: DemoPeople.today.month, day: DemoPeople.today.day)
        return Workspace(name: DemoPeople.tenantName, today: day,
                         coexistence: { CoexistenceTenant.demo(userCount: users, today: day) },
                         calls: { DemoCalls.generate(DemoCallsOptions(users: users)) })
    }

    /// Written only by `apply` and `undo` (and by tests setting up a starting point).
    public internal(set) var coexistence: CoexistenceTenant {
        get { coexistenceSlot.wrapped }
        set {
            coexistenceSlot.wrapped = newValue
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
