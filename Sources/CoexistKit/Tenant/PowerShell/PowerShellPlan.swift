import Foundation

/// The change log turned into what an admin runs against the real tenant: a PowerShell script and the same
/// plan as CSV. Same tenant, same bytes: nothing here reads a clock or iterates an unordered collection.
public struct PowerShellPlan: Sendable, Equatable {
    /// One command of the plan, in the order it must run.
    public struct Step: Sendable, Equatable {
        public var changeSet: Int
        public var effective: PlanDay
        public var upn: String?
        public var cohort: String?
        /// grant, remove-grant, move-to-teams, grant-group, grant-global, start-meeting-migration
        public var action: String
        public var command: String
        public var policy: String?
        public var fromMode: String?
        public var toMode: String?
    }

    public struct Section: Sendable, Equatable {
        public var entry: ChangeLogEntry
        public var steps: [Step]
    }

    public private(set) var sections: [Section] = []

    public var steps: [Step] { sections.flatMap(\.steps) }

    /// The plan for every dated change set in the log, by effective day then id; `cohort` keeps only the change
    /// sets that moved that cohort.
    public init(_ tenant: CoexistenceTenant, cohort: String? = nil) throws(TenantError) {
        let cohortName = try cohort.map { (n: String) throws(TenantError) in try tenant.cohorts.cohort(n).name }
        let entries = tenant.log.entries
            .filter { $0.day != nil && (cohortName == nil || $0.report.cohort == cohortName) }
            .sorted { ($0.day!, $0.id) < ($1.day!, $1.id) }
        for entry in entries {
            sections.append(Section(entry: entry, steps: PowerShellPlan.steps(for: entry, tenant: tenant)))
        }
    }

    static func steps(for entry: ChangeLogEntry, tenant: CoexistenceTenant) -> [Step] {
        let report = entry.report
        let day = entry.day!
        var steps: [Step] = []
        func step(_ upn: String?, _ cohort: String?, _ action: String, _ command: String, _ policy: String?,
                  _ from: CoexistenceMode?, _ to: CoexistenceMode?) {
            steps.append(Step(changeSet: entry.id, effective: day, upn: upn, cohort: cohort, action: action,
                              command: command, policy: policy, fromMode: from?.rawValue, toMode: to?.rawValue))
        }
        if let g = report.globalChange {
            step(nil, nil, "grant-global", "Grant-CsTeamsUpgradePolicy -PolicyName \(ps(g.to.name)) -Global -WhatIf:$WhatIf",
                 g.to.name, g.from.mode, g.to.mode)
        }
        // Move-CsUser first: a group grant of TeamsOnly must never reach a user still homed on-premises.
        for c in report.changes where c.action == .moveToTeams {
            step(c.upn, c.cohort, "move-to-teams",
                 "Move-CsUser -Identity \(ps(c.upn)) -Target 'sipfed.online.lync.com' -MoveToTeams -Confirm:$false -WhatIf:$WhatIf",
                 c.toPolicy?.name, c.fromMode, c.toMode)
        }
        let grants = report.changes.filter { $0.action == .grant || $0.action == .removeGrant }
        let groupRank = report.cohort.flatMap { tenant.cohorts.index(of: $0) }.map { $0 + 1 }
        if let groupId = report.groupId, let rank = groupRank, let policy = grants.first?.toPolicy,
           grants.allSatisfy({ $0.action == .grant }) {
            step(nil, report.cohort, "grant-group",
                 "Grant-CsTeamsUpgradePolicy -Group \(ps(groupId)) -PolicyName \(ps(policy.name)) -Rank \(rank) -WhatIf:$WhatIf",
                 policy.name, nil, policy.mode)
        } else {
            for c in grants {
                let name = c.toPolicy.map { ps($0.name) } ?? "$null"
                step(c.upn, c.cohort, c.action.rawValue,
                     "Grant-CsTeamsUpgradePolicy -PolicyName \(name) -Identity \(ps(c.upn)) -WhatIf:$WhatIf",
                     c.toPolicy?.name, c.fromMode, c.toMode)
            }
        }
        // Tenant-wide grants never trigger meeting migration, and group grants are not documented to.
        let groupGranted = steps.contains { $0.action == "grant-group" }
        for c in report.changes where c.needsManualMeetingMigration || (groupGranted && c.meetingMigration && c.action == .grant) {
            step(c.upn, c.cohort, "start-meeting-migration",
                 "Start-CsExMeetingMigration -Identity \(ps(c.upn)) -TargetMeetingType Teams -WhatIf:$WhatIf",
                 nil, c.fromMode, c.toMode)
        }
        return steps
    }

    /// A PowerShell single-quoted literal.
    static func ps(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    // MARK: - script

    /// The script: a header with totals, `-WhatIf` and `-AsOf` parameters, and one section per change set that
    /// runs only once its effective day has come, so scheduled waves can sit in the same file.
    public var script: String {
        let all = steps
        func count(_ action: String) -> Int { all.filter { $0.action == action }.count }
        var out = """
        <#
        .SYNOPSIS
            Skype for Business to Teams coexistence plan exported by coexist.
        .DESCRIPTION
            \(sections.count) change set(s): \(count("grant") + count("remove-grant")) per-user grant(s), \(count("grant-group")) group grant(s), \(count("grant-global")) tenant-wide grant(s),
            \(count("move-to-teams")) Move-CsUser -MoveToTeams, \(count("start-meeting-migration")) Start-CsExMeetingMigration.
            Run Grant-CsTeamsUpgradePolicy and Start-CsExMeetingMigration connected with Connect-MicrosoftTeams, and
            Move-CsUser from the Skype for Business Server Management Shell. Run with -WhatIf first.
        .PARAMETER WhatIf
            Report what each command would do and change nothing.
        .PARAMETER AsOf
            Run only the change sets effective on or before this date (default: today).
        #>
        [CmdletBinding()]
        param(
            [switch]$WhatIf,
            [datetime]$AsOf = (Get-Date).Date
        )

        """
        for section in sections {
            let e = section.entry
            let r = e.report
            let day = e.day!.iso
            out += "\n# ---- Change set \(e.id), effective \(day): \(oneLine(e.what))\n"
            out += "# by \(e.who.isEmpty ? "(unknown)" : oneLine(e.who)) on \(PlanDay(epochSeconds: e.when).iso)"
            out += e.why.isEmpty ? "\n" : ": \(oneLine(e.why))\n"
            let s = section.steps
            out += "# \(r.changes.count) user(s) changed: \(s.filter { $0.action == "grant" || $0.action == "remove-grant" }.count) grant(s), "
            out += "\(s.filter { $0.action == "move-to-teams" }.count) Move-CsUser -MoveToTeams, "
            out += "\(r.meetingMigrationUsers.count) automatic meeting migration(s), "
            out += "\(s.filter { $0.action == "start-meeting-migration" }.count) Start-CsExMeetingMigration\n"
            for w in r.warnings { out += "# warning: \(oneLine(w))\n" }
            for c in r.caveats { out += "# caveat: \(oneLine(c))\n" }
            out += "if ($AsOf -ge [datetime]'\(day)') {\n"
            if s.isEmpty { out += "    # nothing to run\n" }
            for step in s { out += "    \(step.command)\n" }
            out += "}\n"
        }
        return out
    }

    private func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - CSV

    /// The same steps, one per row, for spreadsheets and change tickets.
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
