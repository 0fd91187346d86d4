/// One change to a workspace, as a value: what `Workspace.apply` validates, applies and journals, what a
/// saved workspace stores and what a replay or a fork plays again. Users are named by UPN, never by their
/// position in the directory, because positions differ between processes and between users files.
///
/// Imports name their file by `FileStamp` (path, size, content hash) rather than carrying the data: a journal
/// stored in SQLite stays small, and a replay re-reads the file and refuses it when it is no longer the file
/// that was imported. What an import replaced is kept only in memory, in the journal entry, for undo.
public enum Change: Sendable, Codable, Equatable {
    /// Per-user grants (`user:move`, `users:move`); `target` is a mode name, a policy identity, or "Global"
    /// to remove the grant.
    case moveUsers(upns: [String], target: String, on: PlanDay? = nil, notify: Bool? = nil)
    /// `cohort:move`: grants every member the cohort has when the change is applied.
    case moveCohort(name: String, target: String, on: PlanDay? = nil, notify: Bool? = nil)
    /// Grant-CsTeamsUpgradePolicy -Global.
    case setGlobal(target: String, on: PlanDay? = nil, notify: Bool? = nil)
    /// `set_global(mode, {current=true})`: states what the global already is (not a dated move).
    case stateGlobal(target: String, notify: Bool? = nil)
    /// Create a cohort, replace its members (`replace`), or add to them.
    case defineCohort(name: String, upns: [String], groupId: String? = nil, replace: Bool = true)
    case removeFromCohort(name: String, upns: [String])
    case deleteCohort(name: String)
    /// `import_calls`: a streams CSV or Graph call records; `replace` empties the store first.
    case importCalls(FileStamp, skipBadRows: Bool = false, replace: Bool = false)
    /// `import_users`; `global` states the tenant's current global instead of inferring it.
    case importUsers(FileStamp, skipBadRows: Bool = false, global: String? = nil)
    /// `import_buildings`: the CQD building file replaces the subnet map.
    case importBuildings(FileStamp)
    /// `import_devices`: the certified-device catalogue is replaced.
    case importDevices(FileStamp)
    /// `set_wan(building, mbps)`: a building's WAN capacity, the attribute scenarios set its busy-hour Teams
    /// load against ("Prepare your organization's network for Microsoft Teams").
    case setBuildingWan(building: String, mbps: Double)
    /// An edit of the upgrade plan (`plan`, `ops`): steps, roles, goals, risks, operations roles.
    case plan(PlanEdit)

    /// A short name for the kind, as `changes` shows it.
    public var kind: String {
        switch self {
        case .moveUsers: "move"
        case .moveCohort: "cohort move"
        case .setGlobal: "set_global"
        case .stateGlobal: "state global"
        case .defineCohort: "cohort edit"
        case .removeFromCohort: "cohort remove"
        case .deleteCohort: "cohort delete"
        case .importCalls: "import_calls"
        case .importUsers: "import_users"
        case .importBuildings: "import_buildings"
        case .importDevices: "import_devices"
        case .setBuildingWan: "set_wan"
        case .plan: "plan"
        }
    }

    /// The file an import read, nil for other changes.
    public var file: FileStamp? {
        switch self {
        case let .importCalls(f, _, _), let .importUsers(f, _, _), let .importBuildings(f), let .importDevices(f): f
        default: nil
        }
    }
}

/// A day is stored as its day count: exact, and independent of any calendar formatting.
extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(daysSinceEpoch: try decoder.singleValueContainer().decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(daysSinceEpoch)
    }
}
