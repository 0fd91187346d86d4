import Foundation

/// The mutable state of one replication: each user's mode (as in force and as others see it), the clients
/// they run, their route classes, and the volumes kept per class pair.
struct RunState {
    let model: DayModel
    let rng: CounterRandom
    let n: Int
    let cohorts: Int
    let p: SimulationParameters

    var mode: [UInt8]
    var visible: [UInt8]
    var onPrem: [Bool]
    var adopted: [Bool]
    var keepsSfB: [Bool]
    var sClass: [Int32]
    var rcClass: [Int32]
    /// Users whose new mode others' clients see from a later day: (user, day).
    var pendingVisible: [(Int32, Int)] = []
    /// Conversation volume (thousandths per day) per sender class x (recipient cohort, recipient class).
    var volume: [Int64]
    var fedOut: [Int64]
    var fedIn: [Int64]
    var outWeight: [Int64]
    var adoptedInCohort: [Int]
    var teamsMedia: [Int]

    static let rcWidth = RouteClasses.recipientClasses

    init(model: DayModel, rng: CounterRandom) {
        self.model = model
        self.rng = rng
        let input = model.input, plan = model.plan
        n = input.users
        cohorts = input.cohortNames.count + 1
        p = plan.scenario.parameters
        let first = plan.snapshot(at: -1 - Int(p["policy_delay_days"]))
        mode = plan.snapshotModes[first]
        visible = mode
        onPrem = plan.snapshotOnPrem[first]
        keepsSfB = input.runsSfBToday
        let teamsOnly = ScenarioPlan.modeIndex(.teamsOnly), islands = ScenarioPlan.modeIndex(.islands)
        // Only Islands users split between the clients ("Coexistence with Skype for Business"): TeamsOnly users
        // run Teams, users in a Skype for Business mode have chats and calls in Skype for Business whatever
        // else they open Teams for. So only an Islands user's own Teams use counts as adoption.
        let start = mode
        adopted = (0..<n).map { u in start[u] == teamsOnly || (start[u] == islands && input.runsTeamsToday[u]) }
        sClass = [Int32](repeating: 0, count: n)
        rcClass = sClass
        volume = [Int64](repeating: 0, count: RouteClasses.senderClasses * Self.rcWidth * cohorts)
        fedOut = [Int64](repeating: 0, count: RouteClasses.senderClasses)
        fedIn = [Int64](repeating: 0, count: RouteClasses.recipientClasses)
        outWeight = (0..<n).map(input.graph.outgoing)
        adoptedInCohort = [Int](repeating: 0, count: cohorts)
        teamsMedia = [Int](repeating: 0, count: input.buildingNames.count)
        for u in 0..<n {
            sClass[u] = Int32(senderClass(u))
            rcClass[u] = Int32(recipientCohortClass(u))
            if adopted[u] { adoptedInCohort[Int(input.cohortOf[u])] += 1 }
            if usesTeamsMedia(u) { teamsMedia[Int(input.buildingOf[u])] += 1 }
        }
        let g = input.graph
        for u in 0..<n {
            let s = Int(sClass[u]) * Self.rcWidth * cohorts
            for e in Int(g.outStart[u])..<Int(g.outStart[u + 1]) {
                volume[s + Int(rcClass[Int(g.outTo[e])])] += g.outWeight[e]
            }
            fedOut[Int(sClass[u])] += outWeight[u]
            fedIn[Int(rcClass[u]) % Self.rcWidth] += outWeight[u]
        }
    }

    // MARK: - classes

    /// TeamsOnly users, and Islands users who have adopted Teams; never a user in a Skype for Business mode.
    @inline(__always) func runsTeams(_ u: Int) -> Bool {
        mode[u] == ScenarioPlan.modeIndex(.teamsOnly) || (mode[u] == ScenarioPlan.modeIndex(.islands) && adopted[u])
    }

    @inline(__always) func runsSfB(_ u: Int) -> Bool {
        let m = ScenarioPlan.modeOrder[Int(mode[u])]
        switch m {
        case .teamsOnly: return false
        case .islands: return !adopted[u] || keepsSfB[u]
        default: return true
        }
    }

    /// Teams media at the busy hour: TeamsOnly users, and Islands users who run Teams.
    @inline(__always) func usesTeamsMedia(_ u: Int) -> Bool {
        mode[u] == ScenarioPlan.modeIndex(.teamsOnly) || (mode[u] == ScenarioPlan.modeIndex(.islands) && adopted[u])
    }

    func senderClass(_ u: Int) -> Int {
        RouteClasses.sender(mode: Int(mode[u]), onPrem: onPrem[u], teams: runsTeams(u), sfb: runsSfB(u))
    }

    func recipientCohortClass(_ u: Int) -> Int {
        Int(model.input.cohortOf[u]) * Self.rcWidth + RouteClasses.recipient(visible: Int(visible[u]), teams: runsTeams(u), sfb: runsSfB(u))
    }

    /// Applies a change to user `u` (mode, visibility, clients) and moves their volume between class pairs.
    mutating func update(_ u: Int, _ change: (inout RunState) -> Void) {
        let oldS = Int(sClass[u]), oldR = Int(rcClass[u])
        let media = usesTeamsMedia(u), wasAdopted = adopted[u]
        change(&self)
        let newS = senderClass(u), newR = recipientCohortClass(u)
        let b = Int(model.input.buildingOf[u]), c = Int(model.input.cohortOf[u])
        if usesTeamsMedia(u) != media { teamsMedia[b] += media ? -1 : 1 }
        if adopted[u] != wasAdopted { adoptedInCohort[c] += wasAdopted ? -1 : 1 }
        guard newS != oldS || newR != oldR else { return }
        let g = model.input.graph, width = Self.rcWidth * cohorts
        if newS != oldS {
            for e in Int(g.outStart[u])..<Int(g.outStart[u + 1]) {
                let r = Int(rcClass[Int(g.outTo[e])]), w = g.outWeight[e]
                volume[oldS * width + r] -= w
                volume[newS * width + r] += w
            }
            fedOut[oldS] -= outWeight[u]
            fedOut[newS] += outWeight[u]
            sClass[u] = Int32(newS)
        }
        if newR != oldR {
            for e in Int(g.inStart[u])..<Int(g.inStart[u + 1]) {
                let s = Int(sClass[Int(g.inFrom[e])]), w = g.inWeight[e]
                volume[s * width + oldR] -= w
                volume[s * width + newR] += w
            }
            fedIn[oldR % Self.rcWidth] -= outWeight[u]
            fedIn[newR % Self.rcWidth] += outWeight[u]
            rcClass[u] = Int32(newR)
        }
    }

    // MARK: - the day loop

    mutating func play(_ counting: DayModel.Counting) -> RunFigures {
        let input = model.input, plan = model.plan, s = plan.scenario
        var out = RunFigures(days: s.days, buildings: input.buildingNames.count, cohorts: cohorts)
        let delay = Int(p["policy_delay_days"])
        let teamsOnly = ScenarioPlan.modeIndex(.teamsOnly), islands = ScenarioPlan.modeIndex(.islands)
        var inForce = plan.snapshot(at: -1 - delay)
        let network = NetworkModel(input: input, scenario: s, levers: model.levers, teamsMedia: teamsMedia)
        for d in 0..<s.days {
            // 1. Modes taking effect today, after the policy delay.
            let snap = plan.snapshot(at: d - delay)
            if snap != inForce {
                let modes = plan.snapshotModes[snap], homes = plan.snapshotOnPrem[snap]
                for u in 0..<n where modes[u] != mode[u] || homes[u] != onPrem[u] {
                    let from = mode[u], to = modes[u]
                    if to == teamsOnly && from != teamsOnly {
                        out[.threadsDisabled, d] += disabledThreads(u, counting)
                    }
                    let lag: Int
                    if to == teamsOnly { lag = Int(p["teamsonly_discovery_days"]) }
                    else if from == islands && ScenarioPlan.modeOrder[Int(to)].isSfBMode { lag = Int(p["sfb_discovery_days"]) }
                    else { lag = 0 }
                    update(u) { st in
                        st.mode[u] = to
                        st.onPrem[u] = homes[u]
                        // A move into a Skype for Business mode takes chats and calls back to that client.
                        // Into Islands from an SfB mode: a user who already opens Teams (their record) uses it.
                        if to == teamsOnly { st.adopted[u] = true }
                        else if to != islands { st.adopted[u] = false }
                        else if from != teamsOnly && from != islands { st.adopted[u] = st.model.input.runsTeamsToday[u] }
                        if lag == 0 { st.visible[u] = to }
                    }
                    if lag > 0 { pendingVisible.append((Int32(u), d + lag)) }
                }
                inForce = snap
            }
            // 2. Others' clients discover changes made earlier.
            if !pendingVisible.isEmpty {
                var keep: [(Int32, Int)] = []
                for (u, day) in pendingVisible {
                    if day <= d { update(Int(u)) { $0.visible[Int(u)] = $0.mode[Int(u)] } } else { keep.append((u, day)) }
                }
                pendingVisible = keep
            }
            // 3. Adoption along each cohort's Bass curve.
            adopt(day: d)
            // 4. Conversations.
            switch counting {
            case .grouped: countGrouped(day: d, into: &out)
            case .perUser: countPerUser(day: d, into: &out)
            }
            // 5. Meetings and tickets.
            for event in model.moves[d] { migrateMeetings(event, day: d, into: &out) }
            out[.tickets, d] = Double(rng.poisson(model.expectedTickets[d], .tickets, 0, d))
            // 6. Users by mode, Teams share, presence pending.
            var byMode = [Int](repeating: 0, count: 5), teams = 0
            for u in 0..<n {
                byMode[Int(mode[u])] += 1
                if runsTeams(u) { teams += 1 }
            }
            for m in 0..<5 { out.values[d * DayMeasure.allCases.count + m] = Double(byMode[m]) }
            for c in 0..<cohorts { out.cohortTeams[c][d] = Double(adoptedInCohort[c]) }
            out[.teamsShare, d] = n == 0 ? 0 : 100 * Double(teams) / Double(n)
            let granted = plan.snapshot(at: d)
            if granted != snap {
                let a = plan.snapshotModes[granted]
                var pending = 0
                for u in 0..<n where a[u] != mode[u] { pending += 1 }
                out[.presenceUnknown, d] = Double(pending)
            }
            // 7. The network.
            network.measure(day: d, teamsMedia: teamsMedia, into: &out)
        }
        return out
    }

    mutating func adopt(day d: Int) {
        let input = model.input
        var hazard = [Double](repeating: 0, count: cohorts)
        var any = false
        for c in 0..<cohorts where model.levers.inPlay[c] <= d && input.cohortSize[c] > 0 {
            let rates = BassParameters(innovation: p["innovation"] + model.levers.innovationAdd[c][d],
                                       imitation: p["imitation"] + model.levers.imitationAdd[c][d])
            hazard[c] = BassAdoption.hazard(rates, adopted: Double(adoptedInCohort[c]) / Double(input.cohortSize[c]))
            if hazard[c] > 0 { any = true }
        }
        guard any else { return }
        let keep = p["islands_keep_sfb"]
        // Only Islands users choose a client: TeamsOnly users already run Teams, SfB-mode users cannot.
        let islands = ScenarioPlan.modeIndex(.islands)
        for u in 0..<n where !adopted[u] && mode[u] == islands {
            let h = hazard[Int(input.cohortOf[u])]
            guard h > 0, rng.unit(.adoption, u, d) < h else { continue }
            let keeps = rng.unit(.keepSfB, u, d) < keep
            update(u) { st in
                st.adopted[u] = true
                st.keepsSfB[u] = keeps
            }
        }
    }

    /// Old interop threads to `u` from their contacts, disabled as `u` becomes TeamsOnly ("Coexistence with
    /// Skype for Business": an interop thread to a since-upgraded user can no longer be routed).
    func disabledThreads(_ u: Int, _ counting: DayModel.Counting) -> Double {
        let g = model.input.graph, pref = p["teams_preference"]
        var threads = 0.0
        for e in Int(g.inStart[u])..<Int(g.inStart[u + 1]) {
            let v = Int(g.inFrom[e])
            let r = Int(rcClass[u]) % Self.rcWidth
            let sender = RouteClasses.senderParty(Int(sClass[v]))
            let fT = RouteClasses.teamsFraction(sender, preference: pref)
            for (client, f) in [(0, fT), (1, 1 - fT)] where f > 0 {
                let o: RouteClasses.Outcome?
                switch counting {
                case .grouped: o = model.classes.inTenant(Int(sClass[v]), r, client)
                case .perUser: o = RouteClasses.outcome(sender, RouteClasses.recipientParty(r), client: ClientApp.allCases[client], federated: false)
                }
                if o?.kind == .interop { threads += f }
            }
        }
        return threads
    }

    mutating func migrateMeetings(_ e: DayModel.MoveEvent, day d: Int, into out: inout RunFigures) {
        let u = Int(e.user), meetings = Int(p["meetings_per_user"].rounded())
        guard meetings > 0 else { return }
        guard e.meetingMigration else {
            if e.manualMigration || !model.input.mailboxOnline[u] { out[.meetingsNotMigrated, d] += Double(meetings) }
            return
        }
        var large = 0
        for k in 0..<meetings where rng.unit(.meetingSize, u &* 4096 &+ k, d) < p["large_meeting_share"] { large += 1 }
        out[.meetingsNotMigrated, d] += Double(large)
        // The first attempt runs today (after at least 90 minutes); failures are retried up to 9 times over 24 hours.
        var attempt = 0
        while attempt < 10 && rng.unit(.meetingAttempt, u, d &* 16 &+ attempt) < p["mms_failure_rate"] { attempt += 1 }
        if attempt == 10 {
            out[.meetingsNotMigrated, d] += Double(meetings - large)
        } else {
            let on = attempt == 0 || d + 1 >= out.days ? d : d + 1
            out[.meetingsMigrated, on] += Double(meetings - large)
        }
    }
}
