/// The upgrade framework's phases and steps ("Upgrade framework", SfB-docs `Teams/upgrade-framework.md`), laid out
/// relative to the pilot's first day so a new plan follows "Pilot essentials"' 30-day timeline: day −7 initial
/// comms, day 1 kickoff, checkpoints on days 7, 14 and 21, day 30 final comms, days 31–45 assessment.
public enum PlanFramework {
    /// Days from the plan's start to the pilot's day 1: six weeks of Plan and Prepare.
    public static let pilotDayOne = 42

    /// (phase, [(step title, start offset, due offset)]); offsets are days from pilot day 1 (day 1 = offset 0).
    public static let phases: [(String, [(String, Int, Int)])] = [
        ("Plan", [("define stakeholders", -42, -40), ("project vision & scope", -40, -37), ("project goals", -37, -35),
                  ("risks & mitigation", -35, -33), ("timeline & milestones", -33, -31), ("coexistence/upgrade strategy", -31, -29)]),
        ("Prepare", [("assess environment / technical onboarding", -28, -24), ("optimize network for real-time media", -28, -14),
                     ("org change readiness, use cases, personas", -24, -20), ("user readiness plan (communicate, train, support)", -20, -16),
                     ("announce pending Teams launch", -16, -14), ("prepare IT staff", -14, -8)]),
        ("Pilot", [("pilot logistics", -14, -10), ("participants & test scenarios", -10, -8), ("test plan & feedback survey", -10, -8),
                   ("pilot comms plan (day -7 initial comms)", -8, -7), ("conduct pilot (day 1 kickoff to day 30 final comms)", 0, 29),
                   ("assess learnings / go-forward plan (days 31-45)", 30, 44)]),
        ("Deploy", [("announce official launch", 45, 47), ("enable coexistence mode(s)", 47, 52), ("watch Teams roadmap", 47, 90),
                    ("ongoing comms + champions", 47, 90)]),
        ("Upgrade", [("confirm pre-upgrade work", 52, 55), ("notify first upgrade group", 55, 59), ("set TeamsOnly for that group", 59, 60),
                     ("repeat for remaining groups on a rolling cycle", 60, 104), ("post-upgrade feedback survey", 104, 111)]),
        ("Operate", [("assess success vs goals", 111, 118), ("mitigation for off-track goals", 118, 132),
                     ("monitor network health & quality", 111, 160), ("drive momentum/adoption", 111, 160),
                     ("prepare for new functionality", 132, 160)]),
    ]

    /// The pilot's milestones ("Pilot essentials"), offsets from pilot day 1 (day 1 = 0).
    public static let pilotMilestones: [(String, Int)] = [
        ("pilot initial comms (day -7)", -8), ("pilot kickoff (day 1)", 0), ("pilot checkpoint (day 7)", 6),
        ("pilot mid-point comms + checkpoint (day 14)", 13), ("pilot checkpoint (day 21)", 20),
        ("pilot final comms (day 30)", 29), ("pilot assessment done (day 45)", 44),
    ]

    /// "Upgrade Basic" checklist (SfB-docs `Teams/upgrade-basic.md`): (step, start, due) in days from upgrade day U.
    public static let basic: [(String, Int, Int)] = [
        ("notify key stakeholders", -42, -28), ("prepare organization / technical planning", -42, -28),
        ("know your SfB users (usage baseline, top users)", -28, -28), ("notify users of the upgrade", -21, -14),
        ("turn on SfB client upgrade notification (NotifySfbUsers)", -7, -7), ("remind users", -5, -5),
        ("upgrade: set TeamsOnly; welcome email", 0, 0), ("monitor Teams usage vs baseline", 7, 14),
        ("measure user satisfaction", 7, 14), ("maximize ROI (collaboration, apps)", 14, 42),
    ]

    /// The framework's steps for a plan starting on `start`.
    public static func steps(start: Day) -> [PlanStep] {
        let one = start.adding(days: pilotDayOne)
        return phases.flatMap { phase, steps in
            steps.enumerated().map { i, s in
                PlanStep(phase: phase, number: i + 1, title: s.0, start: one.adding(days: s.1), due: one.adding(days: s.2))
            }
        }
    }

    /// The Basic checklist for upgrade day `day`, as one phase "Basic".
    public static func basicSteps(upgradeDay day: Day) -> [PlanStep] {
        basic.enumerated().map { i, s in
            PlanStep(phase: "Basic", number: i + 1, title: s.0, start: day.adding(days: s.1), due: day.adding(days: s.2))
        }
    }
}

/// A step's state: what `plan:step(...):done{}` and friends set.
public enum StepStatus: String, Sendable, Codable, CaseIterable {
    case todo, doing, done, skipped
}

public struct PlanStep: Sendable, Codable, Equatable {
    public var phase: String
    public var number: Int
    public var title: String
    public var status: StepStatus = .todo
    public var owner: String?
    public var start: Day
    public var due: Day
    public var note: String?

    public init(phase: String, number: Int, title: String, start: Day, due: Day) {
        self.phase = phase
        self.number = number
        self.title = title
        self.start = start
        self.due = due
    }

    public var isOpen: Bool { status == .todo || status == .doing }
    public func isLate(on today: Day) -> Bool { isOpen && due < today }
}
