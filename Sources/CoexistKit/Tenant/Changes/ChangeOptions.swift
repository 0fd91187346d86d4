/// Who makes a change, when, why, and how: the Lua `{on=, notify=, reason=, dry_run=}` table plus `$USER`.
public struct ChangeOptions: Sendable, Equatable {
    /// The day the change takes effect; nil means the tenant's `today`. A later day schedules it.
    public var on: PlanDay?
    /// NotifySfbUsers: picks the ...WithNotify instance. nil leaves it to the policy name (false for mode names).
    public var notify: Bool?
    public var reason: String
    public var who: String
    /// When the change is made, seconds since the Unix epoch (UTC); the caller passes the clock in so that
    /// tests and training sessions stay reproducible.
    public var at: Double
    /// Validate and report, change nothing.
    public var dryRun: Bool

    public init(on: PlanDay? = nil, notify: Bool? = nil, reason: String = "", who: String = "", at: Double = 0,
                dryRun: Bool = false) {
        self.on = on
        self.notify = notify
        self.reason = reason
        self.who = who
        self.at = at
        self.dryRun = dryRun
    }
}
