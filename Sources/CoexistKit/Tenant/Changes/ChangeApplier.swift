/// The one place that changes modes, grants and cohorts: it validates a request against the rules of "Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"
/// and the whole timeline, works on a copy so a failure anywhere leaves the tenant untouched, reports every
/// user changed and every warning. It keeps no log: the workspace's door journals the change and reverts it.
enum ChangeApplier {
    static func apply(_ request: ChangeRequest, to tenant: inout CoexistenceTenant, options: ChangeOptions) throws(TenantError) -> ChangeReport {
        var next = tenant
        let id = next.nextChangeSet
        var report: ChangeReport
        switch request {
        case let .grant(users, policy, cohort, label):
            report = try grant(users, policy: policy, cohort: cohort, label: label, id: id, in: &next, options: options)
        case let .setGlobal(policy):
            report = try setGlobal(policy, id: id, in: &next, options: options)
        case let .assignCohort(name, members, groupId, replace):
            report = ChangeReport(what: "cohort '\(name)': \(replace ? "set to" : "add") \(members.count) user(s)",
                                  day: nil, scheduled: false, dryRun: options.dryRun, cohort: name, groupId: groupId)
            report.notices = next.cohorts.assign(members, to: name, groupId: groupId, replace: replace,
                                                 userCount: next.directory.count)
        case let .removeFromCohort(name, members):
            _ = try next.cohorts.cohort(name)
            report = ChangeReport(what: "cohort '\(name)': remove \(members.count) user(s)", day: nil, scheduled: false,
                                  dryRun: options.dryRun, cohort: name)
            next.cohorts.remove(members, from: name)
        case let .deleteCohort(name):
            _ = try next.cohorts.cohort(name)
            report = ChangeReport(what: "delete cohort '\(name)'", day: nil, scheduled: false, dryRun: options.dryRun, cohort: name)
            next.cohorts.delete(name)
        }
        if options.dryRun { return report }
        report.id = id
        next.nextChangeSet += 1
        tenant = next
        return report
    }

    // MARK: - per-user grants

    private static func grant(_ users: [Int], policy: UpgradePolicy?, cohort: String?, label: String, id: Int,
                              in tenant: inout CoexistenceTenant, options: ChangeOptions) throws(TenantError) -> ChangeReport {
        let day = options.on ?? tenant.today
        let state = tenant.timeline.state(asOf: day)
        let globalMode = state.globalPolicy.mode
        let targetMode = policy?.mode ?? globalMode
        let groupId = cohort.flatMap { try? tenant.cohorts.cohort($0) }?.groupId
        var report = ChangeReport(
            what: "\(label) -> \(policy.map { $0.mode.rawValue == $0.name ? $0.name : "\($0.mode.rawValue) (\($0.name))" } ?? "tenant global (grant removed)") on \(day.iso)",
            day: day, scheduled: day > tenant.today, dryRun: options.dryRun, cohort: cohort, groupId: groupId)
        let grantId = policy?.id ?? PolicyState.noGrant
        let triggersMMS = policy.map { $0.mode == .teamsOnly || $0.mode == .sfbWithTeamsCollabAndMeetings } ?? false
        var updates: [TimelineEntry.UserUpdate] = []
        updates.reserveCapacity(users.count)
        report.changes.reserveCapacity(users.count)
        var counts = (moveToTeams: 0, notifyIgnored: 0, onlineNotTeamsOnly: 0, islandsVoice: 0, onPremMailbox: 0)
        for p in users {
            let onPrem = state.onPremises[p]
            let current = state.grants[p]
            let moveOnline = onPrem && targetMode == .teamsOnly && policy != nil
            if current == grantId && !moveOnline { report.unchangedUsers += 1; continue }
            let user = tenant.directory[p]
            let action: UserChangeAction = moveOnline ? .moveToTeams : policy == nil ? .removeGrant : .grant
            let mms = (triggersMMS || moveOnline) && user.mailbox == .online
            if moveOnline { counts.moveToTeams += 1 }
            if onPrem && !moveOnline && options.notify == true { counts.notifyIgnored += 1 }
            if !onPrem && targetMode != .teamsOnly { counts.onlineNotTeamsOnly += 1 }
            if targetMode == .islands && user.enterpriseVoice { counts.islandsVoice += 1 }
            if (triggersMMS || moveOnline) && user.mailbox == .onPremises { counts.onPremMailbox += 1 }
            updates.append(.init(position: Int32(p), grant: grantId, moveOnline: moveOnline))
            report.changes.append(UserChange(
                position: p, upn: user.upn, cohort: tenant.cohorts.cohortName(ofUser: p), action: action,
                fromPolicy: state.grant(p), toPolicy: policy, fromMode: state.effectiveMode(p),
                toMode: EffectiveMode.of(policyMode: targetMode, homing: moveOnline ? .online : state.homing(p), on: day),
                fromPolicyMode: state.policyMode(p),
                meetingMigration: mms, needsManualMeetingMigration: false))
        }
        if report.unchangedUsers > 0 {
            report.notices.append("\(report.unchangedUsers) user(s) already had this grant on \(day.iso)")
        }
        if counts.moveToTeams > 0 {
            report.warnings.append("\(counts.moveToTeams) user(s) homed on-premises: TeamsOnly is planned as Move-CsUser -Target sipfed.online.lync.com -MoveToTeams (needs hybrid and SfB Server 2019 or 2015 CU8+)")
        }
        if counts.notifyIgnored > 0 {
            report.warnings.append("\(counts.notifyIgnored) user(s) homed on-premises ignore the online NotifySfbUsers; the banner needs an on-premises TeamsUpgradePolicy")
        }
        if counts.onlineNotTeamsOnly > 0 && EffectiveMode.sfbOnlineRetired(on: day) {
            report.warnings.append(stayTeamsOnly(counts.onlineNotTeamsOnly, what: policy.map { "the \($0.name) grant" } ?? "the removal of their grant", mode: targetMode))
        }
        if counts.islandsVoice > 0 {
            report.warnings.append("\(counts.islandsVoice) Enterprise Voice user(s) in Islands: PSTN stays in SfB and Direct Routing is not supported")
        }
        if targetMode == .teamsOnly && !report.changes.isEmpty {
            report.warnings.append("existing interop threads to these users are disabled once they are TeamsOnly; partners must start new chats")
        }
        addMeetingCaveats(&report, onPremMailboxes: counts.onPremMailbox, groupGrant: groupId != nil)
        if !updates.isEmpty {
            try tenant.timeline.insert(TimelineEntry(id: id, day: day, global: nil, users: updates), directory: tenant.directory)
        }
        return report
    }

    // MARK: - tenant global

    private static func setGlobal(_ policy: UpgradePolicy, id: Int, in tenant: inout CoexistenceTenant,
                                  options: ChangeOptions) throws(TenantError) -> ChangeReport {
        let day = options.on ?? tenant.today
        let state = tenant.timeline.state(asOf: day)
        let from = state.globalPolicy
        let label = policy.name == policy.mode.rawValue ? policy.name : "\(policy.mode.rawValue) (\(policy.name))"
        var report = ChangeReport(what: "tenant global -> \(label) on \(day.iso)",
                                  day: day, scheduled: day > tenant.today, dryRun: options.dryRun)
        report.globalChange = GlobalPolicyChange(from: from, to: policy)
        let manual = policy.mode == .teamsOnly || policy.mode == .sfbWithTeamsCollabAndMeetings
        var onPremMailboxes = 0
        var onPremUsers = 0
        var onlineInheritors = 0
        for p in 0..<state.grants.count {
            if state.onPremises[p] { onPremUsers += 1 }
            guard state.grants[p] == PolicyState.noGrant, from.mode != policy.mode else { continue }
            let user = tenant.directory[p]
            if !state.onPremises[p] && policy.mode != .teamsOnly { onlineInheritors += 1 }
            if manual && user.mailbox == .onPremises { onPremMailboxes += 1 }
            report.changes.append(UserChange(
                position: p, upn: user.upn, cohort: tenant.cohorts.cohortName(ofUser: p), action: .inheritsGlobal,
                fromPolicy: nil, toPolicy: nil, fromMode: state.effectiveMode(p),
                toMode: EffectiveMode.of(policyMode: policy.mode, homing: state.homing(p), on: day),
                fromPolicyMode: state.policyMode(p), meetingMigration: false,
                needsManualMeetingMigration: manual && user.mailbox == .online))
        }
        if onlineInheritors > 0 && EffectiveMode.sfbOnlineRetired(on: day) {
            report.warnings.append(stayTeamsOnly(onlineInheritors, what: "the \(policy.name) global", mode: policy.mode))
        }
        if policy.mode == .teamsOnly && state.unprotectedOnPremises > 0 {
            // The timeline check would refuse it too; this message says what to do about it.
            throw .refused("tenant-wide TeamsOnly while \(state.unprotectedOnPremises) user(s) are homed on-premises without an explicit grant; grant them SfBWithTeamsCollab (or another SfB mode) or move them online first")
        }
        if onPremUsers > 0 && policy.mode == .islands && EffectiveMode.sfbOnlineRetired(on: day) {
            report.warnings.append("\(onPremUsers) user(s) homed on-premises: after SfB Online retirement an on-premises org's global should be SfBOnly, SfBWithTeamsCollab or SfBWithTeamsCollabAndMeetings")
        }
        if policy.notifySfbUsers && onPremUsers > 0 {
            report.warnings.append("\(onPremUsers) user(s) homed on-premises ignore the online NotifySfbUsers")
        }
        if manual && !report.changes.isEmpty {
            report.warnings.append("a tenant-wide grant never triggers the Meeting Migration Service: the plan runs Start-CsExMeetingMigration for \(report.manualMeetingMigrationUsers.count) user(s)")
        }
        addMeetingCaveats(&report, onPremMailboxes: onPremMailboxes, groupGrant: false)
        try tenant.timeline.insert(TimelineEntry(id: id, day: day, global: policy.id, users: []), directory: tenant.directory)
        return report
    }

    /// What a move of online users to another mode does after the retirement: the policy is recorded and exported,
    /// the mode does not change.
    private static func stayTeamsOnly(_ count: Int, what: String, mode: CoexistenceMode) -> String {
        "\(count) online user\(count == 1 ? "" : "s") stay\(count == 1 ? "s" : "") TeamsOnly in effect: \(EffectiveMode.retirementReason). The plan records and exports \(what), but only users homed on-premises can be in \(mode.rawValue)"
    }

    private static func addMeetingCaveats(_ report: inout ChangeReport, onPremMailboxes: Int, groupGrant: Bool) {
        let migrating = report.changes.contains { $0.meetingMigration || $0.needsManualMeetingMigration }
        if migrating {
            report.caveats.append("meetings with more than 250 attendees (organizer included) are not migrated")
            report.caveats.append("migration starts no sooner than 90 minutes after the trigger and typically finishes about 2 hours later; failures are retried up to 9 times over 24 hours")
            report.caveats.append("migrated meetings lose attached content (whiteboards, polls) and notes links; copy-pasted meeting blocks are not updated")
        }
        if onPremMailboxes > 0 {
            report.caveats.append("\(onPremMailboxes) user(s) have on-premises mailboxes: the Meeting Migration Service cannot migrate their meetings")
        }
        if groupGrant && migrating {
            report.caveats.append("the cohort has a group id, so the plan grants with -Group; Microsoft documents automatic meeting migration only for per-user grants, so the plan also runs Start-CsExMeetingMigration")
        }
    }
}
