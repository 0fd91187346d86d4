/// The synthetic Contoso that the demo tenant is built from. Call records, users, cohorts and buildings
/// are all generated from this one description, so they agree with each other.
public enum DemoProblem: String, Sendable {
    /// Most clients on 2.4 GHz Wi-Fi with interference: high jitter and loss.
    case poorWifi24
    /// The firewall blocks UDP 3478-3481, so media falls back to TCP 443.
    case firewallForcesTCP
}

public struct DemoBuilding: Sendable {
    public var name: String
    public var networkName: String
    public var city: String
    public var zip: String
    public var country: String
    public var state: String
    public var region: String
    /// The building's supernet in the building file, e.g. "10.1.0.0" with `prefix` 16.
    public var network: String
    public var prefix: Int
    /// The /24 subnets people in this building use (third octets inside the supernet).
    public var subnetOctets: [Int]
    /// /24 subnets this building uses that the building file forgot (third octets): the missing-subnet list.
    public var missingSubnetOctets: [Int]
    public var problem: DemoProblem?
}

public struct DemoPerson: Sendable, Equatable {
    public var index: Int
    public var upn: String
    public var displayName: String
    public var department: String
    public var building: Int
    /// Homed in Skype for Business Server when the demo's history starts (every user: see `DemoAdoption`).
    public var onPremises: Bool
    public var cohort: String
    /// The user starts running Teams on the first day their cohort's expected Teams share passes this
    /// (uniform in [0, 1)): per-user draws whose share follows the cohort's curve, and a user who has
    /// started keeps going.
    public var adoptionThreshold: Double
    /// Works over VPN (full tunnel, no split tunnel for media) on most days.
    public var remoteOverVPN: Bool
    /// Uses the laptop's built-in microphone rather than a certified headset.
    public var builtInMicrophone: Bool
}

public enum DemoPeople {
    public static let tenantName = "contoso"
    public static let domain = "contoso.com"
    public static let defaultUserCount = 2_000
    /// The demo lives on a fixed date, so that it is the same on every machine and every day: its calls run
    /// for 90 days up to the day before, and relative dates ("-7d") count back from here.
    public static let today = (year: 2026, month: 11, day: 1)
    public static let cohorts = ["Pilot", "Wave 1", "Wave 2", "Wave 3"]
    /// Where the VPN concentrator hands out addresses; the building file marks it VPN=1.
    public static let vpnNetwork = (network: "10.250.0.0", prefix: 16, subnetOctets: [0, 1, 2, 3])
    public static let departments = ["Sales", "Engineering", "Finance", "HR", "Marketing", "Support", "Legal", "Operations"]

    public static let buildings: [DemoBuilding] = [
        DemoBuilding(name: "SEA-1", networkName: "USA/Seattle/SEA-1", city: "Seattle", zip: "98101", country: "US",
                     state: "WA", region: "MSUS", network: "10.1.0.0", prefix: 16, subnetOctets: [1, 2, 3, 4],
                     missingSubnetOctets: [], problem: nil),
        DemoBuilding(name: "SEA-2", networkName: "USA/Seattle/SEA-2", city: "Seattle", zip: "98109", country: "US",
                     state: "WA", region: "MSUS", network: "10.2.0.0", prefix: 16, subnetOctets: [1, 2, 3],
                     missingSubnetOctets: [], problem: .poorWifi24),
        DemoBuilding(name: "RED-1", networkName: "USA/Redmond/RED-1", city: "Redmond", zip: "98052", country: "US",
                     state: "WA", region: "MSUS", network: "10.3.0.0", prefix: 16, subnetOctets: [1, 2, 3, 4, 5],
                     missingSubnetOctets: [], problem: nil),
        DemoBuilding(name: "NYC-1", networkName: "USA/New York/NYC-1", city: "New York", zip: "10001", country: "US",
                     state: "NY", region: "MSUS", network: "10.4.0.0", prefix: 16, subnetOctets: [1, 2, 3],
                     missingSubnetOctets: [40, 41], problem: .firewallForcesTCP),
        DemoBuilding(name: "LON-1", networkName: "UK/London/LON-1", city: "London", zip: "EC2A 2BB", country: "GB",
                     state: "", region: "EMEA", network: "10.5.0.0", prefix: 16, subnetOctets: [1, 2, 3],
                     missingSubnetOctets: [], problem: nil),
        DemoBuilding(name: "LON-2", networkName: "UK/London/LON-2", city: "London", zip: "SE1 9GF", country: "GB",
                     state: "", region: "EMEA", network: "10.6.0.0", prefix: 20, subnetOctets: [1, 2],
                     missingSubnetOctets: [], problem: nil),
        DemoBuilding(name: "BER-1", networkName: "DE/Berlin/BER-1", city: "Berlin", zip: "10115", country: "DE",
                     state: "BE", region: "EMEA", network: "10.7.0.0", prefix: 16, subnetOctets: [1, 2, 3],
                     missingSubnetOctets: [77], problem: nil),
        DemoBuilding(name: "SYD-1", networkName: "AU/Sydney/SYD-1", city: "Sydney", zip: "2000", country: "AU",
                     state: "NSW", region: "APAC", network: "10.8.0.0", prefix: 16, subnetOctets: [1, 2],
                     missingSubnetOctets: [], problem: nil),
    ]

    static let firstNames = ["Ann", "Raj", "Mei", "Omar", "Lena", "Tom", "Sofia", "Yuki", "Carlos", "Aisha",
                             "Lars", "Priya", "Jon", "Fatima", "Ivan", "Chloe", "Kwame", "Elena", "Hiro", "Zoe",
                             "Noah", "Amara", "Felix", "Ines", "Mateo", "Nora", "Sven", "Leila", "Owen", "Ren"]
    static let lastNames = ["Smith", "Patel", "Chen", "Haddad", "Muller", "Brown", "Rossi", "Tanaka", "Garcia",
                            "Okafor", "Berg", "Sharma", "Lee", "Khan", "Petrov", "Martin", "Mensah", "Ionescu",
                            "Sato", "Walker", "Novak", "Silva", "Fischer", "Dubois", "Cohen", "Kim", "Larsen",
                            "Moreau", "Ahmed", "Nguyen"]

    /// Person `index` (0-based) of a tenant of `total` people. Deterministic: the same pair gives the same person.
    public static func person(_ index: Int, of total: Int = defaultUserCount) -> DemoPerson {
        var rng = SplitMix64(seed: 0xC0E0_0000 &+ UInt64(index))
        let first = firstNames[index % firstNames.count]
        let last = lastNames[(index / firstNames.count) % lastNames.count]
        let round = index / (firstNames.count * lastNames.count)
        let local = "\(first.lowercased()).\(last.lowercased())" + (round > 0 ? "\(round + 1)" : "")
        let display = "\(first) \(last)" + (round > 0 ? " \(round + 1)" : "")
        let building = weightedBuilding(rng.unit())
        let department = departments[Int(rng.next() % UInt64(departments.count))]
        // Once drawn against each building's on-premises share; kept so every later draw, and so every
        // person, stays as it was. An org at the start of its journey from SfB Server has everyone on-premises.
        _ = rng.unit()
        let onPrem = true
        let cohort = cohortFor(position: Double(index) / Double(max(total, 1)))
        let vpn = rng.unit() < 0.08
        let builtIn = rng.unit() < 0.25   // enough to miss the 80 % certified-device target: a planted problem
        var adoption = SplitMix64(seed: 0xAD0F_0000 &+ UInt64(index))
        return DemoPerson(index: index, upn: "\(local)@\(domain)", displayName: display, department: department,
                          building: building, onPremises: onPrem, cohort: cohort, adoptionThreshold: adoption.unit(),
                          remoteOverVPN: vpn, builtInMicrophone: builtIn)
    }

    public static func people(_ total: Int = defaultUserCount) -> [DemoPerson] {
        (0..<total).map { person($0, of: total) }
    }

    /// Bigger sites get more people; the weights sum to 1.
    static let buildingWeights: [Double] = [0.20, 0.12, 0.18, 0.14, 0.12, 0.06, 0.10, 0.08]

    static func weightedBuilding(_ u: Double) -> Int {
        var acc = 0.0
        for (i, w) in buildingWeights.enumerated() {
            acc += w
            if u < acc { return i }
        }
        return buildingWeights.count - 1
    }

    /// Pilot 5 %, Wave 1 25 %, Wave 2 35 %, Wave 3 the rest, by position in the directory.
    static func cohortFor(position: Double) -> String {
        switch position {
        case ..<0.05: return cohorts[0]
        case ..<0.30: return cohorts[1]
        case ..<0.65: return cohorts[2]
        default: return cohorts[3]
        }
    }
}
