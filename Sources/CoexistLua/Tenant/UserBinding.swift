import CoexistKit

/// One user as Lua holds them. A live user re-reads the tenant on every access, so `u.mode` is right after
/// `u:move(...)`; users handed to a `where` predicate or a `rows()` loop are pinned to the state the loop
/// started from, which keeps a 50,000-user scan from replaying the timeline per field.
public final class UserObject {
    let source: TenantSource
    let position: Int
    private var pinned: UserView?

    init(_ source: TenantSource, _ position: Int, pinned: UserView? = nil) {
        self.source = source
        self.position = position
        self.pinned = pinned
    }

    var view: UserView {
        if let pinned { return pinned }
        let tenant = source.tenant
        return tenant.view(position, in: tenant.state())
    }

    func unpin() { pinned = nil }
}

enum UserBinding {
    nonisolated(unsafe) static let type: LuaObjectType<UserObject> = makeType()

    /// The user with this UPN (case-insensitive, `sip:` allowed), or an error naming the nearest UPN.
    static func position(_ upn: String, in tenant: CoexistenceTenant, what: String) throws -> Int {
        if let p = tenant.directory.position(of: upn) { return p }
        throw LuaError("\(what): unknown user '\(upn)'" + didYouMean(upn, tenant.directory.users.map(\.upn)))
    }

    private static func text(_ s: String) -> LuaValue { s.isEmpty ? .nil : .string(s) }

    private static func makeType() -> LuaObjectType<UserObject> {
        let t = LuaObjectType<UserObject>("User", doc: """
            A user of the tenant as they stand today (or on the date of a tenant:as_of view).
            u:move("TeamsOnly", {on="2027-02-01"}) grants them a mode; print(u) for a one-line summary.
            """)
        t.field("upn", "user principal name") { .string($0.view.user.upn) }
        t.field("display_name", "display name") { text($0.view.user.displayName) }
        t.field("department", "department") { text($0.view.user.department) }
        t.field("city", "city") { text($0.view.user.city) }
        t.field("building", "building, as in the building file and the call records") { text($0.view.user.building) }
        t.field("country", "two-letter usage location") { text($0.view.user.country) }
        t.field("homing", "where the SfB account lives: \"online\" or \"on-premises\" (after planned moves)") { .string($0.view.homing.rawValue) }
        t.field("sip_address", "SIP address") { .string($0.view.user.sipAddress) }
        t.field("enterprise_voice", "Enterprise Voice enabled") { .boolean($0.view.user.enterpriseVoice) }
        t.field("phone_number", "phone number (LineURI), or nil") { text($0.view.user.phoneNumber) }
        t.field("audio_conferencing", "has an audio-conferencing licence") { .boolean($0.view.user.audioConferencing) }
        t.field("mailbox", "\"online\" or \"on-premises\" (meeting migration needs online)") { .string($0.view.user.mailbox.rawValue) }
        t.field("policy", "the TeamsUpgradePolicy granted to the user, or nil when the tenant global applies") { u in
            u.view.grantedPolicy.map { .string($0.name) } ?? .nil
        }
        t.field("effective_policy", "the policy in force: the user's grant, else the tenant global") { u in
            let v = u.view
            if let g = v.grantedPolicy { return .string(g.name) }
            let tenant = u.source.tenant
            return .string(tenant.state().globalPolicy.name)
        }
        t.field("mode", "the effective coexistence mode on the view's date (TeamsOnly for online users after SfB Online's retirement, 31 July 2021)") { .string($0.view.effectiveMode.rawValue) }
        t.field("policy_mode", "the mode the user's grant (or the tenant global) names; differs from mode only for online users after 31 July 2021") { .string($0.view.policyMode.rawValue) }
        t.field("notify_sfb_users", "NotifySfbUsers in force (always false for on-premises users)") { .boolean($0.view.notifySfbUsers) }
        t.field("cohort", "the upgrade cohort, or nil") { u in u.view.cohort.map { .string($0) } ?? .nil }
        t.field("runs_teams", "keeps the Teams client running") { .boolean($0.view.user.runsTeams) }
        t.field("runs_sfb", "keeps the Skype for Business client running") { .boolean($0.view.user.runsSfB) }
        t.field("reported_mode", "TeamsUpgradeEffectiveMode from the Get-CsOnlineUser import, or nil") { u in
            u.view.user.reportedEffectiveMode.map { .string($0.rawValue) } ?? .nil
        }
        t.method("move", "u:move(mode_or_policy, {on=, notify=, reason=, dry_run=}): grant the user a mode; returns a report") { u, call in
            let target = try call.string(1)
            let options = try OptionTable(try call.optTable(2), OptionTable.changeKeys, what: "move").changeOptions(u.source)
            let upn = u.view.user.upn
            let report = try u.source.apply("move", .moveUsers(upns: [upn], target: target, on: options.on, notify: options.notify), options)
            u.unpin()
            ChangeReportBinding.push(report, call.L)
            return 1
        }
        t.describe { u in
            let v = u.view
            var parts = [v.user.department, v.user.building, v.homing.rawValue].filter { !$0.isEmpty }
            let retired = v.policyMode != v.effectiveMode ? "; \(v.policyMode.rawValue) acts as TeamsOnly online since 31 July 2021" : ""
            parts.append(v.effectiveMode.rawValue + (v.grantedPolicy.map { " (granted \($0.name)\(retired))" } ?? " (tenant global\(retired))"))
            if let c = v.cohort { parts.append("cohort '\(c)'") }
            let name = v.user.displayName.isEmpty ? "" : " (\(v.user.displayName))"
            return "\(v.user.upn)\(name): " + parts.joined(separator: ", ")
        }
        t.metamethod("__eq") { call in
            guard let a = call.optObject(1, type), let b = call.optObject(2, type) else { return call.results(.boolean(false)) }
            return call.results(.boolean(a.position == b.position && a.source.isSame(as: b.source)))
        }
        return t
    }
}
