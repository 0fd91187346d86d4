/// The mode a user is in on a day: the one rule every reader (users, routes, presence, the routing matrix,
/// `as_of`, readiness, change reports) goes through, so no two of them can disagree about a user.
///
/// Skype for Business Online was retired on 31 July 2021; since then the modes other than TeamsOnly are valid
/// only for users homed in Skype for Business Server (the coexistence-modes reference of "Migration and
/// interoperability guidance for organizations using Teams together with Skype for Business"), so an
/// online-homed user is TeamsOnly in effect whatever mode their policy names. Before the retirement the
/// policy's mode applies to everyone, which is what the pre-retirement rows of the routing tables in
/// "Coexistence with Skype for Business" (its revision of August 2021) describe.
public enum EffectiveMode {
    /// The mode `policyMode` (the grant's, or the tenant global's) gives a user homed at `homing` on `day`.
    @inline(__always)
    public static func of(policyMode: CoexistenceMode, homing: UserHoming, on day: PlanDay) -> CoexistenceMode {
        homing == .online && sfbOnlineRetired(on: day) ? .teamsOnly : policyMode
    }

    /// True for the days after 31 July 2021, the retirement date (the date itself keeps the old rules).
    @inline(__always)
    public static func sfbOnlineRetired(on day: PlanDay) -> Bool { day > PlanDay.sfbOnlineRetirement }

    /// The reason, in the words change reports and route notes use.
    public static let retirementReason = "Skype for Business Online was retired on 31 July 2021"
}
