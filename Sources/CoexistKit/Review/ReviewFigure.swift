/// Whether a figure meets its target.
public enum FigureStatus: String, Sendable, Equatable {
    case meets
    case misses
    case noData = "no data"
    /// Measured over fewer streams than the review's minimum: shown, but neither passing nor failing.
    case tooFewStreams = "too few streams"
    /// Shown for information: nobody set a target for it (the QER guide sets none).
    case noTarget = "no target"
}

/// Which side of the target is good: poor-stream rates should stay at most the target, certified-device
/// share at least.
public enum TargetDirection: String, Sendable, Equatable {
    case atMost = "<="
    case atLeast = ">="
}

/// One measured figure of a review: its value this period, its target, the previous period and the trend.
public struct ReviewFigure: Sendable, Equatable {
    public var name: String
    /// "%" for rates; "" for plain numbers.
    public var unit: String
    public var value: Double?
    public var target: Double?
    public var direction: TargetDirection
    public var previous: Double?
    /// The last periods, oldest first, the current one last; nil where a period had no data.
    public var trend: [Double?]
    /// How many streams the figure is measured over this period (its weight when ordering findings).
    public var streams: Int
    /// Below this many streams the figure is "too few streams" rather than meeting or missing its target.
    public var minStreams: Int

    public init(name: String, unit: String = "%", value: Double?, target: Double? = nil,
                direction: TargetDirection = .atMost, previous: Double? = nil, trend: [Double?] = [], streams: Int = 0,
                minStreams: Int = 0) {
        self.name = name
        self.unit = unit
        self.value = value
        self.target = target
        self.direction = direction
        self.previous = previous
        self.trend = trend
        self.streams = streams
        self.minStreams = minStreams
    }

    /// No value is "no data"; a figure over fewer than `minStreams` streams is "too few streams" (a rate over a
    /// handful of streams swings past any target by chance); no target is "no target" (shown for information).
    public var status: FigureStatus {
        guard let value else { return .noData }
        if streams < minStreams { return .tooFewStreams }
        guard let target else { return .noTarget }
        switch direction {
        case .atMost: return value <= target ? .meets : .misses
        case .atLeast: return value >= target ? .meets : .misses
        }
    }

    /// The change from the previous period, when both have data.
    public var change: Double? {
        guard let value, let previous else { return nil }
        return value - previous
    }
}

/// Something the review found that needs doing, with its weight and remedy.
public struct ReviewFinding: Sendable, Equatable {
    public var area: String
    public var title: String
    public var detail: String
    /// Streams affected: findings are ordered by this, largest first.
    public var streamsAffected: Int
    public var remedy: String

    public init(area: String, title: String, detail: String = "", streamsAffected: Int, remedy: String) {
        self.area = area
        self.title = title
        self.detail = detail
        self.streamsAffected = streamsAffected
        self.remedy = remedy
    }
}

/// A part of the review (reliability, quality, TCP, endpoints, ...): figures and supporting tables.
public struct ReviewSection: Sendable, Equatable {
    public var name: String
    public var note: String
    public var figures: [ReviewFigure]
    /// Breakdowns (by building, subnet, device...). A table whose second column is numeric can be drawn as bars.
    public var tables: [ResultSet]

    public init(name: String, note: String = "", figures: [ReviewFigure] = [], tables: [ResultSet] = []) {
        self.name = name
        self.note = note
        self.figures = figures
        self.tables = tables
    }
}

/// A whole Quality Experience Review, ready to render for a terminal, a wiki or a steering committee.
public struct ReviewReport: Sendable, Equatable {
    public var title: String
    public var scope: String
    public var period: String
    /// Labels of the trend's periods, oldest first (the current period last).
    public var periods: [String]
    public var sections: [ReviewSection]
    public var findings: [ReviewFinding]

    public init(title: String, scope: String, period: String, periods: [String] = [],
                sections: [ReviewSection] = [], findings: [ReviewFinding] = []) {
        self.title = title
        self.scope = scope
        self.period = period
        self.periods = periods
        self.sections = sections
        self.findings = findings
    }

    /// Findings by impact: most streams affected first, then by title for a stable order.
    public var orderedFindings: [ReviewFinding] {
        findings.sorted { ($0.streamsAffected, $1.title) > ($1.streamsAffected, $0.title) }
    }

    /// Every figure with its section, in review order.
    public var allFigures: [(section: String, figure: ReviewFigure)] {
        sections.flatMap { s in s.figures.map { (s.name, $0) } }
    }

    /// The findings as a result set (for CSV and JSON files and for scripts).
    public var findingsTable: ResultSet {
        ResultSet(columns: [Column("area", .string), Column("finding", .string), Column("detail", .string),
                            Column("streams_affected", .int), Column("remedy", .string)],
                  rows: orderedFindings.map { [.string($0.area), .string($0.title), .string($0.detail),
                                               .int($0.streamsAffected), .string($0.remedy)] },
                  title: "Findings")
    }

    /// The figures as a result set.
    public var figuresTable: ResultSet {
        ResultSet(columns: [Column("section", .string), Column("figure", .string), Column("value", .double, decimals: 2),
                            Column("target", .string), Column("status", .string), Column("change", .double, decimals: 2),
                            Column("streams", .int)],
                  rows: allFigures.map { s, f in
                      [.string(s), .string(f.name), f.value.map { .double($0) } ?? .null,
                       f.target.map { .string("\(f.direction.rawValue) \(ReviewFormat.number($0, unit: f.unit))") } ?? .null,
                       .string(f.status.rawValue), f.change.map { .double($0) } ?? .null, .int(f.streams)]
                  })
    }
}
