#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where a workspace reads "now" and "today": the system clock, or a clock fixed at one instant (the demo
/// tenant's day, `COEXIST_NOW`, a test, a training lesson, a simulation's day). It is handed to the workspace
/// and read from there; nothing in the process keeps a "now" of its own, so two workspaces with two clocks
/// in one process each see their own date. (Not named `Clock`: every module importing Kit would find the
/// standard library's `Clock`, a protocol for measuring durations, first.)
public struct WorkspaceClock: Sendable {
    private let read: @Sendable () -> Instant
    /// The instant a fixed clock reads; nil for the system clock.
    public let fixedAt: Instant?

    private init(fixedAt: Instant?, read: @escaping @Sendable () -> Instant) {
        self.fixedAt = fixedAt
        self.read = read
    }

    public var now: Instant { read() }
    public var today: Day { now.day }

    /// The machine's real-time clock (UTC).
    public static let system = WorkspaceClock(fixedAt: nil) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(epochSeconds: Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
    }

    /// A clock that always reads `instant`.
    public static func fixed(_ instant: Instant) -> WorkspaceClock { WorkspaceClock(fixedAt: instant) { instant } }

    /// A clock that reads noon UTC of `day`, so "today" is that day and "now" is on it in every time zone.
    public static func fixed(_ day: Day) -> WorkspaceClock { fixed(day.noon) }

    /// The clock a `COEXIST_NOW` value asks for: an absolute date ("2026-11-01", midnight) or date and time
    /// ("2026-11-01T09:30Z"). Anything else is refused with the reason; relative dates have nothing to count from.
    public static func fixed(parsing value: String) throws -> WorkspaceClock {
        fixed(try Instant.parse(value, relativeTo: nil))
    }
}
