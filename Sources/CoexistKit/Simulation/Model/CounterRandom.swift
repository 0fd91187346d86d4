import Foundation

/// Counter-based random numbers: every draw is a hash of (seed, run, purpose, subject, day), so it does not
/// depend on how many draws came before it. That is what makes common random numbers work in `compare`
/// (a user's adoption draw on a day is the same in both plans), lets the grouped and per-user models see
/// the same dice, and keeps runs independent of thread scheduling. The mixer is SplitMix64's finaliser.
public struct CounterRandom: Sendable, Equatable {
    public let seed: UInt64
    public let run: UInt64

    public init(seed: UInt64, run: Int) {
        self.seed = seed
        self.run = UInt64(run)
    }

    public enum Purpose: UInt64, Sendable {
        case adoption = 1, keepSfB, tickets, meetingSize, meetingAttempt, graph, graphContact
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) for this purpose, subject (a user, a meeting) and day.
    @inline(__always)
    public func unit(_ purpose: Purpose, _ subject: Int, _ day: Int) -> Double {
        var h = Self.mix(seed ^ (run &* 0xD1B5_4A32_D192_ED03))
        h = Self.mix(h ^ purpose.rawValue &* 0x8CB9_2BA7_2F3D_8DD7)
        h = Self.mix(h ^ UInt64(bitPattern: Int64(subject)) &* 0xA24B_AED4_963E_E407)
        h = Self.mix(h ^ UInt64(bitPattern: Int64(day)))
        return Double(h >> 11) * 0x1.0p-53
    }

    /// A Poisson count with mean `lambda`: inversion for small means, a rounded normal for large ones
    /// (where the two differ by less than the count's own noise).
    public func poisson(_ lambda: Double, _ purpose: Purpose, _ subject: Int, _ day: Int) -> Int {
        guard lambda > 0 else { return 0 }
        let u = unit(purpose, subject, day)
        if lambda > 60 {
            let v = unit(purpose, subject &+ 0x5F5E_1000, day)
            let z = (-2 * log(max(u, 1e-300))).squareRoot() * cos(2 * .pi * v)
            return max(0, Int((lambda + z * lambda.squareRoot()).rounded()))
        }
        var k = 0, p = exp(-lambda), cumulative = p
        while u > cumulative && k < 1000 {
            k += 1
            p *= lambda / Double(k)
            cumulative += p
        }
        return k
    }
}
