/// The one tenant the shell holds in memory: its users, cohorts and modes (`coexistence`) and its call
/// records (`calls`). Each part is made on first use.
public final class Workspace {
    public var name: String
    /// The day the tenant lives on: undated moves take effect then, and relative dates count from it.
    /// nil means the real today.
    public let today: PlanDay?
    private let coexistenceSlot: Lazy<CoexistenceTenant>
    private let callsSlot: Lazy<CallStore>

    public init(name: String, today: PlanDay? = nil, coexistence: @escaping () -> CoexistenceTenant,
                calls: @escaping () -> CallStore = { CallStore() }) {
        self.name = name
        self.today = today
        coexistenceSlot = Lazy(coexistence)
        callsSlot = Lazy(calls)
    }

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

    public var coexistence: CoexistenceTenant {
        get { coexistenceSlot.wrapped }
        set { coexistenceSlot.wrapped = newValue }
    }

    /// Every media stream, columnar; replaced whole by a successful import.
    public var calls: CallStore {
        get { callsSlot.wrapped }
        set { callsSlot.wrapped = newValue }
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
