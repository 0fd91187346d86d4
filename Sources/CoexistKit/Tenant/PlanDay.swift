/// The upgrade plan's days are calendar days. `PlanDay` is kept as a name for `Day` because the tenant, its
/// bindings and their tests spell it that way throughout; new code writes `Day`.
public typealias PlanDay = Day

extension Day {
    /// Skype for Business Online was retired on this day; on the days after it only on-premises homing allows
    /// non-TeamsOnly modes (see `EffectiveMode`).
    public static let sfbOnlineRetirement = Day(year: 2021, month: 7, day: 31)
}
