/// What a Get-CsOnlineUser export says about the tenant global, and where it disagrees with what we compute.
///
/// The export has no column for the global policy: a user who inherits it shows an empty `TeamsUpgradePolicy`
/// and the global's mode in `TeamsUpgradeEffectiveMode`. So the users who inherit it are the evidence: when they
/// all show the same mode, that is the global; when two disagree the file cannot describe one tenant and is
/// refused, naming both lines. After Skype for Business Online's retirement an online user is TeamsOnly whatever
/// the global (`EffectiveMode`), so an online inheritor showing TeamsOnly then says nothing about it and is not
/// counted. A global the user states (the `global` import option, `tenant:set_global(mode, {current=true})`)
/// replaces the inference; either way nothing is recorded as a change, because nothing changed in the tenant.
enum TenantGlobalInference {
    /// Where the users of the file being imported came from: directory position -> line.
    struct Origin {
        var file: String?
        var lines: [Int: Int]

        static let none = Origin(file: nil, lines: [:])

        func label(_ p: Int, _ tenant: CoexistenceTenant) -> String {
            if let file, let line = lines[p] { return "\(file):\(line): \(tenant.directory[p].upn)" }
            return "\(tenant.directory[p].upn) (imported earlier)"
        }
    }

    /// Sets the tenant's starting global from `stated`, or from the users who inherit it; records how in the report.
    static func settle(_ tenant: inout CoexistenceTenant, stated: UpgradePolicy?, origin: Origin,
                       report: inout UserImportReport) throws(TenantError) {
        let before = tenant.timeline.base.globalPolicy
        if let stated {
            tenant.timeline.setBaseGlobal(stated.id)
            report.global = stated
            report.notices.append("tenant global stated as \(describe(stated))\(changed(from: before, to: stated)); no change recorded")
            return
        }
        let base = tenant.timeline.base
        let retired = EffectiveMode.sfbOnlineRetired(on: tenant.today)
        var first: (position: Int, mode: CoexistenceMode)?
        var voters = 0, uninformative = 0
        // The file's own users first, so a disagreement names lines of this file where it can.
        let positions = origin.lines.keys.sorted() + (0..<tenant.directory.count).filter { origin.lines[$0] == nil }
        for p in positions where base.grants[p] == PolicyState.noGrant {
            guard let reported = tenant.directory[p].reportedEffectiveMode else { continue }
            if retired && !base.onPremises[p] && reported == .teamsOnly { uninformative += 1; continue }
            voters += 1
            guard let f = first else { first = (p, reported); continue }
            if f.mode != reported {
                let reason = "\(tenant.directory[f.position].upn) inherits the tenant global and the file gives TeamsUpgradeEffectiveMode \(f.mode.rawValue), but \(origin.label(p, tenant)) also inherits it and is \(reported.rawValue): one tenant has one global. Check their TeamsUpgradePolicy, or state the current global (the global option)"
                if let file = origin.file, let line = origin.lines[f.position] { throw .badLine(file: file, line: line, reason: reason) }
                throw .refused("\(origin.label(f.position, tenant)): " + reason)
            }
        }
        guard let mode = first?.mode else {
            if uninformative > 0 {
                report.notices.append("tenant global not inferred: the \(uninformative) user(s) who inherit it are homed online and TeamsOnly, as every online user is after 31 July 2021 whatever the global; it stays \(describe(before)) (state it with the global option)")
            }
            return
        }
        let inferred = before.mode == mode ? before : mode == .islands ? UpgradePolicy.global : try! UpgradePolicy.instance(for: mode, notify: false)
        tenant.timeline.setBaseGlobal(inferred.id)
        report.global = inferred
        report.notices.append("tenant global inferred as \(describe(inferred)) from the \(voters) user(s) who inherit it\(changed(from: before, to: inferred)); no change recorded")
    }

    /// One line per user whose mode on the tenant's today differs from the file's TeamsUpgradeEffectiveMode.
    static func mismatches(_ tenant: CoexistenceTenant, positions: [Int], origin: Origin) -> [String] {
        let state = tenant.state()
        var lines: [String] = []
        for p in positions {
            guard let reported = tenant.directory[p].reportedEffectiveMode else { continue }
            let computed = state.effectiveMode(p)
            guard computed != reported else { continue }
            let policy = state.grant(p).map { "granted \($0.name)" } ?? "inherits the tenant global \(state.globalPolicy.name)"
            lines.append("\(origin.label(p, tenant)): the file gives TeamsUpgradeEffectiveMode \(reported.rawValue), computed \(computed.rawValue) (\(policy), homed \(state.homing(p).rawValue))")
        }
        return lines
    }

    private static func describe(_ policy: UpgradePolicy) -> String {
        policy.name == policy.mode.rawValue ? policy.name : "\(policy.name) (\(policy.mode.rawValue))"
    }

    private static func changed(from before: UpgradePolicy, to after: UpgradePolicy) -> String {
        before == after ? "" : ", was \(describe(before))"
    }
}

extension CoexistenceTenant {
    /// `tenant:set_global(mode, {current=true})`: says what the global already is (as a Get-CsOnlineUser export
    /// cannot), without recording a change; its warnings list the users whose computed mode then differs from
    /// the TeamsUpgradeEffectiveMode their import gave.
    @discardableResult
    public mutating func stateCurrentGlobal(_ target: String, notify: Bool? = nil) throws(TenantError) -> ChangeReport {
        let policy = try UpgradePolicy.resolve(target, notify: notify)
        if let entry = timeline.entries.first(where: { $0.global != nil && $0.day <= today }) {
            throw .refused("change set \(entry.id) already sets the tenant global on \(entry.day.iso); undo it, or make the change with a date instead of stating the current global")
        }
        var next = self
        let before = next.timeline.base.globalPolicy
        next.timeline.setBaseGlobal(policy.id)
        try next.timeline.validate(directory: next.directory)
        var report = ChangeReport(what: "tenant global is \(policy.name) (stated as current on \(today.iso); no change recorded)",
                                  day: today, scheduled: false, dryRun: false)
        report.globalChange = GlobalPolicyChange(from: before, to: policy)
        // The users whose computed mode the statement corrects: those who inherit the global.
        let old = state(), new = next.state()
        for p in 0..<directory.count where new.grant(p) == nil && old.effectiveMode(p) != new.effectiveMode(p) {
            report.changes.append(UserChange(
                position: p, upn: directory[p].upn, cohort: cohorts.cohortName(ofUser: p), action: .inheritsGlobal,
                fromPolicy: nil, toPolicy: nil, fromMode: old.effectiveMode(p), toMode: new.effectiveMode(p),
                fromPolicyMode: old.policyMode(p),
                meetingMigration: false, needsManualMeetingMigration: false))
        }
        report.warnings = TenantGlobalInference.mismatches(next, positions: Array(0..<next.directory.count), origin: .none)
        self = next
        return report
    }
}
