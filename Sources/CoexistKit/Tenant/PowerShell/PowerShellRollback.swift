extension PowerShellPlan {
    /// The plan undone: change sets latest first, each user granted back the policy they had before it (the
    /// report's `fromPolicy`; none means they inherited the tenant global, so the grant is removed), users moved
    /// from on-premises moved back, a group grant removed (or the group's earlier grant in the plan restored),
    /// the tenant global set back. Start-CsExMeetingMigration is not undone: migrated meetings stay in Teams.
    public var rollbackSections: [Section] {
        var lastGroupGrant: [String: Step] = [:]
        var out: [Section] = []
        for section in sections {
            let groupId = section.entry.report.groupId
            let earlier = groupId.flatMap { lastGroupGrant[$0] }
            out.append(Section(entry: section.entry, steps: PowerShellPlan.rollbackSteps(section, earlierGroupGrant: earlier)))
            if let g = groupId, let grant = section.steps.first(where: { $0.action == "grant-group" }) { lastGroupGrant[g] = grant }
        }
        return out.reversed()
    }

    static func rollbackSteps(_ section: Section, earlierGroupGrant: Step?) -> [Step] {
        let entry = section.entry, r = entry.report, day = entry.day!
        var steps: [Step] = []
        func step(_ upn: String?, _ cohort: String?, _ action: String, _ command: String, _ policy: String?,
                  _ from: String?, _ to: String?) {
            steps.append(Step(changeSet: entry.id, effective: day, upn: upn, cohort: cohort, action: action,
                              command: command, policy: policy, fromMode: from, toMode: to))
        }
        func back(_ c: UserChange) -> GrantTarget {
            GrantTarget(upn: c.upn, cohort: c.cohort, policy: c.fromPolicy, from: c.toMode, to: c.fromPolicyMode, removes: c.fromPolicy == nil)
        }
        if let group = section.steps.first(where: { $0.action == "grant-group" }), let groupId = r.groupId {
            if let earlier = earlierGroupGrant {
                step(nil, group.cohort, "grant-group", earlier.command, earlier.policy, group.toMode, earlier.toMode)
            } else {
                step(nil, group.cohort, "remove-group-grant",
                     "Remove-CsGroupPolicyAssignment -GroupId \(ps(groupId)) -PolicyType TeamsUpgradePolicy -Confirm:$false -WhatIf:$WhatIf",
                     nil, group.toMode, nil)
            }
        } else {
            steps += grantSteps(r.changes.filter { $0.action == .grant || $0.action == .removeGrant }.map(back), entry: entry)
        }
        let moved = r.changes.filter { $0.action == .moveToTeams }
        for c in moved {
            step(c.upn, c.cohort, "move-back", moveCommand(c.upn, target: "$OnPremisesPool", toTeams: false), nil,
                 c.toMode.rawValue, c.fromMode.rawValue)
        }
        steps += grantSteps(moved.map(back), entry: entry)
        if let g = r.globalChange {
            step(nil, nil, "grant-global", "Grant-CsTeamsUpgradePolicy -PolicyName \(ps(g.from.name)) -Global -Force -WhatIf:$WhatIf",
                 g.from.name, g.to.mode.rawValue, g.from.mode.rawValue)
        }
        return steps
    }

    /// The rollback script (`rollbackSections`), with the plan's parameters, log and -OnError, and each user's
    /// line saying the mode it restores.
    public var rollbackScript: String {
        let back = rollbackSections
        let all = back.flatMap(\.steps)
        let moves = all.contains { $0.action == "move-back" }
        let needs = PowerShellRunner.Needs(moves: moves, batches: all.contains { $0.batch != nil }, onPremisesPool: moves)
        let users = all.filter { $0.upn != nil && $0.action != "move-back" }.count
        var description = [
            "Undoes \(back.count) change set(s), latest first: \(users) user grant(s) restored to the policy each user had before,",
            "\(all.filter { $0.action == "move-back" }.count) user(s) moved back on-premises, \(all.filter { $0.action.hasSuffix("group-grant") || $0.action == "grant-group" }.count) group grant(s) undone, \(all.filter { $0.action == "grant-global" }.count) tenant-wide grant(s) restored.",
            "Only the change sets effective on or before -AsOf are undone, so after a partial run of the plan it undoes what ran.",
            "Start-CsExMeetingMigration is not undone: meetings already migrated to Teams stay there.",
            "Modes take up to 24 hours to follow a TeamsUpgradePolicy change (Get-CsTeamsUpgradePolicy).",
        ]
        if moves {
            description.append("Users moved to Teams go back to -OnPremisesPool; their Teams contacts do not move back (Move-CsUser).")
        }
        var out = PowerShellRunner.header(synopsis: "Rollback of a coexistence plan exported by coexist: every user gets back the mode they had before it.",
                                          description: description, needs: needs,
                                          whatIfHelp: "Report what each command would do and change nothing.")
        for section in back {
            let e = section.entry
            out += "\n# ---- Undo change set \(e.id), effective \(e.day!.iso): \(PowerShellPlan.oneLine(e.what))\n"
            out += "if ($AsOf -ge [datetime]'\(e.day!.iso)') {\n"
            out += section.steps.isEmpty ? "    # nothing to undo\n" : PowerShellRunner.commands(section.steps) { s in
                s.upn != nil && s.action != "move-back" ? "back to \(s.toMode ?? "?")" : nil
            }
            out += "}\n"
        }
        return out + PowerShellRunner.footer("rollback")
    }
}
