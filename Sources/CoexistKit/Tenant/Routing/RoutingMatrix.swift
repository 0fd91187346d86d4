/// Route outcomes for every pair of modes, and for every pair of cohorts on a date.
public enum RoutingMatrix {
    /// Every originator (mode, client, homing the tables imply) against every recipient mode, in both scopes:
    /// table 2.2 with each SfB mode spelled out, plus presence each way (2.6). On a day up to Skype for Business
    /// Online's retirement (31 July 2021) originators homed online in the other modes exist too, and their rows
    /// (table 2.3, row "2.3") follow; after it such a user is TeamsOnly (`EffectiveMode`), so they do not.
    public static func modes(federated: Bool? = nil, on day: PlanDay? = nil) -> ResultSet {
        let tableSenders: [(CoexistenceMode, ClientApp)] = [(.teamsOnly, .teams), (.islands, .teams), (.islands, .sfb)]
            + CoexistenceMode.allCases.filter(\.isSfBMode).map { ($0, .sfb) }
        var senders = tableSenders.map { RouteSender(mode: $0.0, client: $0.1, homing: RouteParty(mode: $0.0).homing) }
        if let day, !EffectiveMode.sfbOnlineRetired(on: day) {
            senders += tableSenders.filter { $0.0 != .teamsOnly }.map { RouteSender(mode: $0.0, client: $0.1, homing: .online) }
        }
        var rows: [[ResultValue]] = []
        for scope in [false, true] where federated == nil || federated == scope {
            for sender in senders {
                let (mode, client) = (sender.mode, sender.client)
                for recipient in CoexistenceMode.allCases {
                    let o = Router.route(from: RouteParty(mode: mode, homing: sender.homing), to: RouteParty(mode: recipient),
                                         client: client, federated: scope)
                    let row = o.tableRow ?? (sender.homing == .online && mode != .teamsOnly ? "2.3" : nil)
                    rows.append([
                        row.map(ResultValue.string) ?? .null, .string(scope ? "federated" : "in-tenant"),
                        .string(mode.rawValue), .string(client.rawValue), .string(sender.homing.rawValue),
                        .string(recipient.rawValue), o.landsIn.map { .string($0.rawValue) } ?? .null,
                        .string(o.kind?.rawValue ?? "NOT POSSIBLE"), .string(o.senderSees.rawValue),
                        o.recipientSees.map { .string($0.rawValue) } ?? .null,
                        o.notPossibleReason.map(ResultValue.string) ?? .null,
                    ])
                }
            }
        }
        return ResultSet(columns: [Column("row", .string), Column("scope", .string), Column("from_mode", .string),
                                   Column("client", .string), Column("from_home", .string), Column("to_mode", .string),
                                   Column("lands_in", .string), Column("thread", .string), Column("sender_sees", .string),
                                   Column("recipient_sees", .string), Column("reason", .string)],
                         rows: rows, title: "routing by mode")
    }

    private struct RouteSender {
        var mode: CoexistenceMode
        var client: ClientApp
        var homing: UserHoming
    }

    /// How users of each cohort reach users of each cohort, in-tenant, from each client, on `day`.
    /// Counts are user pairs (sender x recipient) whose sender's mode allows that client. Users in no cohort
    /// form a "(none)" group when there are any.
    public static func cohorts(_ tenant: CoexistenceTenant, on day: PlanDay? = nil) -> ResultSet {
        let state = tenant.state(asOf: day)
        var names = tenant.cohorts.names
        var groupOf = [Int](repeating: -1, count: tenant.directory.count)
        for (i, c) in tenant.cohorts.cohorts.enumerated() { for p in c.members { groupOf[p] = i } }
        if groupOf.contains(-1) { names.append("(none)") }
        let groups = names.count
        // Senders by (mode, on-prem); recipients by (mode, runs Teams, runs SfB): routing depends on nothing else.
        var senders = [[Int]](repeating: [Int](repeating: 0, count: 10), count: groups)
        var recipients = [[Int]](repeating: [Int](repeating: 0, count: 20), count: groups)
        let modeIndex = Dictionary(uniqueKeysWithValues: CoexistenceMode.allCases.enumerated().map { ($1, $0) })
        let modes = state.effectiveModes()
        for p in 0..<tenant.directory.count {
            let g = groupOf[p] >= 0 ? groupOf[p] : groups - 1
            let m = modeIndex[modes[p]]!
            senders[g][m * 2 + (state.onPremises[p] ? 1 : 0)] += 1
            let u = tenant.directory[p]
            recipients[g][m * 4 + (u.runsTeams ? 2 : 0) + (u.runsSfB ? 1 : 0)] += 1
        }
        let table = OutcomeTable()
        var rows: [[ResultValue]] = []
        rows.reserveCapacity(groups * groups * 2)
        for a in 0..<groups {
            for client in ClientApp.allCases {
                for b in 0..<groups {
                    var tally = Tally()
                    for s in 0..<10 where senders[a][s] > 0 {
                        for r in 0..<20 where recipients[b][r] > 0 {
                            tally.add(table.outcome(sender: s, client: client, recipient: r), pairs: senders[a][s] * recipients[b][r])
                        }
                    }
                    guard tally.pairs > 0 else { continue }
                    rows.append([.string(names[a]), .string(names[b]), .string(client.rawValue), .int(tally.pairs),
                                 .string(tally.dominant), .int(tally.landsTeams), .int(tally.landsSfB), .int(tally.native),
                                 .int(tally.interop), .int(tally.sfb), .int(tally.notPossible), .int(tally.missed)])
                }
            }
        }
        return ResultSet(columns: [Column("from", .string), Column("to", .string), Column("client", .string),
                                   Column("pairs", .int), Column("outcome", .string), Column("lands_teams", .int),
                                   Column("lands_sfb", .int), Column("native", .int), Column("interop", .int),
                                   Column("sfb", .int), Column("not_possible", .int), Column("missed_risk", .int)],
                         rows: rows, title: "routing between cohorts on \((day ?? tenant.today).iso)")
    }

    /// The route for every sender class x client x recipient class, computed once per matrix.
    private struct OutcomeTable {
        var outcomes: [(RouteOutcome, Int)?]

        init() {
            outcomes = []
            for s in 0..<10 {
                for client in ClientApp.allCases {
                    for r in 0..<20 {
                        let mode = CoexistenceMode.allCases[s / 2]
                        guard mode.chatClients.contains(client) else { outcomes.append(nil); continue }
                        let sender = RouteParty(mode: mode, homing: s % 2 == 1 ? .onPremises : .online)
                        let recipient = RouteParty(mode: CoexistenceMode.allCases[r / 4], runsTeams: (r / 2) % 2 == 1,
                                                   runsSfB: r % 2 == 1)
                        let o = Router.route(from: sender, to: recipient, client: client, federated: false)
                        outcomes.append((o, Tally.labelIndex(o)))
                    }
                }
            }
        }

        func outcome(sender: Int, client: ClientApp, recipient: Int) -> (RouteOutcome, Int)? {
            outcomes[(sender * 2 + (client == .teams ? 0 : 1)) * 20 + recipient]
        }
    }

    private struct Tally {
        var pairs = 0, landsTeams = 0, landsSfB = 0, native = 0, interop = 0, sfb = 0, notPossible = 0, missed = 0
        /// Pairs per outcome label; a fixed array because this runs for every cohort pair and class pair.
        var byLabel = [Int](repeating: 0, count: 13)

        static func labelIndex(_ o: RouteOutcome) -> Int {
            guard let lands = o.landsIn, let kind = o.kind else { return 0 }
            return 1 + (lands == .teams ? 0 : 6) + ThreadKind.allCases.firstIndex(of: kind)!
        }

        static let labels: [String] = ["NOT POSSIBLE"] + [ClientApp.teams, .sfb].flatMap { c in
            ThreadKind.allCases.map { "\(c.rawValue) (\($0.rawValue))" }
        }

        mutating func add(_ outcome: (RouteOutcome, Int)?, pairs n: Int) {
            guard let (o, label) = outcome else { return }
            pairs += n
            byLabel[label] += n
            switch o.landsIn {
            case .teams?: landsTeams += n
            case .sfb?: landsSfB += n
            case nil: notPossible += n
            }
            switch o.kind {
            case .native?, .nativeFederated?: native += n
            case .interop?, .interopFederated?: interop += n
            case .sfb?, .sfbFederation?: sfb += n
            case nil: break
            }
            if o.missedMessageRisk { missed += n }
        }

        /// The most common outcome and its share; ties go to the first label, so the matrix is deterministic.
        var dominant: String {
            var best = 0
            for i in byLabel.indices where byLabel[i] > byLabel[best] { best = i }
            if byLabel[best] == pairs { return Tally.labels[best] }
            return "\(Tally.labels[best]) \(Int((Double(byLabel[best]) * 100 / Double(pairs)).rounded()))%"
        }
    }
}
