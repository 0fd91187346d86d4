import Foundation

/// Writes a workspace's parts into an open workspace database, inside the caller's transaction. The streams
/// go through one reused statement binding 32 rows at a time, integers straight from the columns.
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
        try db.exec("INSERT OR REPLACE INTO workspace (key, value) VALUES ('streams', '\(store.count)'), ('streams_checksum', '\(WorkspaceChecksum.of(store))')")
        for d in WorkspaceSchema.dictionaries {
            let s = try db.prepare("INSERT INTO \(WorkspaceSchema.lookupTable(d)) (code, value) VALUES (?1, ?2)")
            let dict = store.dictionary(d)
            for code in 0..<dict.count {
                s.bind(1, code)
                s.bind(2, dict[UInt32(code)])
                try s.run()
            }
        }
        try writeStreams(store)
        try writeReference(store)
        var ids = store.identities
        ids.normalize()
        let chunk = 1 << 20
        let s = try db.prepare("INSERT INTO stream_identities (chunk, ids) VALUES (?1, ?2)")
        var i = 0, n = 0
        while i < ids.sorted.count {
            let end = min(i + chunk, ids.sorted.count)
            s.bind(1, n)
            // The statement copies the bytes (SQLITE_TRANSIENT) before the closure returns.
            ids.sorted[i..<end].withUnsafeBytes { s.bind(2, blob: $0) }
            try s.run()
            i = end
            n += 1
        }
    }

    static let rowsPerInsert = 32

    private func writeStreams(_ store: CallStore) throws(WorkspaceFileError) {
        let columns = StreamColumn.allCases
        let pointers = columns.map { store.columnPointer($0) }
        let width = Int32(columns.count)
        func statement(_ rows: Int) throws(WorkspaceFileError) -> SQLiteStatement {
            let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            return try db.prepare("INSERT INTO streams (" + columns.map(WorkspaceSchema.sqlName).joined(separator: ",")
                                  + ") VALUES " + Array(repeating: one, count: rows).joined(separator: ","))
        }
        func bindRow(_ s: SQLiteStatement, _ row: Int, at slot: Int) {
            var p = Int32(slot) * width + 1
            for (c, base) in zip(columns, pointers) {
                let v: Int64
                switch c.storage {
                case .u8: v = Int64(base.load(fromByteOffset: row, as: UInt8.self))
                case .u16: v = Int64(base.load(fromByteOffset: row * 2, as: UInt16.self))
                case .u32: v = Int64(base.load(fromByteOffset: row * 4, as: UInt32.self))
                }
                s.bind(p, v)
                p += 1
            }
        }
        let n = store.count, batch = Self.rowsPerInsert
        if n >= batch {
            let s = try statement(batch)
            var row = 0
            while row + batch <= n {
                for k in 0..<batch { bindRow(s, row + k, at: k) }
                try s.run()
                row += batch
            }
        }
        let rest = n % batch
        if rest > 0 {
            let s = try statement(1)
            for row in (n - rest)..<n {
                bindRow(s, row, at: 0)
                try s.run()
            }
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

/// A hash of every stream column and the dictionary sizes: opening refuses streams that differ from what
/// coexist wrote (a damaged page, an edit by another tool), because a code outside its dictionary or an
/// enum byte no case has would otherwise reach the queries.
enum WorkspaceChecksum {
    static func of(_ store: CallStore) -> String {
        var h: UInt64 = 0xC0E1_5757_0000_0001 ^ UInt64(store.count)
        for c in StreamColumn.allCases {
            h = (h ^ byteHash(store.columnPointer(c), store.count * c.width)) &* 0x9E37_79B9_7F4A_7C15
        }
        for d in WorkspaceSchema.dictionaries {
            h = (h ^ UInt64(store.dictionary(d).count)) &* 0x9E37_79B9_7F4A_7C15
        }
        return String(h, radix: 16)
    }
}
