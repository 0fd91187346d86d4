extension PowerShellPlan {
    var needs: PowerShellRunner.Needs {
        PowerShellRunner.Needs(moves: steps.contains { $0.action == "move-to-teams" },
                               batches: steps.contains { $0.batch != nil })
    }

    /// The script: `#Requires`, help, the parameters of an unattended run (see `PowerShellRunner`), and one
    /// section per change set that runs only once its effective day has come, so scheduled waves can sit in the
    /// same file. Every command's outcome goes to the log; -OnError says whether a failure stops the run.
    public var script: String {
        let all = steps
        func count(_ action: String) -> Int { all.filter { $0.action == action }.count }
        let batches = PowerShellPlan.commands(all).filter { $0.step.batch != nil }.count
        var description = [
            "\(sections.count) change set(s): \(count("grant") + count("remove-grant")) per-user grant(s), \(count("grant-batch")) user(s) in \(batches) batch grant(s), \(count("grant-group")) group grant(s),",
            "\(count("grant-global")) tenant-wide grant(s), \(count("move-to-teams")) Move-CsUser -MoveToTeams, \(count("start-meeting-migration")) Start-CsExMeetingMigration.",
            "Connects with Connect-MicrosoftTeams; pass -Credential or a certificate to run unattended. Run with -WhatIf first.",
            "More than \(PowerShellPlan.batchThreshold) per-user grants in one change set go as New-CsBatchPolicyAssignmentOperation batches",
            "of at most \(PowerShellPlan.batchSize) users, each checked with Get-CsBatchPolicyAssignmentOperation until it completes.",
            "Written with <name>.rollback.ps1 (grants every user the policy they had before) and <name>.verify.ps1",
            "(after the 24-hour propagation window, lists users whose TeamsUpgradeEffectiveMode is not yet the planned one).",
        ]
        if count("move-to-teams") > 0 {
            description.append("Move-CsUser needs the Skype for Business Server admin tools and the MicrosoftTeams module 6.2.1 or later: run this on a Skype for Business Server.")
        }
        var out = PowerShellRunner.header(synopsis: "Skype for Business to Teams coexistence plan exported by coexist.",
                                          description: description, needs: needs,
                                          whatIfHelp: "Report what each command would do and change nothing.")
        for section in sections {
            let e = section.entry
            let r = e.report
            let day = e.day!.iso
            out += "\n# ---- Change set \(e.id), effective \(day): \(PowerShellPlan.oneLine(e.what))\n"
            out += "# by \(e.who.isEmpty ? "(unknown)" : PowerShellPlan.oneLine(e.who)) on \(PlanDay(epochSeconds: e.at).iso)"
            out += e.why.isEmpty ? "\n" : ": \(PowerShellPlan.oneLine(e.why))\n"
            let s = section.steps
            out += "# \(r.changes.count) user(s) changed: \(s.filter { ["grant", "remove-grant", "grant-batch"].contains($0.action) }.count) grant(s), "
            out += "\(s.filter { $0.action == "move-to-teams" }.count) Move-CsUser -MoveToTeams, "
            out += "\(r.meetingMigrationUsers.count) automatic meeting migration(s), "
            out += "\(s.filter { $0.action == "start-meeting-migration" }.count) Start-CsExMeetingMigration\n"
            for w in r.warnings { out += "# warning: \(PowerShellPlan.oneLine(w))\n" }
            for c in r.caveats { out += "# caveat: \(PowerShellPlan.oneLine(c))\n" }
            if s.contains(where: { $0.batch != nil }) {
                out += "# caveat: the grants go as batch assignments; Microsoft documents automatic meeting migration only for Grant-CsTeamsUpgradePolicy, so the plan also runs Start-CsExMeetingMigration\n"
            }
            out += "if ($AsOf -ge [datetime]'\(day)') {\n"
            out += s.isEmpty ? "    # nothing to run\n" : PowerShellRunner.commands(s)
            out += "}\n"
        }
        return out + PowerShellRunner.footer("plan")
    }
}
