/// Counting a day's conversations: by class pair (grouped) or edge by edge (per user). Both add the same
/// conversation volumes to the same outcomes, so they give the same figures.
extension RunState {
    mutating func countGrouped(day d: Int, into out: inout RunFigures) {
        let pref = p["teams_preference"], width = Self.rcWidth * cohorts
        var tally = Tally()
        for s in 0..<RouteClasses.senderClasses {
            let fT = RouteClasses.teamsFraction(RouteClasses.senderParty(s), preference: pref)
            let row = s * width
            for cr in 0..<width {
                let w = volume[row + cr]
                guard w != 0 else { continue }
                let conv = Double(w) / CommunicationGraph.scale
                let r = cr % Self.rcWidth, c = cr / Self.rcWidth
                for (client, f) in [(0, fT), (1, 1 - fT)] where f > 0 {
                    guard let o = model.classes.inTenant(s, r, client) else { continue }
                    tally.add(o, conv * f)
                    if r / 4 == Int(ScenarioPlan.modeIndex(.islands)) {
                        out.islandsReceived[c][d] += conv * f
                        if o.missed { out.islandsMissed[c][d] += conv * f }
                    }
                }
            }
        }
        let share = p["federated_share"], partnerTO = p["partner_teams_only"]
        for s in 0..<RouteClasses.senderClasses where fedOut[s] != 0 {
            let conv = Double(fedOut[s]) / CommunicationGraph.scale * share
            let fT = RouteClasses.teamsFraction(RouteClasses.senderParty(s), preference: pref)
            for (partner, fp) in [(0, partnerTO), (1, 1 - partnerTO)] where fp > 0 {
                for (client, f) in [(0, fT), (1, 1 - fT)] where f > 0 {
                    if let o = model.classes.toPartner[(s * 2 + partner) * 2 + client] { tally.add(o, conv * fp * f) }
                }
            }
        }
        for r in 0..<RouteClasses.recipientClasses where fedIn[r] != 0 {
            let conv = Double(fedIn[r]) / CommunicationGraph.scale * share
            for (partner, fp) in [(0, partnerTO), (1, 1 - partnerTO)] where fp > 0 {
                let fT = partner == 0 ? 1 : pref
                for (client, f) in [(0, fT), (1, 1 - fT)] where f > 0 {
                    if let o = model.classes.fromPartner[(r * 2 + partner) * 2 + client] { tally.add(o, conv * fp * f) }
                }
            }
        }
        tally.write(d, into: &out)
    }

    /// The reference count: every edge of the graph routed by the routing engine with the two users as
    /// parties, and every user's federated conversations routed to and from a partner.
    mutating func countPerUser(day d: Int, into out: inout RunFigures) {
        let g = model.input.graph, pref = p["teams_preference"]
        let share = p["federated_share"], partnerTO = p["partner_teams_only"]
        var tally = Tally()
        func sender(_ u: Int) -> RouteParty {
            RouteParty(mode: ScenarioPlan.modeOrder[Int(mode[u])], homing: onPrem[u] ? .onPremises : .online,
                       runsTeams: runsTeams(u), runsSfB: runsSfB(u))
        }
        func recipient(_ u: Int) -> RouteParty {
            RouteParty(mode: ScenarioPlan.modeOrder[Int(visible[u])], homing: onPrem[u] ? .onPremises : .online,
                       runsTeams: runsTeams(u), runsSfB: runsSfB(u))
        }
        for a in 0..<n {
            let from = sender(a)
            let fT = RouteClasses.teamsFraction(from, preference: pref)
            for e in Int(g.outStart[a])..<Int(g.outStart[a + 1]) {
                let b = Int(g.outTo[e]), to = recipient(b)
                let conv = Double(g.outWeight[e]) / CommunicationGraph.scale
                for (client, f) in [(ClientApp.teams, fT), (.sfb, 1 - fT)] where f > 0 {
                    guard let o = RouteClasses.outcome(from, to, client: client, federated: false) else { continue }
                    tally.add(o, conv * f)
                    if to.mode == .islands {
                        let c = Int(model.input.cohortOf[b])
                        out.islandsReceived[c][d] += conv * f
                        if o.missed { out.islandsMissed[c][d] += conv * f }
                    }
                }
            }
            let fed = Double(outWeight[a]) / CommunicationGraph.scale * share
            guard fed > 0 else { continue }
            let me = recipient(a)
            for (partner, fp) in [(RouteClasses.partners[0], partnerTO), (RouteClasses.partners[1], 1 - partnerTO)] where fp > 0 {
                for (client, f) in [(ClientApp.teams, fT), (.sfb, 1 - fT)] where f > 0 {
                    if let o = RouteClasses.outcome(from, partner, client: client, federated: true) { tally.add(o, fed * fp * f) }
                }
                let pT = partner.mode == .teamsOnly ? 1 : pref
                for (client, f) in [(ClientApp.teams, pT), (.sfb, 1 - pT)] where f > 0 {
                    if let o = RouteClasses.outcome(partner, me, client: client, federated: true) { tally.add(o, fed * fp * f) }
                }
            }
        }
        tally.write(d, into: &out)
    }
}

struct Tally {
    var byKind = [Double](repeating: 0, count: 5)
    var missed = 0.0
    var total = 0.0

    mutating func add(_ o: RouteClasses.Outcome, _ x: Double) {
        byKind[o.kind.rawValue] += x
        total += x
        if o.missed { missed += x }
    }

    func write(_ d: Int, into out: inout RunFigures) {
        out[.conversations, d] = total
        out[.native, d] = byKind[RouteClasses.Kind.native.rawValue]
        out[.interop, d] = byKind[RouteClasses.Kind.interop.rawValue]
        out[.federated, d] = byKind[RouteClasses.Kind.federated.rawValue]
        out[.sfb, d] = byKind[RouteClasses.Kind.sfb.rawValue]
        out[.notPossible, d] = byKind[RouteClasses.Kind.notPossible.rawValue]
        out[.missed, d] = missed
    }
}
