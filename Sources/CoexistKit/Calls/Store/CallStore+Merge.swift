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

    /// The streams whose `keep` is true, with the same dictionaries and reference data. Lists every
    /// column, as `reserve` and `append(contentsOf:)` do.
    func keeping(_ keep: [Bool]) -> CallStore {
        func pick<T>(_ c: PackedColumn<T>) -> PackedColumn<T> {
            var out = PackedColumn<T>(capacity: count)
            let p = c.pointer
            for i in 0..<count where keep[i] { out.append(p[i]) }
            return out
        }
        var s = self
        s.call = pick(call); s.start = pick(start); s.duration = pick(duration); s.modality = pick(modality)
        s.callType = pick(callType); s.product = pick(product); s.network = pick(network); s.ice = pick(ice)
        s.rating = pick(rating); s.failureReason = pick(failureReason); s.quality = pick(quality); s.flags = pick(flags)
        s.clientVersion = pick(clientVersion); s.device = pick(device); s.firstUser = pick(firstUser)
        s.secondUser = pick(secondUser); s.subnet = pick(subnet)
        s.metrics = metrics.map(pick)
        // Every column must have been filtered: a column added to the store and missed here would
        // leave the rows misaligned, so it stops the tests rather than corrupt a store.
        precondition(s.columnBytes == s.count * Self.bytesPerStream, "CallStore.keeping misses a column")
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
        let userMap = Self.remap(other.users, into: &users)
        let subnetMap = Self.remap(other.subnets, into: &subnets)
        extendSubnetBuildings()
        let deviceMap = Self.remap(other.devices, into: &devices)
        let versionMap = Self.remap(other.clientVersions, into: &clientVersions)
        let reasonMap = Self.remap(other.failureReasons, into: &failureReasons)
        extendDeviceCertification()
        start.append(contentsOf: other.start)
        duration.append(contentsOf: other.duration)
        modality.append(contentsOf: other.modality)
        callType.append(contentsOf: other.callType)
        product.append(contentsOf: other.product)
        network.append(contentsOf: other.network)
        ice.append(contentsOf: other.ice)
        rating.append(contentsOf: other.rating)
        failureReason.append(contentsOf: other.failureReason) { UInt8(reasonMap[Int($0)]) }
        quality.append(contentsOf: other.quality)
        flags.append(contentsOf: other.flags)
        clientVersion.append(contentsOf: other.clientVersion) { UInt16(versionMap[Int($0)]) }
        device.append(contentsOf: other.device) { UInt16(deviceMap[Int($0)]) }
        firstUser.append(contentsOf: other.firstUser) { userMap[Int($0)] }
        secondUser.append(contentsOf: other.secondUser) { userMap[Int($0)] }
        subnet.append(contentsOf: other.subnet) { subnetMap[Int($0)] }
        for s in 0..<6 { metrics[s].append(contentsOf: other.metrics[s]) }
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
