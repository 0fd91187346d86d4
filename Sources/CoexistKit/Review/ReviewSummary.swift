/// The executive summary a review opens with, so a reader who stops after the first screen knows the
/// outcome: how many targets were met and missed, which were missed, and the findings that matter most
/// with their remedies. The sections that follow are the evidence.
struct ReviewSummary {
    var met: [ReviewFigure] = []
    /// Missed figures with their section: "Conferencing, overall" alone does not say it is the poor-audio rate.
    var missed: [(section: String, figure: ReviewFigure)] = []
    /// Figures with a target that could not be judged (no data, too few streams).
    var unjudged = 0
    var topFindings: [ReviewFinding]
    var moreFindings: Int

    static let topCount = 3

    init(_ r: ReviewReport) {
        for (section, f) in r.allFigures {
            switch f.status {
            case .meets: met.append(f)
            case .misses: missed.append((section, f))
            case .noData, .tooFewStreams: if f.target != nil { unjudged += 1 }
            case .noTarget: break
            }
        }
        let ordered = r.orderedFindings
        topFindings = Array(ordered.prefix(Self.topCount))
        moreFindings = max(0, ordered.count - Self.topCount)
    }

    /// "12 of 32 targets met, 20 missed; 3 could not be judged (no data or too few streams)."
    var targetsLine: String {
        let judged = met.count + missed.count
        var line = "\(met.count) of \(judged) target\(judged == 1 ? "" : "s") met, \(missed.count) missed"
        if unjudged > 0 { line += "; \(unjudged) could not be judged (no data or too few streams)" }
        return line + "."
    }

    /// "Reliability: Call setup failure rate, internal: 0.67 % against <= 0.50 %".
    static func missText(_ section: String, _ f: ReviewFigure) -> String {
        "\(section): \(f.name): " + ReviewFormat.optional(f.value, unit: f.unit)
            + (f.target.map { " against \(f.direction.rawValue) " + ReviewFormat.number($0, unit: f.unit) } ?? "")
    }
}
