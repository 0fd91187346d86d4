/// One building: what the CQD building file says about it (the first row naming it decides).
public struct Building: Sendable, Equatable {
    public var name: String
    public var ownershipType: String
    public var buildingType: String
    public var officeType: String
    public var city: String
    public var zipCode: String
    public var country: String
    public var state: String
    public var region: String
}

/// One row of the CQD building file: a network range and the building it belongs to.
public struct BuildingRange: Sendable, Equatable {
    /// Network address with host bits cleared.
    public var network: UInt32
    /// 8...28, or up to 32 on a VPN row.
    public var prefix: Int
    public var networkName: String
    /// Index into `BuildingFile.buildings`.
    public var building: Int
    public var insideCorp: Bool
    public var expressRoute: Bool
    public var vpn: Bool
    /// 1-based line in the file it came from (0 when built in code).
    public var line: Int

    public func contains(_ ip: UInt32) -> Bool { ip & IPv4.mask(prefix) == network }
}

/// The CQD building file ("Upload tenant and building data in Call Quality Dashboard"): ranges to buildings, matched by longest prefix.
public struct BuildingFile: Sendable, Equatable {
    public internal(set) var buildings: [Building] = []
    public internal(set) var ranges: [BuildingRange] = []
    /// prefix -> network -> range index, for longest-prefix lookup.
    private var byPrefix: [Int: [UInt32: Int]] = [:]

    public init() {}

    public var isEmpty: Bool { ranges.isEmpty }

    /// The range with the longest prefix holding `ip`, if any.
    public func rangeIndex(for ip: UInt32) -> Int? {
        for prefix in stride(from: 32, through: 8, by: -1) {
            if let table = byPrefix[prefix], let i = table[ip & IPv4.mask(prefix)] { return i }
        }
        return nil
    }

    /// Subnet strings as they appear in call records ("10.1.2.0", or with "/24").
    public func rangeIndex(forSubnet s: String) -> Int? {
        guard let ip = IPv4.parse(s) else { return nil }
        return rangeIndex(for: ip)
    }

    /// Adds a range; the caller has checked the prefix and overlaps.
    mutating func add(_ r: BuildingRange, building b: Building) {
        var r = r
        if let existing = buildings.firstIndex(where: { $0.name == b.name }) {
            r.building = existing
        } else {
            r.building = buildings.count
            buildings.append(b)
        }
        r.network &= IPv4.mask(r.prefix)
        byPrefix[r.prefix, default: [:]][r.network] = ranges.count
        ranges.append(r)
    }
}
