import Foundation
import CoexistKit

/// A five-person hybrid tenant small enough to reason about in each test.
public enum TestTenant {
    public static let today = PlanDay(year: 2026, month: 10, day: 1)
    public static let feb1 = PlanDay(year: 2027, month: 2, day: 1)

    public static let users = [
        User(upn: "ann@contoso.com", displayName: "Ann Smith", department: "Sales", building: "SEA-1",
             homing: .online, grantedPolicy: .upgradeToTeams),
        User(upn: "raj@contoso.com", displayName: "Raj Patel", department: "Sales", building: "NYC-1",
             homing: .onPremises, runsTeams: false),
        User(upn: "mei@contoso.com", displayName: "Mei Chen", department: "Finance", building: "NYC-1",
             homing: .onPremises, mailbox: .onPremises, grantedPolicy: UpgradePolicy.named("SfBWithTeamsCollab")),
        User(upn: "omar@contoso.com", displayName: "Omar Haddad", department: "Finance", building: "LON-1",
             homing: .online),
        User(upn: "lena@contoso.com", displayName: "Lena Muller", department: "HR", building: "BER-1",
             homing: .onPremises, enterpriseVoice: true, phoneNumber: "tel:+4930123"),
    ]

    public static func make() -> CoexistenceTenant {
        var t = CoexistenceTenant(users: users, global: UpgradePolicy.named("SfBWithTeamsCollab")!, today: today)
        try! t.defineCohort("Wave 1", members: [1, 2])
        try! t.defineCohort("Wave 2", members: [3, 4])
        return t
    }

    /// The same tenant in a workspace on a clock fixed at `today`, its two cohorts defined through the door
    /// (changes 1 and 2 of the journal, as they are change sets 1 and 2 of `make()`).
    public static func workspace() -> Workspace {
        let w = Workspace(name: "test", today: today, coexistence: {
            CoexistenceTenant(users: users, global: UpgradePolicy.named("SfBWithTeamsCollab")!, today: today)
        })
        try! w.apply(.defineCohort(name: "Wave 1", upns: ["raj@contoso.com", "mei@contoso.com"]), who: "alice", why: "test")
        try! w.apply(.defineCohort(name: "Wave 2", upns: ["omar@contoso.com", "lena@contoso.com"]), who: "alice", why: "test")
        return w
    }

    /// `change` through `w`'s door as `options()` makes it: by alice, for "test", an hour into `today`.
    @discardableResult
    public static func apply(_ change: Change, to w: Workspace) throws -> ChangeReport {
        try w.apply(change, who: "alice", why: "test", at: today.epochSeconds + 3600)
    }

    public static func options(_ day: PlanDay? = nil, notify: Bool? = nil, dryRun: Bool = false) -> ChangeOptions {
        ChangeOptions(on: day, notify: notify, reason: "test", who: "alice", at: today.epochSeconds + 3600, dryRun: dryRun)
    }

    public static func fixture(_ name: String, file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
