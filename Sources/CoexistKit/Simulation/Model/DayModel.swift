/// The day-by-day model of one scenario on one tenant. Every day: modes take effect after the policy
/// delay and become visible to other users' clients after the discovery delay ("Upgrade methods"); users
/// start Teams along their cohort's Bass curve (`BassAdoption`, rates raised by the scenario's levers);
/// the day's conversations are routed by the routing engine and counted; moved users raise tickets and
/// have their meetings migrated; each building's busy-hour Teams load is set against its WAN.
///
/// Two ways of counting conversations give the same figures: `.grouped` keeps the conversation volume
/// between route classes up to date as users change class and routes each class pair once a day (fast);
/// `.perUser` routes every edge of the graph every day (the reference the grouped count is tested against).
public struct DayModel: Sendable {
    public enum Counting: Sendable { case grouped, perUser }

    public let plan: ScenarioPlan
    public let input: SimulationInput
    let levers: LeverSchedule
    let classes = RouteClasses()
    /// Per step day: users whose change takes effect then, with their meeting migration and ticket weight.
    let moves: [[MoveEvent]]
    /// Expected tickets per day (moves times preparedness, spread by the decay).
    let expectedTickets: [Double]

    struct MoveEvent: Sendable {
        var user: Int32
        var meetingMigration: Bool
        var manualMigration: Bool
    }

    public init(plan: ScenarioPlan, input: SimulationInput) {
        self.plan = plan
        self.input = input
        let levers = LeverSchedule(plan: plan, input: input)
        self.levers = levers
        let s = plan.scenario, p = s.parameters
        let delay = Int(p["policy_delay_days"])
        var moves = [[MoveEvent]](repeating: [], count: s.days)
        var tickets = [Double](repeating: 0, count: s.days)
        for (step, report) in plan.moveReports {
            guard let day = report.day else { continue }
            let d = s.dayIndex(day) + delay
            guard d < s.days else { continue }
            let notice = levers.notice[step] ?? 0
            var perUser = p["tickets_per_move"] * (notice < 7 ? p["no_notice_factor"] : 1)
            var changed = 0
            for c in report.changes where c.fromMode != c.toMode || c.meetingMigration || c.needsManualMeetingMigration {
                moves[d].append(MoveEvent(user: Int32(c.position), meetingMigration: c.meetingMigration,
                                          manualMigration: c.needsManualMeetingMigration))
                if c.fromMode != c.toMode {
                    changed += 1
                }
            }
            guard changed > 0 else { continue }
            let cohort = report.cohort.flatMap { name in input.cohortNames.firstIndex(of: name) } ?? input.cohortNames.count
            perUser *= (1 - p["training_effect"] * levers.trainedShare[cohort][d])
            perUser *= (1 - p["champion_effect"] * levers.championCoverage[cohort][d])
            let total = perUser * Double(changed), r = p["ticket_decay"]
            var share = 1 - r
            for t in d..<s.days {
                tickets[t] += total * share
                share *= r
            }
        }
        self.moves = moves
        expectedTickets = tickets
    }

    /// One replication, its draws from (seed, run).
    public func run(_ run: Int, counting: Counting = .grouped) -> RunFigures {
        var state = RunState(model: self, rng: CounterRandom(seed: plan.scenario.seed, run: run))
        return state.play(counting)
    }
}
