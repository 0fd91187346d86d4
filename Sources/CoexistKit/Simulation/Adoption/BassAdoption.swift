/// Bass diffusion of a cohort onto the Teams client, in daily steps.
///
/// Why one definition: the simulation plays it forward and `calibrate{}` fits its two rates to the
/// tenant's own streams, and a fit is only meaningful against the very curve it will drive. Rates are
/// per *day*: inside one organisation adoption runs in weeks, so the meta-analysis averages for whole
/// markets (p = 0.03, q = 0.38 per year, Sultan, Farley and Lehmann, 1990) are a poor prior; fit them.
public struct BassParameters: Sendable, Codable, Equatable, Hashable {
    /// p: the daily rate at which users start on their own (raised by announcements, training, a pilot).
    public var innovation: Double
    /// q: the daily rate at which users follow those already in Teams (raised by champions).
    public var imitation: Double

    public init(innovation: Double, imitation: Double) {
        self.innovation = innovation
        self.imitation = imitation
    }

    /// Refuses rates a day-step cannot carry (negative, not finite, or p + q over 1, which would move
    /// more than every remaining user in one day), naming the value rather than clamping it.
    public func validated() throws(BassParameterError) -> BassParameters {
        guard innovation.isFinite, innovation >= 0 else { throw .outOfRange(name: "innovation", value: innovation) }
        guard imitation.isFinite, imitation >= 0 else { throw .outOfRange(name: "imitation", value: imitation) }
        guard innovation + imitation <= 1 else { throw .outOfRange(name: "innovation + imitation", value: innovation + imitation) }
        return self
    }
}

public enum BassParameterError: Error, Equatable, CustomStringConvertible {
    case outOfRange(name: String, value: Double)

    public var description: String {
        switch self {
        case .outOfRange(let name, let value): "\(name) = \(value): a daily rate must be finite, at least 0, and p + q at most 1"
        }
    }
}

public enum BassAdoption {
    /// The hazard that a user not yet in Teams starts today, given the share already in Teams.
    @inlinable
    public static func hazard(_ p: BassParameters, adopted share: Double) -> Double {
        min(1, max(0, p.innovation + p.imitation * share))
    }

    /// Tomorrow's expected share from today's: F + (p + qF)(1 - F). The discrete form both the
    /// deterministic fit and the expected value of the per-user draw follow.
    @inlinable
    public static func step(_ p: BassParameters, adopted share: Double) -> Double {
        share + hazard(p, adopted: share) * (1 - share)
    }

    /// The expected share on each of `days` days after a start share, day 0 first.
    public static func curve(_ p: BassParameters, from start: Double = 0, days: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(max(0, days))
        var f = start
        for _ in 0..<max(0, days) {
            out.append(f)
            f = step(p, adopted: f)
        }
        return out
    }
}
