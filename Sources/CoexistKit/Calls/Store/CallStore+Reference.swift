extension CallStore {
    /// Replaces the building file (CQD keeps one active file) and remaps every subnet.
    public mutating func setBuildingFile(_ file: BuildingFile) {
        buildingFile = file
        subnetRange = [-1]
        extendSubnetBuildings()
    }

    /// Replaces the device catalogue and recomputes which devices are certified.
    public mutating func setDeviceCatalogue(_ catalogue: DeviceCatalogue) {
        deviceCatalogue = catalogue
        deviceCertified = []
        extendDeviceCertification()
    }

    /// Maps the subnet codes not yet mapped; called whenever the subnet dictionary grows.
    mutating func extendSubnetBuildings() {
        while subnetRange.count < subnets.count {
            let s = subnets[UInt32(subnetRange.count)]
            subnetRange.append(Int32(buildingFile.rangeIndex(forSubnet: s) ?? -1))
        }
    }

    mutating func extendDeviceCertification() {
        while deviceCertified.count < devices.count {
            deviceCertified.append(deviceCatalogue.isCertified(devices[UInt32(deviceCertified.count)]) ? 1 : 0)
        }
    }

    /// The building a subnet code maps to, if any.
    public func building(ofSubnet code: UInt32) -> Building? {
        let r = subnetRange[Int(code)]
        return r < 0 ? nil : buildingFile.buildings[buildingFile.ranges[Int(r)].building]
    }

    /// CQD's Missing Subnet report: subnets in at least `minAudioStreams` audio streams that map to no
    /// building (so CQD marks them Outside), most streams first.
    public func missingSubnets(minAudioStreams: Int = 10) -> ResultSet {
        var audio = [Int](repeating: 0, count: subnets.count)
        var all = [Int](repeating: 0, count: subnets.count)
        let s = subnet.pointer, m = modality.pointer
        for i in 0..<count {
            let c = Int(s[i])
            all[c] += 1
            if m[i] == Modality.audio.rawValue { audio[c] += 1 }
        }
        var rows: [[ResultValue]] = []
        for c in 1..<subnets.count where subnetRange[c] < 0 && audio[c] >= minAudioStreams {
            rows.append([.string(subnets[UInt32(c)]), .int(audio[c]), .int(all[c])])
        }
        rows.sort {
            if case .int(let a) = $0[1], case .int(let b) = $1[1], a != b { return a > b }
            if case .string(let a) = $0[0], case .string(let b) = $1[0] { return a < b }
            return false
        }
        return ResultSet(columns: [Column("subnet", .string), Column("audio_streams", .int), Column("streams", .int)],
                         rows: rows, title: "subnets missing from the building file")
    }
}
