/// The one door: every change to a workspace is a `Change` value, validated and applied here, and appended to
/// the journal with who, when, what and why. A failed change leaves the workspace as it was (each kind works
/// on a copy and stores it only on success); a dry run is reported and not journaled.
extension Workspace {
    @discardableResult
    /// `at` is when the change was made; nil (the default) reads the workspace's clock, a replay passes the
    /// recorded instant. `source`: the bytes of the change's file when the caller read them to stamp it
    /// (`ImportSource`), so the import does not read the file a second time; ignored unless its stamp is the change's.
    public func apply(_ change: Change, who: String, why: String = "", at: Double? = nil, dryRun: Bool = false,
                      progress: ImportProgressHandler? = nil, source: ImportSource? = nil,
                      shouldStop: (@Sendable () -> Bool)? = nil) throws -> ChangeReport {
        try apply(change, who: who, why: why, at: at, dryRun: dryRun, progress: progress, source: source, recorded: nil,
                  shouldStop: shouldStop)
    }

    /// `recorded`: a replay from a workspace file passes the entry's stored change and day, so the journal
    /// holds what was recorded while `change` (the same change dated on that day) is what is applied.
    @discardableResult
    func apply(_ change: Change, who: String, why: String, at: Double?, dryRun: Bool, progress: ImportProgressHandler?,
               source: ImportSource?, recorded: (change: Change, when: PlanDay)?,
               shouldStop: (@Sendable () -> Bool)? = nil) throws -> ChangeReport {
        if isReadOnly && !dryRun { throw TenantError.refused(Workspace.readOnlyRefusal) }
        let now = clock.now
        let when = recorded?.when ?? now.day
        let at = at ?? now.epochSeconds
        // A report's id is its tenant change set's (the PowerShell plan's change_set), which is the journal id;
        // imports and a stated global have none, as they have no step in the plan.
        let (report, revert) = try perform(change, options: ChangeOptions(reason: why, who: who, at: at, dryRun: dryRun),
                                           progress: progress, source: source, shouldStop: shouldStop)
        if dryRun { return report }
        let id = journal.nextId
        var journaled = recorded?.change ?? change
        // Graph call records were stamped as they were read: the journal names the bytes imported.
        if case let .importCalls(_, skip, replace) = journaled, let taken = report.stampTaken {
            journaled = .importCalls(taken, skipBadRows: skip, replace: replace)
        }
        let entry = JournalEntry(id: id, who: who, when: when, at: at, change: journaled, why: why,
                                 report: report, revert: revert)
        journal.entries.append(entry)
        journal.nextId += 1
        // An open workspace file has the change before the caller hears it is done; if the file cannot take
        // it, the change is taken back, so memory never holds what the file does not.
        if let file {
            do { try file.recorded(entry, in: self) } catch {
                revertLast()
                throw error
            }
        }
        return report
    }

    /// Reverts the last journal entry, whatever its kind, and returns it.
    @discardableResult
    public func undo() throws -> JournalEntry {
        if isReadOnly { throw TenantError.refused(Workspace.readOnlyRefusal) }
        guard let last = journal.entries.last else { throw TenantError.nothingToUndo }
        if case .beforeOpen = last.revert {
            throw TenantError.refused("undo: change \(last.id) (\(last.change.kind)) was made before this workspace was opened; what it replaced is not in the file")
        }
        if let file {
            // The file first: if it cannot drop the entry, nothing is undone.
            var tenantAfter = coexistence, storeAfter = storeAsIs
            switch last.revert {
            case let .timelineEntry(id): tenantAfter.timeline.remove(id: id)
            case let .cohorts(before):
                tenantAfter.cohorts = before
                tenantAfter.cohorts.growUsers(to: tenantAfter.directory.count)
            case let .tenant(before): tenantAfter = before
            case let .calls(before): storeAfter = before
            case .plan, .beforeOpen: break
            }
            try file.willUndo(last, in: self, tenantAfter: tenantAfter, store: storeAfter)
        }
        return revertLast()
    }

    /// Takes the last entry back in memory only.
    @discardableResult
    func revertLast() -> JournalEntry {
        let last = journal.entries.last!
        switch last.revert {
        case let .timelineEntry(id):
            var tenant = coexistence
            tenant.timeline.remove(id: id)
            coexistence = tenant
        case let .cohorts(before):
            var tenant = coexistence
            tenant.cohorts = before
            tenant.cohorts.growUsers(to: tenant.directory.count)
            coexistence = tenant
        case let .tenant(before): coexistence = before
        case let .calls(before): calls = before
        case let .plan(before): plan = before
        case .beforeOpen: break
        }
        journal.entries.removeLast()
        // As if it never happened: the next change takes the id again.
        journal.nextId = last.id
        return last
    }

    /// Plays stored journal records onto this workspace, in order, through the door. An import's file must be
    /// the file that was imported (same size and hash), or the replay stops there, naming it.
    public func replay(_ records: [JournalRecord]) throws {
        for r in records {
            var source: ImportSource?
            if let stamp = r.change.file {
                // One read: the bytes checked against the stamp are the bytes imported.
                var isCalls = false
                if case .importCalls = r.change { isCalls = true }
                if !isCalls, let kept = importedBytes[stamp.contentKey], let stored = ImportSource.stored(kept, as: stamp) {
                    try apply(r.change, who: r.who, why: r.why, at: r.at, source: stored)
                    continue
                }
                source = try ImportSource.read(stamp.path, folder: isCalls)
                let now = source!.stamp
                // Graph files are stamped by the import as it reads them (a mismatch is caught below).
                guard source!.isStreamed || now == stamp else {
                    throw Self.changedSince(r.id, stamp, now)
                }
            }
            do { try apply(r.change, who: r.who, why: r.why, at: r.at, source: source) } catch let m as FileStamp.Mismatch {
                throw Self.changedSince(r.id, m.expected, m.now)
            }
        }
    }

    static func changedSince(_ id: Int, _ stamp: FileStamp, _ now: FileStamp) -> TenantError {
        .badFile(file: stamp.path, reason: "changed since change \(id) imported it (\(stamp.size) bytes, hash \(stamp.hash); now \(now.size) bytes, hash \(now.hash))")
    }

    /// An independent copy that shares every column and table with this one until either is written
    /// (copy-on-write values), with the same journal so far; changes to it go through its own door.
    public func fork(name: String? = nil) -> Workspace {
        let copy = Workspace(name: name ?? self.name, clock: clock, tenant: coexistence, store: storeAsIs,
                             dimensionsCurrent: userDimensionsCurrent, journal: journal)
        copy.plan = plan
        copy.origin = origin
        copy.importedBytes = importedBytes
        copy.scenarios = scenarios
        return copy
    }

    // MARK: - validation and application, one kind at a time

    private func perform(_ change: Change, options base: ChangeOptions,
                         progress: ImportProgressHandler?, source: ImportSource?,
                         shouldStop: (@Sendable () -> Bool)?) throws -> (ChangeReport, Revert) {
        var tenant = coexistence
        // The tenant's change sets (the timeline's entries, the PowerShell plan's change_set) take the journal's
        // ids, so a report, `changes` and a plan all say "change 3" of the same change.
        tenant.nextChangeSet = journal.nextId
        let changeSet = Revert.timelineEntry(journal.nextId), cohortsBefore = Revert.cohorts(tenant.cohorts)
        var options = base
        switch change {
        case let .moveUsers(upns, target, on, notify):
            guard !upns.isEmpty else { throw TenantError.refused("move: no users") }
            options.on = on
            options.notify = notify
            let report = try tenant.moveUsers(upns, to: target, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: changeSet)
        case let .moveCohort(name, target, on, notify):
            options.on = on
            options.notify = notify
            let report = try tenant.moveCohort(name, to: target, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: changeSet)
        case let .setGlobal(target, on, notify):
            options.on = on
            options.notify = notify
            let report = try tenant.setGlobal(target, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: changeSet)
        case let .stateGlobal(target, notify):
            let before = tenant
            let report = try tenant.stateCurrentGlobal(target, notify: notify)
            return try keep(tenant, report, dryRun: options.dryRun, revert: .tenant(before))
        case let .defineCohort(name, upns, groupId, replace):
            let members = try positions(upns, in: tenant)
            let report = try tenant.defineCohort(name, members: members, groupId: groupId, replace: replace, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: cohortsBefore)
        case let .removeFromCohort(name, upns):
            let members = try positions(upns, in: tenant)
            let report = try tenant.removeFromCohort(name, members: members, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: cohortsBefore)
        case let .deleteCohort(name):
            let report = try tenant.deleteCohort(name, options: options)
            return try keep(tenant, report, dryRun: options.dryRun, revert: cohortsBefore)
        case let .importUsers(file, skip, global):
            let before = tenant
            var userOptions = CoexistenceTenant.UserImportOptions(onError: skip ? .skip : .strict)
            if let global { userOptions.global = try UpgradePolicy.resolve(global, notify: nil) }
            let read = try ImportSource.matching(file, source)
            let imported = try tenant.importUsers(read, options: userOptions)
            // The bytes stay with the workspace: a saved workspace stores them and replays the import from them.
            if !options.dryRun { importedBytes[file.contentKey] = try read.singleFile() }
            var report = ChangeReport(what: "import_users \(file.path): \(imported.added) added, \(imported.replaced) replaced",
                                      day: nil, scheduled: false, dryRun: options.dryRun)
            report.users = imported
            return try keep(tenant, report, dryRun: options.dryRun, revert: .tenant(before))
        case let .importCalls(file, skip, replace):
            let before = calls
            var store = before
            let read = try ImportSource.matching(file, source, folder: true)
            var importOptions = ImportOptions(onError: skip ? .skip : .strict, progress: progress)
            importOptions.shouldStop = shouldStop
            let (imported, stamp) = try CallsFile.importStreams(read, into: &store, options: importOptions, replace: replace)
            // Graph files are stamped as the import reads them: a stamp given beforehand (a replay's, or one a
            // caller took) must be what was read, or nothing is imported.
            if read.isStreamed && file.hash != FileStamp.notTaken && stamp != file {
                throw FileStamp.Mismatch(expected: file, now: stamp)
            }
            var report = ChangeReport(what: "import_calls \(file.path): \(imported.imported) stream(s)" + (replace ? " (store replaced)" : ""),
                                      day: nil, scheduled: false, dryRun: options.dryRun)
            report.streams = imported
            report.warnings = imported.warnings
            if read.isStreamed { report.stampTaken = stamp }
            if !options.dryRun { calls = store }
            return (report, .calls(before))
        case let .importBuildings(file):
            let before = calls
            let parsed = try BuildingFile.parse(try CallsFile.text(try ImportSource.matching(file, source)), file: file.path)
            let report = ChangeReport(what: "import_buildings \(file.path): \(parsed.buildings.count) building(s), \(parsed.ranges.count) range(s)",
                                      day: nil, scheduled: false, dryRun: options.dryRun)
            if !options.dryRun {
                var store = before
                store.setBuildingFile(parsed)
                calls = store
            }
            return (report, .calls(before))
        case let .importDevices(file):
            let before = calls
            let catalogue = try DeviceCatalogue.parse(try CallsFile.text(try ImportSource.matching(file, source)), file: file.path)
            var store = before
            store.setDeviceCatalogue(catalogue)
            var report = ChangeReport(what: "import_devices \(file.path): \(catalogue.certified.count) certified, \(catalogue.excluded.count) excluded",
                                      day: nil, scheduled: false, dryRun: options.dryRun)
            report.warnings = store.devicePatternWarnings
            if !options.dryRun { calls = store }
            return (report, .calls(before))
        case let .setBuildingWan(building, mbps):
            let known = ScenarioPlan.buildingNames(self)
            guard let name = known.first(where: { $0.lowercased() == building.lowercased() }) else {
                throw TenantError.refused("set_wan: unknown building '\(building)'" + ScenarioPlan.hint(building, known))
            }
            let range = SimulationParameters.wanRange
            guard mbps.isFinite, range.contains(mbps) else {
                throw TenantError.refused("set_wan: \(name) = \(mbps) Mbps is out of range (\(range.lowerBound) to \(Int(range.upperBound)) Mbps)")
            }
            let before = tenant
            let was = tenant.wanMbps(name)
            tenant.buildingWan = tenant.buildingWan.filter { $0.key.lowercased() != name.lowercased() }
            tenant.buildingWan[name] = mbps
            let report = ChangeReport(what: "set_wan \(name): \(WanTable.mbps(mbps)) Mbps (was \(was.map(WanTable.mbps) ?? "the default"))",
                                      day: nil, scheduled: false, dryRun: options.dryRun)
            return try keep(tenant, report, dryRun: options.dryRun, revert: .tenant(before))
        case let .plan(edit):
            let before = plan
            var next = before
            try next.apply(edit)
            let report = ChangeReport(what: edit.what, day: nil, scheduled: false, dryRun: options.dryRun)
            if !options.dryRun { plan = next }
            return (report, .plan(before))
        }
    }

    private func keep(_ tenant: CoexistenceTenant, _ report: ChangeReport, dryRun: Bool,
                      revert: Revert) throws -> (ChangeReport, Revert) {
        if !dryRun { coexistence = tenant }
        return (report, revert)
    }

    /// UPNs to directory positions; an unknown UPN fails the whole change.
    private func positions(_ upns: [String], in tenant: CoexistenceTenant) throws(TenantError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(upns.count)
        for upn in upns { out.append(try tenant.position(of: upn)) }
        return out
    }
}
