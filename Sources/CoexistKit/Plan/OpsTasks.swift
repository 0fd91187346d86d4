/// How often an operations task runs ("Operate my service", SfB-docs `Teams/upgrade-operate-my-service.md`).
/// `review`: the Quality of Experience Review, "monthly (weekly during deployments)".
public enum OpsCadence: String, Sendable, Codable, CaseIterable {
    case realtime = "real-time", daily, weekly, biweekly, monthly, review = "monthly (weekly during rollout)", asNeeded = "as needed"
}

public struct OpsTask: Sendable, Equatable {
    public var category: String
    public var activity: String
    public var cadence: OpsCadence
    public var role: String
    /// The check a task can run itself (nil for tasks done by people): "qer", "missing_subnets", "usage".
    public var check: String?
}

public enum OpsTasks {
    /// Reference 8.1's table; the suggested role is ours (Microsoft leaves "Team assigned" blank).
    public static let all: [OpsTask] = [
        t("Service health", "Monitor service health", .realtime, "Tenant Admin"),
        t("Service health", "Incident notification to users, helpdesk, incident managers", .asNeeded, "Service Owner"),
        t("Org change", "Monitor for change (roadmap, blog, release notes)", .daily, "Adoption/Change Mgmt"),
        t("Org change", "Planning for change", .asNeeded, "Adoption/Change Mgmt"),
        t("Org change", "User readiness campaigns", .asNeeded, "Adoption/Change Mgmt"),
        t("Org change", "Support team readiness", .asNeeded, "Help Desk"),
        t("Usage", "Measure usage (enablement phase)", .weekly, "Service Owner", check: "usage"),
        t("Usage", "Measure usage (drive-value phase)", .biweekly, "Service Owner", check: "usage"),
        t("Usage", "Update adoption plan", .asNeeded, "Adoption/Change Mgmt"),
        t("Sentiment", "Assess user sentiment", .asNeeded, "Adoption/Change Mgmt"),
        t("Sentiment", "Update adoption plans from feedback", .asNeeded, "Adoption/Change Mgmt"),
        t("Network", "Monitor Office 365 IPs and URLs (RSS)", .daily, "Network Operations"),
        t("Network", "Update network for IP/URL changes", .asNeeded, "Network Operations"),
        t("Network", "Provide building data to quality champion", .asNeeded, "Network Operations"),
        t("Network", "Implement change (firewalls, VPN, Wi-Fi, internet, DNS)", .asNeeded, "Network Operations"),
        t("Network", "Network monitoring and reporting", .daily, "Network Operations", check: "missing_subnets"),
        t("Network", "Capacity planning (Network Planner)", .asNeeded, "Network Operations"),
        t("Network", "Network troubleshooting and remediation", .asNeeded, "Network Operations"),
        t("Network", "DR / high-availability testing", .monthly, "Network Operations"),
        t("Quality", "Nominate and train quality champion(s)", .asNeeded, "Service Owner"),
        t("Quality", "Perform Quality of Experience Reviews", .review, "Quality Champion", check: "qer"),
        t("Quality", "Drive remediation", .asNeeded, "Quality Champion"),
        t("Quality", "Update building data in CQD", .asNeeded, "Quality Champion"),
        t("Quality", "Fill the Quality Champion role", .daily, "Quality Champion"),
        t("Endpoints", "Endpoint requirements (supported OS/browser)", .monthly, "Client & Endpoints"),
        t("Endpoints", "Endpoint firewall exclusions", .asNeeded, "Client & Endpoints"),
        t("Endpoints", "Test/update Wi-Fi drivers, validate in CQD", .asNeeded, "Client & Endpoints"),
        t("Endpoints", "Endpoint/device catalog, contracts, warranty", .monthly, "Client & Endpoints"),
        t("Endpoints", "Endpoint troubleshooting", .asNeeded, "Help Desk"),
        t("Manage Teams", "Service (tenant-wide) administration", .asNeeded, "Tenant Admin"),
        t("Manage Teams", "User administration", .asNeeded, "Tenant Admin"),
        t("Manage Teams", "License management (PSTN usage, minute pools, Communications Credits)", .weekly, "Tenant Admin"),
        t("Manage Teams", "Telephone number management", .weekly, "Telephony Operations"),
        t("Manage Teams", "Team creation requests (optional)", .asNeeded, "Tenant Admin"),
    ]

    private static func t(_ c: String, _ a: String, _ cadence: OpsCadence, _ role: String, check: String? = nil) -> OpsTask {
        OpsTask(category: c, activity: a, cadence: cadence, role: role, check: check)
    }

    public static var activities: [String] { all.map(\.activity) }
}

/// The operations calendar: tasks expanded into dated occurrences. Weekly and biweekly tasks fall on Mondays
/// (biweekly counted from the Monday of `anchor`'s week); monthly ones on `anchor`'s day of the month, or the
/// month's last day when it is shorter (an anchor on the 31st runs on 29 February in a leap year). The review runs
/// weekly on Mondays while a rollout is under way, monthly otherwise.
public struct OpsCalendar {
    public var anchor: Day
    /// Days a rollout is under way (from a week before the first scheduled move to two weeks after the last).
    public var rollout: ClosedRange<Day>?

    public init(anchor: Day, rolloutMoves: [Day]) {
        self.anchor = anchor
        if let first = rolloutMoves.min(), let last = rolloutMoves.max() {
            rollout = first.adding(days: -7)...last.adding(days: 14)
        }
    }

    public func isRollout(_ day: Day) -> Bool { rollout?.contains(day) ?? false }

    /// Whether `task` falls on `day`.
    public func occurs(_ cadence: OpsCadence, on day: Day) -> Bool {
        let isMonday = day.weekday == 2
        switch cadence {
        case .realtime, .daily: return true
        case .weekly: return isMonday
        case .biweekly:
            let weeks = (day.daysSinceEpoch - Civil.monday(onOrBefore: anchor.daysSinceEpoch)) / 7
            return isMonday && Civil.floorDivide(weeks, 2).remainder == 0
        case .monthly: return isMonthlyDay(day)
        case .review: return isRollout(day) ? isMonday : isMonthlyDay(day)
        case .asNeeded: return false
        }
    }

    private func isMonthlyDay(_ day: Day) -> Bool {
        let (y, m, d) = day.components
        return d == min(anchor.components.day, Civil.daysIn(year: y, month: m))
    }

    /// Every occurrence in [from, to], day by day, in task order.
    public func expand(_ tasks: [OpsTask], from: Day, to: Day) -> [(day: Day, task: OpsTask)] {
        var out: [(Day, OpsTask)] = []
        var d = from
        while d <= to {
            for t in tasks where occurs(t.cadence, on: d) { out.append((d, t)) }
            d = d.adding(days: 1)
        }
        return out
    }
}
