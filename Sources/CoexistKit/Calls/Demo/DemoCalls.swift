/// The demo tenant's call records, generated from `DemoPeople`: deterministic (same options, same
/// store, byte for byte), about 150 streams per user over 90 days, with the planted problems visible
/// to a review (see `DemoNetworkContext`) and everything else healthy.
public enum DemoCalls {
    public static func generate(_ options: DemoCallsOptions = DemoCallsOptions()) -> CallStore {
        var store = CallStore()
        store.setBuildingFile(DemoBuildingFile.file())
        let people = DemoPeople.people(options.users)
        let codes = intern(people, into: &store)
        let target = options.exactStreams ?? options.users * options.streamsPerUser
        var sink = store.openSink(minimumCapacity: target)
        let firstDay = Civil.days(year: DemoCallsOptions.lastDay.year, month: DemoCallsOptions.lastDay.month,
                              day: DemoCallsOptions.lastDay.day) - options.days + 1
        var rng = SplitMix64(seed: options.seed)
        // Each cohort's expected Teams share per day (its recorded moves and Bass rates, `DemoAdoption`): a
        // person's streams come from Teams from the day that share passes their own threshold.
        let cohortOf = people.map { DemoPeople.cohorts.firstIndex(of: $0.cohort) ?? 0 }
        let teamsShare = DemoPeople.cohorts.indices.map {
            DemoAdoption.shares(cohort: $0, from: Day(daysSinceEpoch: firstDay), days: options.days)
        }
        // Contexts are per (person, day); cache the last few since a call's people repeat.
        var contextCache: [Int: DemoNetworkContext] = [:]
        var cacheDay = -1
        var participants: [Int] = []
        var produced = 0
        while produced < target {
            var day = Int(rng.next() % UInt64(options.days))
            // Fewer calls at weekends: most weekend draws move to the next weekday.
            let weekday = (firstDay + day + 4) % 7   // 0 = Sunday
            if (weekday == 0 || weekday == 6) && rng.unit() < 0.85 { day = (day + (weekday == 6 ? 2 : 1)) % options.days }
            if day != cacheDay { contextCache.removeAll(keepingCapacity: true); cacheDay = day }
            let caller = Int(rng.next() % UInt64(people.count))
            let t = rng.unit()
            let callType: CallType = t < 0.45 ? .p2p : (t < 0.9 ? .conference : .pstn)
            participants.removeAll(keepingCapacity: true)
            participants.append(caller)
            switch callType {
            case .p2p:
                var other = Int(rng.next() % UInt64(people.count))
                if other == caller { other = (other + 1) % people.count }
                participants.append(other)
            case .conference:
                let k = 2 + Int(rng.next() % 5)
                for _ in 0..<k { participants.append(Int(rng.next() % UInt64(people.count))) }
            default: break
            }
            var modalities: [Modality] = [.audio]
            if callType != .pstn && rng.unit() < 0.35 { modalities.append(.video) }
            if callType == .conference && rng.unit() < 0.18 { modalities.append(.appsharing) }
            else if callType != .pstn && rng.unit() < 0.06 { modalities.append(.vbss) }
            let start = UInt32((firstDay + day) * 86400 + 7 * 3600 + Int(rng.next() % UInt64(11 * 3600)))
            let baseDuration = callType == .conference ? 600 + rng.unit() * 3000 : 20 + rng.unit() * rng.unit() * 1500
            let callCode = store.callIds.intern(uuid(&rng))
            for (pi, p) in participants.enumerated() {
                let person = people[p]
                let ctx: DemoNetworkContext
                if let c = contextCache[p] { ctx = c } else {
                    ctx = DemoNetworkContext.make(person: person, day: day, seed: options.seed, codes: codes)
                    contextCache[p] = ctx
                }
                // This draw once picked the client; kept so every later draw, and so the planted problems, stay put.
                _ = rng.unit()
                let sfb = !(person.adoptionThreshold < teamsShare[cohortOf[p]][day])
                let versions = sfb ? codes.sfbVersions : codes.teamsVersions
                let version = versions[Int(UInt64(person.index) % UInt64(versions.count))]
                let device = person.builtInMicrophone
                    ? codes.builtInDevices[person.index % codes.builtInDevices.count]
                    : codes.certifiedDevices[person.index % codes.certifiedDevices.count]
                let second: UInt32 = callType == .p2p ? codes.users[participants[1 - pi]] : 0
                let failed = rng.unit() < ctx.setupFailChance
                let dropped = !failed && rng.unit() < ctx.dropChance
                for modality in modalities {
                    for dir in 0..<2 {
                        if produced >= target { break }
                        var e = EncodedStream()
                        e.call = callCode
                        e.start = start
                        e.modality = modality
                        e.callType = callType
                        e.product = sfb ? .sfb : .teams
                        e.clientVersion = version
                        e.firstUser = codes.users[p]
                        e.secondUser = second
                        e.direction = dir == 0 ? .firstToSecond : .secondToFirst
                        e.subnet = ctx.subnet
                        e.connection = ctx.connection
                        e.wifiBand = ctx.band
                        e.vpn = ctx.vpn
                        e.transport = modality == .appsharing && sfb ? .tcp : ctx.transport
                        e.ice = ctx.ice
                        e.device = modality == .audio ? device : 0
                        e.cdrAvailable = rng.unit() < 0.995
                        e.setupFailed = failed
                        e.dropped = dropped
                        if failed {
                            e.ice = .failed
                            e.duration = 0
                            e.failureReason = ctx.firewallFailures
                                ? (rng.unit() < 0.6 ? codes.reasonDPI : codes.reasonIPBlock) : codes.reasonOther
                        } else {
                            let dur = baseDuration * (dropped ? rng.unit() : 1)
                            e.duration = EncodedStream.durationCode(dur)
                            var poorChance = ctx.poorChance
                            if modality == .audio && person.builtInMicrophone { poorChance += 0.03 }
                            if e.transport == .tcp { poorChance += 0.01 }
                            e.metrics = DemoMetrics.make(modality, ctx: ctx, poorChance: poorChance,
                                                         builtIn: person.builtInMicrophone, short: dur < 30, &rng)
                            let rated = modality == .audio && dir == 0 && rng.unit() < 0.1
                            if rated {
                                let poor = CQDClassifier.classify(modality: modality, ice: e.ice, metrics: e.metrics).quality == .poor
                                let r = rng.unit()
                                e.rating = poor ? (r < 0.6 ? UInt8(1 + rng.next() % 2) : UInt8(3 + rng.next() % 2))
                                                : (r < 0.05 ? 2 : (r < 0.2 ? 3 : UInt8(4 + rng.next() % 2)))
                            }
                        }
                        sink.append(&e)
                        produced += 1
                    }
                }
            }
        }
        sink.close(into: &store)
        return store
    }

    /// Interns every string the generator uses, so the hot loop only handles codes.
    static func intern(_ people: [DemoPerson], into store: inout CallStore) -> DemoCodes {
        var codes = DemoCodes()
        codes.users = people.map { store.users.intern($0.upn) }
        for b in DemoPeople.buildings {
            let (listed, missing) = DemoBuildingFile.subnets(of: b)
            codes.buildingSubnets.append(listed.map { store.internSubnet($0) })
            codes.missingSubnets.append(missing.map { store.internSubnet($0) })
        }
        let v = DemoPeople.vpnNetwork
        let vpnBase = IPv4.parse(v.network)!
        codes.vpnSubnets = v.subnetOctets.map { store.internSubnet(IPv4.format(vpnBase | UInt32($0) << 8)) }
        codes.homeSubnets = DemoCodes.home.map { store.internSubnet($0) }
        codes.certifiedDevices = DemoCodes.certified.map { try! store.internDevice($0) }
        codes.builtInDevices = DemoCodes.builtIn.map { try! store.internDevice($0) }
        codes.teamsVersions = DemoCodes.teams.map { UInt16(store.clientVersions.intern($0)) }
        codes.sfbVersions = DemoCodes.sfb.map { UInt16(store.clientVersions.intern($0)) }
        codes.reasonOther = UInt8(store.failureReasons.intern("Other"))
        codes.reasonDPI = UInt8(store.failureReasons.intern("Missing FW Deep Packet Inspection Exemption Rule"))
        codes.reasonIPBlock = UInt8(store.failureReasons.intern("Missing FW IP Block Exemption Rule"))
        return codes
    }

    static func uuid(_ rng: inout SplitMix64) -> String {
        let a = rng.next(), b = rng.next()
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(45) }
            let word = i < 16 ? a : b
            out.append(hex[Int((word >> UInt64((i % 16) * 4)) & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
