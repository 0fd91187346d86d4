/// Reads the call store of a workspace file: dictionaries, reference data, the stream rows straight into the
/// columns, and the identities; the streams must hash to the checksum coexist wrote.
struct WorkspaceStoreReader {
    let db: SQLiteDatabase
    let meta: [String: String]

    func damaged(_ why: String) -> WorkspaceFileError { WorkspaceFileError(db.path, "damaged workspace: \(why); not opened, not changed") }

    func read() throws(WorkspaceFileError) -> CallStore {
        guard let countText = meta["streams"], let expected = Int(countText), expected >= 0, expected < 1 << 32 else {
            throw damaged("no stream count in table workspace")
        }
        var store = CallStore()
        for d in WorkspaceSchema.dictionaries {
            var dict = StringDictionary()
            let s = try db.prepare("SELECT code, value FROM \(WorkspaceSchema.lookupTable(d)) ORDER BY code")
            var next: Int64 = 0
            while try s.step() {
                guard s.int64(0) == next else { throw damaged("\(WorkspaceSchema.lookupTable(d)) skips code \(next)") }
                if next == 0 {
                    guard s.withText(1, { $0.isEmpty }) else { throw damaged("\(WorkspaceSchema.lookupTable(d)) code 0 is not the empty string") }
                } else {
                    guard Int64(s.withText(1, { dict.intern($0) })) == next else {
                        throw damaged("\(WorkspaceSchema.lookupTable(d)) repeats '\(s.text(1))'")
                    }
                }
                next += 1
            }
            switch d {
            case .callIds: store.callIds = dict
            case .users: store.users = dict
            case .subnets: store.subnets = dict
            case .devices: store.devices = dict
            case .clientVersions: store.clientVersions = dict
            case .failureReasons: store.failureReasons = dict
            }
        }
        try readStreams(into: &store, expected: expected)
        guard WorkspaceChecksum.of(store, parts: store.count >= 100_000 ? 2 : 1) == meta["streams_checksum"] else {
            throw damaged("the streams differ from what coexist wrote (checksum)")
        }
        var file = BuildingFile()
        var buildings: [Building] = []
        let b = try db.prepare("SELECT id, name, ownership_type, building_type, office_type, city, zip_code, country, state, region FROM buildings ORDER BY id")
        while try b.step() {
            guard b.int64(0) == Int64(buildings.count) else { throw damaged("buildings skip id \(buildings.count)") }
            buildings.append(Building(name: b.text(1), ownershipType: b.text(2), buildingType: b.text(3), officeType: b.text(4),
                                      city: b.text(5), zipCode: b.text(6), country: b.text(7), state: b.text(8), region: b.text(9)))
        }
        var seen = Set<UInt64>()
        let r = try db.prepare("SELECT network, prefix, network_name, building_id, inside_corp, express_route, vpn, line FROM subnets ORDER BY id")
        while try r.step() {
            let prefix = r.int64(1), building = r.int64(3)
            guard let net = IPv4.parse(r.text(0)), (8...32).contains(prefix) else { throw damaged("subnet '\(r.text(0))/\(prefix)'") }
            guard building >= 0 && building < Int64(buildings.count) else { throw damaged("subnet \(r.text(0)) names building \(building)") }
            guard seen.insert(UInt64(net & IPv4.mask(Int(prefix))) << 8 | UInt64(prefix)).inserted else {
                throw damaged("subnet \(r.text(0))/\(prefix) twice")
            }
            let line = r.int64(7)
            guard line >= 0 && line < Int64(Int32.max) else { throw damaged("subnet line \(line)") }
            file.add(BuildingRange(network: net, prefix: Int(prefix), networkName: r.text(2), building: 0, insideCorp: r.int64(4) != 0,
                                   expressRoute: r.int64(5) != 0, vpn: r.int64(6) != 0, line: Int(line)),
                     building: buildings[Int(building)])
        }
        store.setBuildingFile(file)
        var certified: [String] = [], excluded: [String] = []
        let d = try db.prepare("SELECT kind, pattern FROM device_patterns ORDER BY kind, position")
        while try d.step() {
            switch d.text(0) {
            case "certified": certified.append(d.text(1))
            case "excluded": excluded.append(d.text(1))
            default: throw damaged("device pattern kind '\(d.text(0))'")
            }
        }
        store.setDeviceCatalogue(DeviceCatalogue(certified: certified, excluded: excluded))
        store.identities.add(.sortedUnique(try readIdentities()))
        return store
    }

    /// The identities, sorted and unique. A saved file holds one sorted run cut into chunks; each live import
    /// appends the run of its new identities as more chunks, so the runs are merged (one sort) when the
    /// whole is not in order already. Each chunk must be in order, and no identity may repeat.
    private func readIdentities() throws(WorkspaceFileError) -> [UInt64] {
        var ids: [UInt64] = []
        var inOrder = true
        let i = try db.prepare("SELECT chunk, ids FROM stream_identities ORDER BY chunk")
        while try i.step() {
            let blob = i.blob(1)
            guard blob.count % 8 == 0 else { throw damaged("stream_identities chunk of \(blob.count) bytes") }
            let start = ids.count
            for k in 0..<(blob.count / 8) { ids.append(blob.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)) }
            for k in (start + 1)..<Swift.max(start + 1, ids.count) where ids[k - 1] >= ids[k] {
                throw damaged("stream_identities chunk \(i.int64(0)) out of order")
            }
            if start > 0 && start < ids.count && ids[start - 1] >= ids[start] { inOrder = false }
        }
        if !inOrder {
            ids = RadixSort.sorted(ids)
            for k in ids.indices.dropFirst() where ids[k - 1] == ids[k] { throw damaged("stream_identities repeat an identity") }
        }
        return ids
    }

    private func readStreams(into store: inout CallStore, expected: Int) throws(WorkspaceFileError) {
        struct Bases: StreamColumnUpdate {
            let capacity: Int
            var bases: [UnsafeMutableRawPointer] = []
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                bases.append(UnsafeMutableRawPointer(column.mutableBase(reserving: capacity)))
            }
        }
        var walk = Bases(capacity: Swift.max(expected, 1))
        store.updateColumns(&walk)
        // The rows must be rowids 1...expected: each part reads its own range (checking every rowid), and the
        // largest rowid closes the count.
        let last = try db.integer("SELECT max(rowid) FROM streams") ?? 0
        let first = try db.integer("SELECT min(rowid) FROM streams") ?? 1
        guard last == Int64(expected), expected == 0 || first == 1 else {
            throw damaged("stream rows \(first)...\(last), not the \(expected) it records")
        }
        // Two connections on two rowid ranges when there is enough to split ("Opening may read on 2 threads"); a
        // second connection costs well under a millisecond.
        let ranges = expected >= 100_000 ? Parallel.ranges(expected, minimum: expected / 2) : [0..<expected]
        var failures = [WorkspaceFileError?](repeating: nil, count: ranges.count)
        var connections: [SQLiteDatabase] = [db]
        for _ in 1..<Swift.max(ranges.count, 1) { connections.append(try SQLiteDatabase(path: db.path, readOnly: true)) }
        let bases = walk.bases
        failures.withUnsafeMutableBufferPointer { out in
            Parallel.perform(ranges.count) { part in
                do { try WorkspaceStreamRows.read(connections[part], ranges[part], into: bases, damaged: damaged) } catch { out[part] = error as? WorkspaceFileError ?? damaged("\(error)") }
            }
        }
        for c in connections.dropFirst() { c.close() }
        if let f = failures.compactMap({ $0 }).first { throw f }
        let n = expected
        struct SetCount: StreamColumnUpdate {
            let n: Int
            func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) { column.setCount(n) }
        }
        var set = SetCount(n: n)
        store.updateColumns(&set)
    }
}
