/// The demo's upgrade so far, and the adoption its call records show: the cohorts' recorded moves and the
/// Bass rates each cohort's users picked up Teams with, known here so that `calibrate{}` can be checked
/// against the very parameters the history was generated from.
///
/// The story, as at the start of a real journey from Skype for Business Server: every user starts homed
/// on-premises under the tenant global SfBWithTeamsCollab; the Pilot goes to Islands on 10 August and, after
/// six weeks side by side, TeamsOnly (with -MoveToTeams) on 21 September; Wave 1 goes to Islands on 31 August
/// and Wave 2 on 28 September; Wave 3 has not moved. Adoption runs in weeks inside one organisation
/// (announcements, training, a mandated date), so the daily rates are far above the meta-analysis averages
/// for whole markets.
public enum DemoAdoption {
    public struct Plan: Sendable {
        public var cohort: String
        public var parameters: BassParameters
        public var moves: [(day: Day, mode: CoexistenceMode)]
    }

    /// The share of streams from Teams before a cohort's first move: Teams meetings its users join from
    /// invitations while calling stays in Skype for Business.
    public static let startShare = 0.02

    public static let plans: [Plan] = [
        Plan(cohort: DemoPeople.cohorts[0], parameters: BassParameters(innovation: 0.03, imitation: 0.15),
             moves: [(Day(year: 2026, month: 8, day: 10), .islands), (Day(year: 2026, month: 9, day: 21), .teamsOnly)]),
        Plan(cohort: DemoPeople.cohorts[1], parameters: BassParameters(innovation: 0.012, imitation: 0.10),
             moves: [(Day(year: 2026, month: 8, day: 31), .islands)]),
        Plan(cohort: DemoPeople.cohorts[2], parameters: BassParameters(innovation: 0.015, imitation: 0.12),
             moves: [(Day(year: 2026, month: 9, day: 28), .islands)]),
        Plan(cohort: DemoPeople.cohorts[3], parameters: BassParameters(innovation: 0.01, imitation: 0.08), moves: []),
    ]

    public static func plan(_ cohort: String) -> Plan? { plans.first { $0.cohort == cohort } }

    /// The expected Teams share of cohort `index` (in `DemoPeople.cohorts`) on `count` days from `first`.
    public static func shares(cohort index: Int, from first: Day, days count: Int) -> [Double] {
        let p = plans[index]
        return AdoptionPath.shares(p.parameters, moves: p.moves.map { CohortMove(cohort: p.cohort, day: $0.day, mode: $0.mode) },
                                   start: startShare, from: first, days: count)
    }
}
