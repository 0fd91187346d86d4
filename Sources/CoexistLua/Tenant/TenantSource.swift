import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where a Lua object reads its tenant from: the live workspace (so `users`, `cohort("Pilot")` and
/// friends always see the latest moves) or a frozen copy made by `tenant:as_of(date)`, which refuses changes
/// because changing a past or future view would silently fork the plan.
public final class TenantSource {
    let workspace: Workspace?
    private let frozen: CoexistenceTenant?
    /// The journal as it stood when the view was made: what its PowerShell plan is made of.
    private let frozenJournal: Journal?
    /// The call records a frozen view measures network readiness with (the live workspace's).
    private let recordsOf: Workspace?

    public init(live workspace: Workspace) {
        self.workspace = workspace
        frozen = nil
        frozenJournal = nil
        recordsOf = workspace
    }

    public init(frozen tenant: CoexistenceTenant, records workspace: Workspace? = nil) {
        self.workspace = nil
        frozen = tenant
        frozenJournal = workspace?.journal
        recordsOf = workspace
    }

    /// The clock "now" is read from: the live workspace's (a frozen view reads its workspace's too, while its
    /// undated reads describe the view's own day).
    var clock: WorkspaceClock { (workspace ?? recordsOf)?.clock ?? .fixed(tenant.today) }

    /// The call records, for network readiness; nil for a view with none.
    var calls: CallStore? { recordsOf?.calls }

    /// Two sources read the same tenant: the same workspace, or the very same frozen view.
    func isSame(as other: TenantSource) -> Bool {
        if let w = workspace, let o = other.workspace { return w === o }
        return self === other
    }

    public var tenant: CoexistenceTenant { frozen ?? workspace!.coexistence }

    /// The one record of changes: the live workspace's journal, or for a view the journal it was made with.
    var journal: Journal { workspace?.journal ?? frozenJournal ?? Journal() }
    public var isReadOnly: Bool { frozen != nil }

    /// Sends a change through the live workspace's door (validated, applied, journaled; a failed or dry-run
    /// change leaves it exactly as it was). A frozen view refuses.
    func apply(_ what: String, _ change: Change, _ options: ChangeOptions) throws -> ChangeReport {
        try live(what).apply(change, who: options.who, why: options.reason, at: options.at, dryRun: options.dryRun)
    }

    /// The live workspace, or the error a read-only view gives for `what`.
    func live(_ what: String) throws -> Workspace {
        guard let workspace else {
            throw LuaError("\(what): this is a read-only view of \(tenant.today.iso); make changes on the live tenant")
        }
        return workspace
    }

    /// The UPNs of directory positions, as a change names users.
    func upns(_ positions: [Int]) -> [String] {
        let users = tenant.directory
        return positions.map { users[$0].upn }
    }

    /// A date argument as a plan day. Relative dates ("+2w", "today") count from the tenant's own today, so a
    /// demo tenant living on a fixed date plans the same way on every machine.
    func day(_ value: LuaValue, _ what: String) throws -> PlanDay {
        if case .string(let s) = value {
            do { return try LuaDate.parse(s, relativeTo: tenant.today.noon).day } catch let e as LuaDate.RangeError {
                throw LuaError("\(what): \(e)")
            } catch let e as LuaDate.ParseError {
                let hint = e.suggestions.isEmpty ? "" : "did you mean " + e.suggestions.map { "'\($0)'" }.joined(separator: " or ") + "? "
                throw LuaError("\(what): '\(s)' is not a date (\(e.reason.map { $0 + "; " } ?? "")\(hint)use \"2027-02-01\", \"+2w\" or date(...))")
            }
        }
        do { return PlanDay(epochSeconds: try LuaDateType.coerce(value, now: tenant.today.noon).epochSeconds) } catch let e as LuaDate.RangeError {
            throw LuaError("\(what): \(e)")
        } catch let e as LuaError where value.tableValue != nil {
            throw LuaError("\(what): \(e.message)")
        } catch {
            throw LuaError("\(what): date expected, got \(value.typeName)")
        }
    }

    func optionalDay(_ value: LuaValue, _ what: String) throws -> PlanDay? {
        value == .nil ? nil : try day(value, what)
    }

    /// Who makes changes: the login name, as the change log and the exported script record it.
    static var who: String { getenv("USER").map { String(cString: $0) } ?? "" }
}
