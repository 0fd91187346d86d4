/// The guidance a plan is checked against after it runs ("Upgrade framework", "Pilot essentials", "Upgrade
/// Basic", "Migration and interoperability guidance", the QER guide, "Prepare your organization's network").
/// Each check returns the violations it finds, each naming its step and date.
enum GuidanceCheck {
    static func all(_ r: ScenarioResult) -> [GuidanceViolation] {
        var out: [GuidanceViolation] = []
        out += windowLength(r)
        out += pilot(r)
        out += moveToTeams(r)
        out += buildings(r)
        out += reviews(r)
        out += globalTeamsOnly(r)
        out += islandsMissed(r)
        out += notice(r)
        return out.sorted { ($0.date, $0.step ?? 0) < ($1.date, $1.step ?? 0) }
    }

    typealias Move = (index: Int, step: ScenarioStep, mode: CoexistenceMode)

    /// Mode steps (cohort moves and the global), in date order.
    static func moves(_ plan: ScenarioPlan) -> [Move] {
        plan.scenario.steps.enumerated().compactMap { i, step -> Move? in
            switch step.action {
            case let .move(_, mode, _, _), let .global(mode):
                guard let m = try? CoexistenceMode.parse(mode) else { return nil }
                return (i + 1, step, m)
            default: return nil
            }
        }.sorted { ($0.step.on, $0.index) < ($1.step.on, $1.index) }
    }

    /// First move to last move.
    static func window(_ plan: ScenarioPlan) -> (first: Move, last: Move, days: Int)? {
        let m = moves(plan)
        guard let first = m.first, let last = m.last else { return nil }
        return (first, last, last.step.on.daysSinceEpoch - first.step.on.daysSinceEpoch)
    }

    static func windowLength(_ r: ScenarioResult) -> [GuidanceViolation] {
        let limit = Int(r.scenario.parameters["window_days"])
        guard let w = window(r.plan), w.days > limit else { return [] }
        return [GuidanceViolation(check: .window, step: w.last.index, date: w.last.step.on,
                                  message: "the upgrade runs \(w.days) days from step \(w.first.index) (\(w.first.step.on.iso)) to step \(w.last.index); keep the end-to-end window to about \(limit) days",
                                  source: "Upgrade framework")]
    }

    static func pilot(_ r: ScenarioResult) -> [GuidanceViolation] {
        let minimum = Int(r.scenario.parameters["pilot_min_days"])
        var out: [GuidanceViolation] = []
        var assessedBy: Day?
        for (i, step) in r.scenario.steps.enumerated() {
            guard case let .pilot(cohort, days, assess) = step.action else { continue }
            if days < minimum {
                out.append(GuidanceViolation(check: .pilotLength, step: i + 1, date: step.on,
                                             message: "the pilot of '\(cohort)' lasts \(days) days; a pilot runs at least \(minimum) days",
                                             source: "Pilot essentials"))
            }
            if assess > 0 {
                let end = step.on.adding(days: days + assess)
                assessedBy = assessedBy.map { min($0, end) } ?? end
            }
        }
        if let first = moves(r.plan).first(where: { $0.mode == .teamsOnly }) {
            if assessedBy == nil || assessedBy! > first.step.on {
                let why = assessedBy.map { "the pilot's assessment ends \($0.iso)" } ?? "no pilot with an assessment (assess=) comes before it"
                out.append(GuidanceViolation(check: .noAssessment, step: first.index, date: first.step.on,
                                             message: "the first TeamsOnly wave starts \(first.step.on.iso) but \(why)",
                                             source: "Pilot essentials"))
            }
        }
        return out
    }

    static func moveToTeams(_ r: ScenarioResult) -> [GuidanceViolation] {
        r.plan.stranded.sorted { $0.key < $1.key }.map { i, count in
            let step = r.scenario.steps[i]
            return GuidanceViolation(check: .noMoveToTeams, step: i + 1, date: step.on,
                                     message: "\(count) user(s) of '\(step.cohort ?? "")' are homed on-premises: TeamsOnly needs Move-CsUser -MoveToTeams (move_to_teams=true); they were left where they were",
                                     source: "Upgrade from Skype for Business Server to Teams: considerations")
        }
    }

    /// A wave into a building with UDP 3478-3481 closed on its day, or whose projected busy-hour
    /// utilisation passes the threshold in the week after the move takes effect.
    static func buildings(_ r: ScenarioResult) -> [GuidanceViolation] {
        let p = r.scenario.parameters, input = r.input
        let levers = LeverSchedule(plan: r.plan, input: input)
        var out: [GuidanceViolation] = []
        for move in moves(r.plan) {
            guard case let .move(cohort, _, _, _) = move.step.action, let report = r.plan.moveReports[move.index - 1] else { continue }
            var buildings = Set<Int>()
            for c in report.changes where c.fromMode != c.toMode { buildings.insert(Int(input.buildingOf[c.position])) }
            let d = r.scenario.dayIndex(move.step.on)
            for b in buildings.sorted() {
                let name = input.buildingNames[b]
                if input.baseline[b].tcpShare > p["udp_closed_tcp_share"] && !levers.udpOpen[b][d] {
                    out.append(GuidanceViolation(check: .buildingNotReady, step: move.index, date: move.step.on,
                                                 message: "'\(cohort)' moves into \(name), where UDP 3478-3481 looks closed (\(Int((input.baseline[b].tcpShare * 100).rounded())) % of streams over TCP)",
                                                 source: "Prepare your organization's network for Microsoft Teams"))
                    continue
                }
                let from = min(r.scenario.days - 1, d + Int(p["policy_delay_days"]))
                let to = min(r.scenario.days - 1, from + 7)
                let peak = (from...to).map { r.utilisation(b, $0) }.max() ?? 0
                if peak > p["congestion_threshold"] {
                    out.append(GuidanceViolation(check: .buildingNotReady, step: move.index, date: move.step.on,
                                                 message: "'\(cohort)' moves into \(name), whose projected busy-hour utilisation reaches \(Int((peak * 100).rounded())) % (threshold \(Int((p["congestion_threshold"] * 100).rounded())) %)",
                                                 source: "Prepare your organization's network for Microsoft Teams"))
                }
            }
        }
        return out
    }

    /// During the rollout (first move to last move) reviews are at most `review_interval_days` apart.
    static func reviews(_ r: ScenarioResult) -> [GuidanceViolation] {
        guard let w = window(r.plan), w.days > 0 else { return [] }
        let limit = Int(r.scenario.parameters["review_interval_days"])
        let days = r.scenario.steps.enumerated().filter { if case .review = $0.element.action { return true }; return false }
            .map { ($0.offset + 1, $0.element.on) }.filter { $0.1 >= w.first.step.on && $0.1 <= w.last.step.on }.sorted { $0.1 < $1.1 }
        var previous: (Int?, Day) = (w.first.index, w.first.step.on)
        for point in days + [(w.last.index, w.last.step.on)] {
            let gap = point.1.daysSinceEpoch - previous.1.daysSinceEpoch
            if gap > limit {
                return [GuidanceViolation(check: .reviewCadence, step: previous.0, date: previous.1,
                                          message: "no quality review for \(gap) days after \(previous.1.iso) during the rollout; review at least every \(limit) days (add {on=..., review=true} steps)",
                                          source: "Quality Experience Review guide")]
            }
            previous = (point.0, point.1)
        }
        return []
    }

    static func globalTeamsOnly(_ r: ScenarioResult) -> [GuidanceViolation] {
        moves(r.plan).filter { if case .global = $0.step.action { return $0.mode == .teamsOnly }; return false }.compactMap { m in
            let onPrem = r.plan.tenant.state(asOf: m.step.on).onPremises.filter { $0 }.count
            guard onPrem > 0 else { return nil }
            return GuidanceViolation(check: .globalTeamsOnly, step: m.index, date: m.step.on,
                                     message: "tenant-wide TeamsOnly while \(onPrem) user(s) are homed on-premises",
                                     source: "Grant-CsTeamsUpgradePolicy")
        }
    }

    /// A cohort's Islands period (days other users see its members in Islands) whose missed conversations
    /// pass `missed_threshold` of those sent to it.
    static func islandsMissed(_ r: ScenarioResult) -> [GuidanceViolation] {
        let limit = r.scenario.parameters["missed_threshold"]
        var out: [GuidanceViolation] = []
        for (c, name) in r.input.cohortNames.enumerated() {
            var received = 0.0, missed = 0.0
            var first: Int?
            for d in 0..<r.scenario.days {
                let got = r.runs.reduce(0) { $0 + $1.islandsReceived[c][d] } / Double(r.runs.count)
                if got > 0 && first == nil { first = d }
                received += got
                missed += r.runs.reduce(0) { $0 + $1.islandsMissed[c][d] } / Double(r.runs.count)
            }
            guard received > 0, missed / received > limit, let first else { continue }
            let step = moves(r.plan).first { m in
                if case let .move(cohort, _, _, _) = m.step.action { return cohort.lowercased() == name.lowercased() && m.mode == .islands }
                return false
            }
            out.append(GuidanceViolation(check: .islandsMissed, step: step?.index, date: step?.step.on ?? r.scenario.start.adding(days: first),
                                         message: "'\(name)' in Islands misses \((missed / received * 1000).rounded() / 10) % of the conversations sent to it (\(Int(missed.rounded())) in all; threshold \(limit * 100) %): its users do not run the client messages land in",
                                         source: "Migration and interoperability guidance for organizations using Teams together with Skype for Business"))
        }
        return out
    }

    static func notice(_ r: ScenarioResult) -> [GuidanceViolation] {
        let levers = LeverSchedule(plan: r.plan, input: r.input)
        return moves(r.plan).compactMap { m in
            guard case let .move(cohort, _, _, _) = m.step.action, (levers.notice[m.index - 1] ?? 0) <= 0 else { return nil }
            return GuidanceViolation(check: .noNotice, step: m.index, date: m.step.on,
                                     message: "'\(cohort)' moves with no notice: give notify= days or announce to it first",
                                     source: "Upgrade Basic")
        }
    }
}
