import Foundation

/// The journal's dated change sets turned into what an admin runs against the real tenant: a PowerShell script, its rollback
/// and verification scripts (`PowerShellScript`, `PowerShellRollback`, `PowerShellVerification`), and the
/// same plan as CSV. Same tenant, same bytes: nothing here reads a clock or iterates an unordered collection.
public struct PowerShellPlan: Sendable, Equatable {
    /// One command of the plan, in the order it must run. A batch assignment is one command for many users:
    /// each of its users is a step with the same `batch`, so the CSV and the rollback keep one row per user.
    public struct Step: Sendable, Equatable {
        public var changeSet: Int
        public var effective: PlanDay
        public var upn: String?
        public var cohort: String?
        /// grant, remove-grant, grant-batch, move-to-teams, grant-group, grant-global, start-meeting-migration;
        /// in a rollback also move-back and remove-group-grant
        public var action: String
        public var command: String
        public var policy: String?
        public var fromMode: String?
        public var toMode: String?
        /// For grant-batch: the batch (1, 2, ...) within its change set; nil for every other action.
        public var batch: Int?
    }

    public struct Section: Sendable, Equatable {
        public var entry: JournalEntry
        public var steps: [Step]

        public static func == (a: Section, b: Section) -> Bool {
            a.entry.record == b.entry.record && a.entry.report == b.entry.report && a.steps == b.steps
        }
    }

    /// More per-user grants than this in one change set go out as New-CsBatchPolicyAssignmentOperation: one
    /// Grant-CsTeamsUpgradePolicy per user is one round trip each, and Microsoft offers batch assignment for
    /// "a large number of users". 200 is "more than a few hundred" read conservatively.
    public static let batchThreshold = 200
    /// "A batch may contain up to 5,000 users" (New-CsBatchPolicyAssignmentOperation).
    public static let batchSize = 5_000

    public private(set) var sections: [Section] = []

    public var steps: [Step] { sections.flatMap(\.steps) }

    /// Commands the script runs: a batch counts once.
    public var commandCount: Int { PowerShellPlan.commands(steps).count }

    /// The plan for every dated change set in the workspace's journal, by effective day then id; `cohort` keeps
    /// only the change sets that moved that cohort.
    public init(_ workspace: Workspace, cohort: String? = nil) throws(TenantError) {
        try self.init(journal: workspace.journal, tenant: workspace.coexistence, cohort: cohort)
    }

    /// The plan of `journal`'s dated change sets over `tenant` (the journal's own, or a view of it on a day).
    public init(journal: Journal, tenant: CoexistenceTenant, cohort: String? = nil) throws(TenantError) {
        let cohortName = try cohort.map { (n: String) throws(TenantError) in try tenant.cohorts.cohort(n).name }
        let entries = journal.entries
            .filter { $0.isPlanned && (cohortName == nil || $0.report.cohort == cohortName) }
            .sorted { ($0.day!, $0.id) < ($1.day!, $1.id) }
        for entry in entries {
            sections.append(Section(entry: entry, steps: PowerShellPlan.steps(for: entry, tenant: tenant)))
        }
    }

    /// Where the side files of a plan written to `path` go: "plan.ps1" -> "plan.rollback.ps1" and
    /// "plan.verify.ps1"; a name without ".ps1" gets the suffixes appended.
    public static func sidePaths(for path: String) -> (rollback: String, verify: String) {
        let stem = path.lowercased().hasSuffix(".ps1") ? String(path.dropLast(4)) : path
        return (stem + ".rollback.ps1", stem + ".verify.ps1")
    }

    static func steps(for entry: JournalEntry, tenant: CoexistenceTenant) -> [Step] {
        let report = entry.report
        let day = entry.day!
        var steps: [Step] = []
        func step(_ upn: String?, _ cohort: String?, _ action: String, _ command: String, _ policy: String?,
                  _ from: CoexistenceMode?, _ to: CoexistenceMode?) {
            steps.append(Step(changeSet: entry.id, effective: day, upn: upn, cohort: cohort, action: action,
                              command: command, policy: policy, fromMode: from?.rawValue, toMode: to?.rawValue))
        }
        if let g = report.globalChange {
            // -Force: Grant-CsTeamsUpgradePolicy -Global asks nothing then, which an unattended run needs.
            step(nil, nil, "grant-global", "Grant-CsTeamsUpgradePolicy -PolicyName \(ps(g.to.name)) -Global -Force -WhatIf:$WhatIf",
                 g.to.name, g.from.mode, g.to.mode)
        }
        // Move-CsUser first: a group grant of TeamsOnly must never reach a user still homed on-premises.
        for c in report.changes where c.action == .moveToTeams {
            step(c.upn, c.cohort, "move-to-teams", moveCommand(c.upn), c.toPolicy?.name, c.fromMode, c.toMode)
        }
        let grants = report.changes.filter { $0.action == .grant || $0.action == .removeGrant }
        let groupRank = report.cohort.flatMap { tenant.cohorts.index(of: $0) }.map { $0 + 1 }
        if let groupId = report.groupId, let rank = groupRank, let policy = grants.first?.toPolicy,
           grants.allSatisfy({ $0.action == .grant }) {
            step(nil, report.cohort, "grant-group",
                 "Grant-CsTeamsUpgradePolicy -Group \(ps(groupId)) -PolicyName \(ps(policy.name)) -Rank \(rank) -WhatIf:$WhatIf",
                 policy.name, nil, policy.mode)
        } else {
            steps += grantSteps(grants.map { GrantTarget(upn: $0.upn, cohort: $0.cohort, policy: $0.toPolicy,
                                                         from: $0.fromMode, to: $0.toMode, removes: $0.action == .removeGrant) },
                                entry: entry)
        }
        // Tenant-wide grants never trigger meeting migration, and group and batch grants are not documented to.
        let notPerUser = steps.contains { $0.action == "grant-group" || $0.action == "grant-batch" }
        for c in report.changes where c.needsManualMeetingMigration || (notPerUser && c.meetingMigration && c.action == .grant) {
            step(c.upn, c.cohort, "start-meeting-migration",
                 "Start-CsExMeetingMigration -Identity \(ps(c.upn)) -TargetMeetingType Teams -WhatIf:$WhatIf",
                 nil, c.fromMode, c.toMode)
        }
        return steps
    }

    /// Move-CsUser with the credential or OAuth parameters the admin passed to the script (`$MoveAuth`).
    static func moveCommand(_ upn: String, target: String = "'sipfed.online.lync.com'", toTeams: Bool = true) -> String {
        "Move-CsUser -Identity \(ps(upn)) -Target \(target)\(toTeams ? " -MoveToTeams" : "") -Confirm:$false -WhatIf:$WhatIf @MoveAuth"
    }

    /// One user's grant: the policy to grant (nil: remove the grant) and the modes around it.
    struct GrantTarget {
        var upn: String
        var cohort: String?
        var policy: UpgradePolicy?
        var from: CoexistenceMode
        var to: CoexistenceMode
        var removes: Bool
    }

    /// Per-user grants, or batches of at most `batchSize` per policy once there are more than `batchThreshold`.
    static func grantSteps(_ targets: [GrantTarget], entry: JournalEntry) -> [Step] {
        let day = entry.day!
        guard targets.count > batchThreshold else {
            return targets.map { t in
                let name = t.policy.map { ps($0.name) } ?? "$null"
                return Step(changeSet: entry.id, effective: day, upn: t.upn, cohort: t.cohort,
                            action: t.removes ? "remove-grant" : "grant",
                            command: "Grant-CsTeamsUpgradePolicy -PolicyName \(name) -Identity \(ps(t.upn)) -WhatIf:$WhatIf",
                            policy: t.policy?.name, fromMode: t.from.rawValue, toMode: t.to.rawValue)
            }
        }
        // One run of batches per policy, in the order the policies first appear.
        var order: [String] = []
        var byPolicy: [String: [GrantTarget]] = [:]
        for t in targets {
            let key = t.policy?.name ?? ""
            if byPolicy[key] == nil { order.append(key) }
            byPolicy[key, default: []].append(t)
        }
        var out: [Step] = []
        var batch = 0
        let total = order.reduce(0) { $0 + (byPolicy[$1]!.count + batchSize - 1) / batchSize }
        for key in order {
            let group = byPolicy[key]!
            for start in stride(from: 0, to: group.count, by: batchSize) {
                batch += 1
                let members = group[start..<min(start + batchSize, group.count)]
                let name = key.isEmpty ? "$null" : ps(key)
                let command = "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsUpgradePolicy -PolicyName \(name) "
                    + "-Identity @(\(members.count) users) -OperationName \(ps(batchName(entry.id, batch, total)))"
                for t in members {
                    out.append(Step(changeSet: entry.id, effective: day, upn: t.upn, cohort: t.cohort, action: "grant-batch",
                                    command: command, policy: t.policy?.name, fromMode: t.from.rawValue,
                                    toMode: t.to.rawValue, batch: batch))
                }
            }
        }
        return out
    }

    static func batchName(_ changeSet: Int, _ batch: Int, _ total: Int) -> String {
        "coexist change set \(changeSet) batch \(batch) of \(total)"
    }

    /// Steps as the script runs them: each batch's users folded into its first step.
    static func commands(_ steps: [Step]) -> [(step: Step, users: [String])] {
        var out: [(step: Step, users: [String])] = []
        for s in steps {
            if let b = s.batch, let last = out.last, last.step.batch == b, last.step.changeSet == s.changeSet {
                out[out.count - 1].users.append(s.upn ?? "")
            } else {
                out.append((s, s.batch == nil ? [] : [s.upn ?? ""]))
            }
        }
        return out
    }

    /// A PowerShell single-quoted literal.
    static func ps(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - CSV

    /// The same steps, one per row (one per user of a batch), for spreadsheets and change tickets.
    public var csv: String {
        var out = "change_set,effective,upn,cohort,action,policy,from_mode,to_mode,command\r\n"
        for s in steps {
            let fields = [String(s.changeSet), s.effective.iso, s.upn ?? "", s.cohort ?? "", s.action, s.policy ?? "",
                          s.fromMode ?? "", s.toMode ?? "", s.command]
            out += fields.map(PowerShellPlan.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
