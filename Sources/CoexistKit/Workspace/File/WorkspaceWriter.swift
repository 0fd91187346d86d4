import Foundation

/// Writes a workspace's parts into an open workspace database, inside the caller's transaction. The streams
/// go through `WorkspaceStreamRows` (one reused statement binding 32 rows at a time, straight from the columns).
struct WorkspaceWriter {
    let db: SQLiteDatabase

    func writeMeta(_ w: Workspace) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM workspace")
        let s = try db.prepare("INSERT INTO workspace (key, value) VALUES (?1, ?2)")
        var pairs: [(String, String)] = [("name", w.name), ("origin", w.origin.kind), ("format", "coexist workspace")]
        switch w.origin {
        case let .empty(day): pairs.append(("origin_day", day.iso))
        case let .demo(users, day): pairs += [("origin_day", day.iso), ("demo_users", "\(users)")]
        case let .dataFolder(path, day, users):
            let list = String(decoding: (try? JSONEncoder().encode(users)) ?? Data("[]".utf8), as: UTF8.self)
            pairs += [("origin_day", day.iso), ("data_folder", path), ("data_users", list)]
        case .code: break
        }
        pairs.append(("clock_fixed_at", w.clock.fixedAt.map { "\($0.epochSeconds)" } ?? ""))
        for (k, v) in pairs {
            s.bind(1, k)
            s.bind(2, v)
            try s.run()
        }
    }

    func writeCalls(_ store: CallStore) throws(WorkspaceFileError) {
        for t in ["streams", "buildings", "subnets", "device_patterns", "stream_identities"] + WorkspaceSchema.dictionaries.map(WorkspaceSchema.lookupTable) {
            try db.exec("DELETE FROM \(t)")
        }
        try writeLookups(store, after: nil)
        try writeCounts(store, checksum: try insertStreams(store, rows: 0..<store.count))
        try writeReference(store)
        var ids = store.identities
        ids.normalize()
        try writeIdentities(ids.sorted[...], firstChunk: 0)
    }

    /// The stream count and checksum in table `workspace`.
    func writeCounts(_ store: CallStore, checksum: String) throws(WorkspaceFileError) {
        try db.exec("INSERT OR REPLACE INTO workspace (key, value) VALUES ('streams', '\(store.count)'), ('streams_checksum', '\(checksum)')")
    }

    /// Each dictionary's codes from `earlier`'s count on (all of them when nil) into its lookup table.
    func writeLookups(_ store: CallStore, after earlier: CallStore?) throws(WorkspaceFileError) {
        for d in WorkspaceSchema.dictionaries {
            let dict = store.dictionary(d)
            let from = earlier?.dictionary(d).count ?? 0
            guard from < dict.count else { continue }
            let s = try db.prepare("INSERT INTO \(WorkspaceSchema.lookupTable(d)) (code, value) VALUES (?1, ?2)")
            for code in from..<dict.count {
                s.bind(1, code)
                s.bind(2, dict[UInt32(code)])
                try s.run()
            }
        }
    }

    /// Inserts `rows` of the store and returns the store's checksum, hashed on the other core while this one
    /// writes (a large store: the hash is a pass over every column, a tenth of a save).
    func insertStreams(_ store: CallStore, rows: Range<Int>) throws(WorkspaceFileError) -> String {
        guard rows.count >= 100_000 else {
            // A few rows (a small live import): written first, then the hash of a large store on both cores.
            try WorkspaceStreamRows.insert(store, rows: rows, db: db)
            return WorkspaceChecksum.of(store, parts: store.count >= 100_000 ? 2 : 1)
        }
        var checksum = "", failure: WorkspaceFileError?
        Parallel.perform(2) { part in
            if part == 0 {
                do throws(WorkspaceFileError) { try WorkspaceStreamRows.insert(store, rows: rows, db: db) } catch { failure = error }
            } else {
                checksum = WorkspaceChecksum.of(store)
            }
        }
        if let failure { throw failure }
        return checksum
    }

    /// Sorted identities as blobs of up to 2^20, numbered from `firstChunk`. The reader takes each chunk as a
    /// sorted run: a live import appends its new identities as chunks after the ones there.
    func writeIdentities(_ ids: ArraySlice<UInt64>, firstChunk: Int) throws(WorkspaceFileError) {
        let chunk = 1 << 20
        let s = try db.prepare("INSERT INTO stream_identities (chunk, ids) VALUES (?1, ?2)")
        var i = ids.startIndex, n = firstChunk
        while i < ids.endIndex {
            let end = min(i + chunk, ids.endIndex)
            s.bind(1, n)
            // The statement copies the bytes (SQLITE_TRANSIENT) before the closure returns.
            ids[i..<end].withUnsafeBytes { s.bind(2, blob: $0) }
            try s.run()
            i = end
            n += 1
        }
    }

    private func writeReference(_ store: CallStore) throws(WorkspaceFileError) {
        let b = try db.prepare("INSERT INTO buildings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        for (i, x) in store.buildingFile.buildings.enumerated() {
            b.bind(1, i)
            for (k, v) in [x.name, x.ownershipType, x.buildingType, x.officeType, x.city, x.zipCode, x.country, x.state, x.region].enumerated() {
                b.bind(Int32(k + 2), v)
            }
            try b.run()
        }
        let r = try db.prepare("INSERT INTO subnets VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        for (i, x) in store.buildingFile.ranges.enumerated() {
            r.bind(1, i)
            r.bind(2, IPv4.format(x.network))
            r.bind(3, x.prefix)
            r.bind(4, x.networkName)
            r.bind(5, x.building)
            r.bind(6, x.insideCorp ? 1 : 0)
            r.bind(7, x.expressRoute ? 1 : 0)
            r.bind(8, x.vpn ? 1 : 0)
            r.bind(9, x.line)
            try r.run()
        }
        let d = try db.prepare("INSERT INTO device_patterns (kind, position, pattern) VALUES (?1, ?2, ?3)")
        for (kind, list) in [("certified", store.deviceCatalogue.certified), ("excluded", store.deviceCatalogue.excluded)] {
            for (i, p) in list.enumerated() {
                d.bind(1, kind)
                d.bind(2, i)
                d.bind(3, p)
                try d.run()
            }
        }
    }

    /// The tenant as it stands, for tools; never read back (the journal rebuilds it).
    func writeTenant(_ tenant: CoexistenceTenant) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM users; DELETE FROM grants;")
        let u = try db.prepare("INSERT INTO users VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        let g = try db.prepare("INSERT OR REPLACE INTO grants VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, v) in tenant.users().enumerated() {
            u.bind(1, i)
            u.bind(2, v.user.upn)
            u.bind(3, v.user.displayName)
            u.bind(4, v.user.department)
            u.bind(5, v.user.city)
            u.bind(6, v.user.country)
            u.bind(7, v.homing.rawValue)
            try u.run()
            g.bind(1, v.user.upn)
            g.bind(2, v.grantedPolicy?.name)
            g.bind(3, v.policyMode.rawValue)
            g.bind(4, v.effectiveMode.rawValue)
            g.bind(5, v.notifySfbUsers ? 1 : 0)
            g.bind(6, v.cohort)
            try g.run()
        }
    }

    func appendJournal(_ e: JournalEntry) throws(WorkspaceFileError) {
        let s = try db.prepare("INSERT INTO journal (id, at, when_day, who, kind, why, what, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        let json: String
        do { json = String(decoding: try JSONEncoder().encode(e.record), as: UTF8.self) } catch {
            throw WorkspaceFileError(db.path, "cannot encode change \(e.id): \(error)")
        }
        s.bind(1, e.id)
        s.bind(2, e.at)
        s.bind(3, e.when.iso)
        s.bind(4, e.who)
        s.bind(5, e.change.kind)
        s.bind(6, e.why)
        s.bind(7, e.what)
        s.bind(8, json)
        try s.run()
    }

    func writeJournal(_ j: Journal) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM journal")
        for e in j.entries { try appendJournal(e) }
    }

    func writeTraining(_ progress: [String: TrainingProgress]) throws(WorkspaceFileError) {
        try db.exec("DELETE FROM training")
        let s = try db.prepare("INSERT INTO training (lesson, step, skipped) VALUES (?1, ?2, ?3)")
        for (lesson, p) in progress.sorted(by: { $0.key < $1.key }) {
            s.bind(1, lesson)
            s.bind(2, p.step)
            s.bind(3, p.skipped.map(String.init).joined(separator: ","))
            try s.run()
        }
    }

    /// Everything, into a database whose tables were just made.
    func writeAll(_ w: Workspace) throws(WorkspaceFileError) {
        try writeMeta(w)
        try writeJournal(w.journal)
        try writeCalls(w.storeAsIs)
        try writeTenant(w.coexistence)
        try writeTraining(w.training)
        try writeImportSources(w)
        try writePlan(w.plan, today: w.today)
        try writeScenarios(w.scenarios)
    }
}
