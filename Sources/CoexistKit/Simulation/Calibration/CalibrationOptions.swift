/// What `calibrate{}` fits: which cohorts, over which days, and the fewest streams a fit is made from.
public struct CalibrationOptions: Sendable, Equatable {
    /// nil: every cohort.
    public var cohorts: [String]?
    /// The first and last day of streams the fit reads; nil: the history's.
    public var from: Day?
    public var to: Day?
    /// Below this many streams in the period a cohort gets no fit, and says so (a verdict over too few
    /// sessions is noise: monitoring products withhold one below a minimum).
    public var minStreams: Int

    public static let defaultMinStreams = 500

    public init(cohorts: [String]? = nil, from: Day? = nil, to: Day? = nil, minStreams: Int = defaultMinStreams) {
        self.cohorts = cohorts
        self.from = from
        self.to = to
        self.minStreams = minStreams
    }
}

public enum CalibrationError: Error, Equatable, CustomStringConvertible {
    case unknownCohort(String, suggestion: String?)
    case emptyPeriod(from: Day, to: Day)
    case noStreams(from: Day, to: Day)
    case minStreams(Int)

    public var description: String {
        switch self {
        case .unknownCohort(let name, let s): "unknown cohort '\(name)'" + (s.map { "; did you mean '\($0)'?" } ?? "")
        case .emptyPeriod(let from, let to): "from \(from.iso) is after to \(to.iso)"
        case .noStreams(let from, let to): "no streams with a known product between \(from.iso) and \(to.iso)"
        case .minStreams(let n): "min_streams must be 1 or more, got \(n)"
        }
    }
}
