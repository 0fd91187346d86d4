/// A goal's target as written: `"<= 2"` or `">= 90"` (a bare number is refused: which side is good must be said).
public struct GoalTarget: Sendable, Codable, Equatable, CustomStringConvertible {
    public var atMost: Bool
    public var value: Double

    public init(atMost: Bool, value: Double) {
        self.atMost = atMost
        self.value = value
    }

    /// nil unless the text is "<= n" or ">= n".
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        let op = t.prefix(2)
        guard op == "<=" || op == ">=", let v = Double(t.dropFirst(2).trimmingSpaces), v.isFinite else { return nil }
        atMost = op == "<="
        value = v
    }

    public func isMet(by v: Double) -> Bool { atMost ? v <= value : v >= value }
    public var description: String { (atMost ? "<= " : ">= ") + ValueText.number(value) }
}

/// What a stored goal measures: a calls query's measure, or a review figure by name (the review, stdlib/qer.lua,
/// evaluates it). A Lua function of the tenant has no stored form; the Lua binding keeps such goals in the session.
public enum GoalMeasure: Sendable, Codable, Equatable {
    case calls(CallQuerySpec, figure: String)
    case review(figure: String)
    /// Adoption: the share (%) of a cohort's streams made from Teams.
    case adoption(cohort: String)
}

public struct PlanGoal: Sendable, Codable, Equatable {
    public var name: String
    public var measure: GoalMeasure
    public var target: GoalTarget
    public var by: Day?

    public init(name: String, measure: GoalMeasure, target: GoalTarget, by: Day?) {
        self.name = name
        self.measure = measure
        self.target = target
        self.by = by
    }
}

/// A goal measured: its value now, its weekly values (oldest first) and the verdict.
public struct GoalReading: Sendable, Equatable {
    public enum Status: String, Sendable { case met, onTrack = "on track", offTrack = "off track", noData = "no data" }

    public var value: Double?
    public var weekly: [Double?]
    public var status: Status

    /// Met when the value now meets the target; otherwise on track when the straight line through the weekly values
    /// (at least three) reaches the target by the goal's date, off track when it does not, when the date has passed,
    /// or when there is no date or too little trend to say.
    public init(value: Double?, weekly: [Double?], target: GoalTarget, by: Day?, today: Day) {
        self.value = value
        self.weekly = weekly
        guard let value else { status = .noData; return }
        if target.isMet(by: value) { status = .met; return }
        guard let by, by >= today else { status = .offTrack; return }
        let points = weekly.enumerated().compactMap { i, v in v.map { (Double(i), $0) } }
        guard points.count >= 3 else { status = .offTrack; return }
        let n = Double(points.count)
        let mx = points.map(\.0).reduce(0, +) / n, my = points.map(\.1).reduce(0, +) / n
        let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        let slope = sxx == 0 ? 0 : points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx
        // The last weekly value is the week ending today; `by` is this many weeks later.
        let weeksAhead = Double(by.daysSinceEpoch - today.daysSinceEpoch) / 7
        let projected = my + slope * (Double(weekly.count - 1) + weeksAhead - mx)
        status = target.isMet(by: projected) ? .onTrack : .offTrack
    }

    /// ▁▂▃▅▇ over the weekly values; a missing week is a space.
    public var sparkline: String { Sparkline.text(weekly) }
}

public enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    public static func text(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return "" }
        return String(values.map { v -> Character in
            guard let v else { return " " }
            if hi == lo { return bars[3] }
            return bars[min(7, Int((v - lo) / (hi - lo) * 7.999))]
        })
    }
}

enum ValueText {
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension CallStore {
    /// A calls goal against these records: the figure over the last 28 days to `today` (the value now) and over each
    /// of the `weeks` weeks ending on `today` (the trend).
    public func readGoal(_ query: CallQuery, figure: String, target: GoalTarget, by: Day?, today: Day,
                         weeks: Int = 8) throws -> GoalReading {
        try readGoal(target: target, by: by, today: today, weeks: weeks) { from, to in
            let r = try summary(query.between(from, to), measures: [figure])
            guard let row = r.rows.first, let i = r.columnIndex(figure) else { return nil }
            switch row[i] {
            case .int(let n): return Double(n)
            case .double(let d): return d
            default: return nil
            }
        }
    }

    /// An adoption goal: the share of `cohort`'s streams (by first user) made from Teams.
    public func readAdoption(cohort: String, target: GoalTarget, by: Day?, today: Day, weeks: Int = 8) throws -> GoalReading {
        let all = try CallQuery().filter("cohort", .eq, .string(cohort))
        let teams = try all.filter("product", .eq, .string("teams"))
        return try readGoal(target: target, by: by, today: today, weeks: weeks) { from, to in
            let n = try count(all.between(from, to))
            return n == 0 ? nil : 100 * Double(try count(teams.between(from, to))) / Double(n)
        }
    }

    func readGoal(target: GoalTarget, by: Day?, today: Day, weeks: Int,
                  _ figureValue: (Double, Double) throws -> Double?) throws -> GoalReading {
        let end = today.adding(days: 1).epochSeconds
        let now = try figureValue(end - 28 * 86_400, end)
        var weekly: [Double?] = []
        for w in stride(from: weeks - 1, through: 0, by: -1) {
            let to = end - Double(w * 7) * 86_400
            weekly.append(try figureValue(to - 7 * 86_400, to))
        }
        return GoalReading(value: now, weekly: weekly, target: target, by: by, today: today)
    }
}
