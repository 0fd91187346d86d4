extension CallStore {
    /// Appends every stream of `other`, translating its dictionary codes into this store's.
    /// Importers parse into a staging store and merge it only when the whole import succeeded, which
    /// is what keeps a failed strict import from changing anything.
    public mutating func append(contentsOf other: CallStore) throws {
        if other.count == 0 { return }
        if count == 0 && callIds.count <= 1 && users.count <= 1 && subnets.count <= 1 && devices.count <= 1 {
            let keepBuildings = buildingFile, keepCatalogue = deviceCatalogue, keepDerived = derivedDimensions
            let keepIdentities = identities
            self = other
            if buildingFile != keepBuildings { setBuildingFile(keepBuildings) }
            if deviceCatalogue != keepCatalogue { setDeviceCatalogue(keepCatalogue) }
            derivedDimensions = keepDerived
            identities.formUnion(keepIdentities)
            extendDerivedDimensions()
            return
        }
        // Limits first, so that a refused merge changes nothing.
        if Self.merged(devices, other.devices) > 65536 { throw CallStoreLimitError(message: "more than 65,536 distinct capture devices") }
        if Self.merged(clientVersions, other.clientVersions) > 65536 { throw CallStoreLimitError(message: "more than 65,536 distinct client versions") }
        if Self.merged(failureReasons, other.failureReasons) > 256 { throw CallStoreLimitError(message: "more than 256 distinct failure reasons") }
        // The call ids (a table as long as the calls) and the call column are merged on one core while
        // everything else is on the other; each part owns the properties it moved out of `self`.
        var ids = callIds, calls = call
        callIds = StringDictionary()
        call = PackedColumn()
        Parallel.perform(2) { part in
            if part == 0 {
                let callMap = Self.remap(other.callIds, into: &ids)
                calls.append(contentsOf: other.call) { callMap[Int($0)] }
            } else {
                appendAllButCalls(other)
            }
        }
        callIds = ids
        call = calls
        identities.formUnion(other.identities)
        extendDerivedDimensions()
    }

    /// Appends the streams of `staging` that are new: `ids` holds each staging row's identity
    /// (`StreamIdentity`), and a row is skipped when the store already holds its identity or an earlier
    /// row had it. Returns how many were skipped. Like `append(contentsOf:)`, changes nothing when it throws.
    mutating func appendNew(_ staging: CallStore, identities ids: [UInt64]) throws -> Int {
        precondition(ids.count == staging.count, "one identity per staged stream")
        let (keep, addition) = identities.newRows(ids)
        var skipped = 0
        if let keep {
            skipped = keep.reduce(0) { $0 + ($1 ? 0 : 1) }
            try append(contentsOf: staging.keeping(keep))
        } else {
            try append(contentsOf: staging)
        }
        identities.add(addition)
        return skipped
    }

    /// The streams whose `keep` is true, with the same dictionaries and reference data.
    func keeping(_ keep: [Bool]) -> CallStore {
        struct Pick: StreamColumnUpdate {
            let keep: [Bool]
            func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                var out = PackedColumn<T>(capacity: column.count)
                let p = column.pointer
                for i in 0..<column.count where keep[i] { out.append(p[i]) }
                column = out
            }
        }
        precondition(keep.count == count, "one keep flag per stream")
        var s = self
        var pick = Pick(keep: keep)
        s.updateColumns(&pick)
        return s
    }

    /// How many strings `a` would hold with `b`'s added.
    private static func merged(_ a: StringDictionary, _ b: StringDictionary) -> Int {
        if a == b { return a.count }
        var n = a.count
        for c in 0..<UInt32(b.count) where b.withBytes(c, { a.code(of: $0) }) == nil { n += 1 }
        return n
    }

    private mutating func appendAllButCalls(_ other: CallStore) {
        var maps: [StreamColumn.Dictionary: [UInt32]] = [:]
        maps[.users] = Self.remap(other.users, into: &users)
        maps[.subnets] = Self.remap(other.subnets, into: &subnets)
        extendSubnetBuildings()
        maps[.devices] = Self.remap(other.devices, into: &devices)
        maps[.clientVersions] = Self.remap(other.clientVersions, into: &clientVersions)
        maps[.failureReasons] = Self.remap(other.failureReasons, into: &failureReasons)
        extendDeviceCertification()
        // Every column but the call column (merged on the other core), codes translated by their dictionary.
        struct Sources: StreamColumnRead {
            var columns: [Any] = []
            mutating func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: PackedColumn<T>) {
                columns.append(column)
            }
        }
        struct Append: StreamColumnUpdate {
            let sources: [Any]
            let maps: [StreamColumn.Dictionary: [UInt32]]
            func visit<T: FixedWidthInteger & BitwiseCopyable>(_ c: StreamColumn, _ column: inout PackedColumn<T>) {
                guard c != .call else { return }
                let from = sources[c.rawValue] as! PackedColumn<T>
                if let d = c.dictionary, let map = maps[d] {
                    map.withUnsafeBufferPointer { m in column.append(contentsOf: from) { T(truncatingIfNeeded: m[Int($0)]) } }
                } else {
                    column.append(contentsOf: from)
                }
            }
        }
        var sources = Sources()
        other.readColumns(&sources)
        var append = Append(sources: sources.columns, maps: maps)
        updateColumns(&append)
    }

    private static func remap(_ from: StringDictionary, into to: inout StringDictionary) -> [UInt32] {
        if from == to { return Array(0..<UInt32(from.count)) }
        var map = [UInt32](repeating: 0, count: from.count)
        for c in 0..<UInt32(from.count) {
            map[Int(c)] = from.withBytes(c) { to.intern($0) }
        }
        return map
    }
}
