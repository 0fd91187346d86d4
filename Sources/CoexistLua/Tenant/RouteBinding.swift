import CoexistKit

/// A route outcome with the question that produced it, so it prints as a sentence.
public final class RouteBox {
    let outcome: RouteOutcome
    let from: String
    let to: String
    let client: ClientApp
    let federated: Bool
    let day: PlanDay
    init(_ outcome: RouteOutcome, from: String, to: String, client: ClientApp, federated: Bool, day: PlanDay) {
        self.outcome = outcome
        self.from = from
        self.to = to
        self.client = client
        self.federated = federated
        self.day = day
    }
}

/// `route{from=, to=, client=, federated=, on=}`: where a new chat or call lands ("Coexistence with Skype for Business").
enum RouteBinding {
    nonisolated(unsafe) static let type: LuaObjectType<RouteBox> = makeType()

    /// `from` and `to` are read by `party`, whose errors say what to pass instead (u.upn for a User object).
    static let keys: [String: OptionType] = ["from": .any, "to": .any, "client": .string, "federated": .boolean, "on": .date]
    static let partyKeys: [String: OptionType] = ["mode": .string, "homing": .string, "runs_teams": .boolean, "runs_sfb": .boolean]

    static func route(_ source: TenantSource, _ call: LuaCall) throws -> Int32 {
        let opts = try OptionTable(try call.table(1), keys, what: "route")
        let tenant = source.tenant
        let day = try source.optionalDay(opts["on"], "route: option 'on'") ?? tenant.today
        let sender = try party(opts["from"], "from", tenant, day)
        let recipient = try party(opts["to"], "to", tenant, day)
        let client = try opts.string("client").map { (c: String) throws -> ClientApp in try ClientApp.parse(c) }
        // A party described by mode is outside the tenant, so the conversation is federated.
        let external = sender.party.upn == nil || recipient.party.upn == nil
        let federatedOption = try opts.bool("federated")
        if external && federatedOption == false {
            throw LuaError("route: a party given as {mode=...} is outside the tenant, so the route is federated; drop federated=false")
        }
        let federated = federatedOption ?? external
        let outcome = tenant.route(from: sender.party, to: recipient.party, client: client, federated: federated)
        call.push(RouteBox(outcome, from: sender.label, to: recipient.label, client: client ?? sender.party.defaultClient,
                           federated: federated, day: day), type)
        return 1
    }

    /// A UPN, or `{mode=, homing=, runs_teams=, runs_sfb=}` for someone in another tenant; both as Kit's
    /// `EffectiveMode` has them on `day`.
    private static func party(_ value: LuaValue, _ key: String, _ tenant: CoexistenceTenant,
                              _ day: PlanDay) throws -> (party: RouteParty, label: String) {
        switch value {
        case .string(let upn):
            let p = tenant.party(at: try UserBinding.position(upn, in: tenant, what: "route: '\(key)'"), on: day)
            return (p, "\(p.upn ?? upn) (\(p.mode.rawValue), \(p.homing.rawValue))")
        case .table(let t):
            let o = try OptionTable(t, partyKeys, what: "route: '\(key)'")
            guard let modeName = try o.string("mode") else { throw LuaError("route: '\(key)' needs a UPN or {mode=...}") }
            let mode = try CoexistenceMode.parse(modeName)
            let homing = try o.string("homing").map { (h: String) throws -> UserHoming in
                guard let v = UserHoming.allCases.first(where: { $0.rawValue == h.lowercased() || ($0 == .onPremises && h.lowercased() == "onprem") }) else {
                    throw LuaError("route: '\(key)': homing is \"online\" or \"on-premises\", got '\(h)'")
                }
                return v
            }
            let party = RouteParty(policyMode: mode, homing: homing, on: day, runsTeams: try o.bool("runs_teams") ?? true,
                                   runsSfB: try o.bool("runs_sfb") ?? true)
            return (party, "external \(party.mode.rawValue) user (\(party.homing.rawValue))")
        case .opaque(let name) where name == UserBinding.type.metatableName:
            throw LuaError("route: pass '\(key)' as a UPN string (u.upn), not a User object")
        default:
            throw LuaError("route: '\(key)' must be a UPN or {mode=...}, got \(value.typeName)")
        }
    }

    private static func makeType() -> LuaObjectType<RouteBox> {
        let t = LuaObjectType<RouteBox>("Route", doc: """
            Where a new chat or call lands: route{from="ann@contoso.com", to="raj@contoso.com", client="sfb"}.
            Print it for a sentence (other .modes render it as a row; r:table() is that row); read .lands_in, .kind, .possible, .reason, .sender_sees, .recipient_sees, .notes.
            """)
        t.field("lands_in", "\"Teams\" or \"SfB\", or nil when not possible") { b in b.outcome.landsIn.map { .string($0.rawValue) } ?? .nil }
        t.field("kind", "native, interop, native federated, interop federated, SfB, SfB federation; nil when not possible") { b in
            b.outcome.kind.map { .string($0.rawValue) } ?? .nil
        }
        t.field("possible", "false when the sender must use another client") { .boolean($0.outcome.isPossible) }
        t.field("reason", "why it is not possible, or nil") { b in b.outcome.notPossibleReason.map { .string($0) } ?? .nil }
        t.field("sender_sees", "the presence (Teams or SfB) the sender sees for the recipient") { .string($0.outcome.senderSees.rawValue) }
        t.field("recipient_sees", "the presence the recipient sees for the sender, or nil") { b in
            b.outcome.recipientSees.map { .string($0.rawValue) } ?? .nil
        }
        t.field("missed_risk", "an Islands recipient not running the client it lands in") { .boolean($0.outcome.missedMessageRisk) }
        t.field("notes", "interop limits and caveats (array of strings)") { b in .table(LuaTable(array: b.outcome.notes.map { .string($0) })) }
        t.field("table_row", "the row of the routing tables of \"Coexistence with Skype for Business\" this case matches, e.g. \"1a-3\", or nil") { b in
            b.outcome.tableRow.map { .string($0) } ?? .nil
        }
        t.field("client", "the client the sender starts from") { .string($0.client.rawValue) }
        t.field("federated", "true for a cross-tenant conversation") { .boolean($0.federated) }
        t.field("label", "\"Teams (interop)\" or \"NOT POSSIBLE\"") { .string($0.outcome.label) }
        t.method("table", "r:table(): the answer as a one-row result set (from, to, client, federated, on, lands_in, kind, ...)") { b, call in
            ResultSetBinding.push(table(b), call.L)
            return 1
        }
        // In .mode table the answer reads as a sentence; the other modes render its row in that mode.
        t.describe(inState: { b, L in
            let options = RenderSettings.current(L)
            return options.mode.isBoxed ? sentence(b) : ResultRenderer.render(table(b), options).trimmingTrailingNewline
        })
        return t
    }

    static func table(_ b: RouteBox) -> ResultSet {
        b.outcome.table(from: b.from, to: b.to, client: b.client, federated: b.federated, day: b.day)
    }

    static func sentence(_ b: RouteBox) -> String {
        let o = b.outcome
        var lines = ["\(b.from) -> \(b.to), from \(b.client.rawValue), \(b.federated ? "federated" : "in-tenant"), on \(b.day.iso):"]
        lines.append("  " + (o.isPossible ? "lands in \(o.label)" : "NOT POSSIBLE: \(o.notPossibleReason ?? "")")
            + (o.tableRow.map { "  [table 2.2 row \($0)]" } ?? ""))
        lines.append("  presence: sender sees \(o.senderSees.rawValue)" + (o.recipientSees.map { ", recipient sees \($0.rawValue)" } ?? ""))
        for n in o.notes { lines.append("  note: " + n) }
        return lines.joined(separator: "\n")
    }

    /// `routing_matrix{on=, by="cohort"|"mode", federated=}`.
    static func matrix(_ source: TenantSource, _ call: LuaCall) throws -> Int32 {
        let opts = try OptionTable(try call.optTable(1), ["on": .date, "by": .string, "federated": .boolean], what: "routing_matrix")
        let by = try opts.string("by") ?? "cohort"
        switch by.lowercased() {
        case "cohort", "cohorts":
            if try opts.bool("federated") == true {
                throw LuaError("routing_matrix: the cohort matrix is in-tenant; use by=\"mode\" for federated routes")
            }
            let day = try source.optionalDay(opts["on"], "routing_matrix: option 'on'")
            ResultSetBinding.push(RoutingMatrix.cohorts(source.tenant, on: day), call.L)
        case "mode", "modes":
            let day = try source.optionalDay(opts["on"], "routing_matrix: option 'on'") ?? source.tenant.today
            ResultSetBinding.push(RoutingMatrix.modes(federated: try opts.bool("federated"), on: day), call.L)
        default:
            throw LuaError("routing_matrix: by must be \"cohort\" or \"mode\", got '\(by)'" + didYouMean(by, ["cohort", "mode"]))
        }
        return 1
    }
}
