import Foundation

/// The period a new pull asks Graph for, and the checks on it: Graph is never sent an empty or inverted
/// `startDateTime` filter, and a period reaching past what Graph keeps is named in a warning.
///
/// Microsoft's "List callRecords": "A call record is created after a call or meeting ends and remains
/// available for 30 days. This API doesn't return call records older than 30 days."
struct GraphPullPeriod {
    static let retentionSeconds = 30.0 * 86_400

    /// How far before the last pull's newest record an incremental pull starts again. Microsoft's "callRecord
    /// resource type": "A call record is created after a call or meeting ends", and the list filters on
    /// startDateTime ("List callRecords"), so a call that started before the last pull and ended after it was
    /// not listed then and starts before its newest record now. "Limits and specifications for Microsoft
    /// Teams" puts the longest meeting at 30 hours; Microsoft documents no bound on how late a record is
    /// published after the call ends, so 18 hours more are allowed for that: 48 hours in all. The records
    /// fetched again are dropped on import (by stream identity) and counted as already imported.
    static let overlapSeconds = 48.0 * 3_600

    /// The ISO dates of the period and the filter that asks for it.
    var from: String
    var to: String
    var filter: String
    var incremental: Bool
    /// Parts of the period Graph cannot hold (before its 30 days, after now).
    var warnings: [String] = []

    /// `from`/`to` as given (nil: not given); `highWater`: the newest record's start of the tenant's last
    /// complete pull; `now`: the workspace's clock.
    init(from givenFrom: Date?, to givenTo: Date?, highWater: String?, now: Date) throws(GraphPullError) {
        let to = givenTo ?? now
        let toWhat = givenTo == nil ? "now, \(iso(to)) by the workspace clock" : "to, \(iso(to))"
        let oldest = now.addingTimeInterval(-Self.retentionSeconds)
        if let f = givenFrom {
            from = iso(f)
            filter = "startDateTime ge \(from)"
            incremental = false
            if givenTo != nil && f >= to { throw .usage("from \(from) is not before to \(iso(to)): the period is empty") }
            guard f < now else {
                throw .usage("from \(from) is not before now (\(iso(now)) by the workspace clock): the period is empty (a call has no record before it happens)")
            }
            if f < oldest {
                warnings.append("from \(from) is more than 30 days before now (\(iso(now))): Graph keeps call records for 30 days, so none that started before \(iso(oldest)) will come")
            }
        } else if let hw = highWater, let h = date(hw) {
            from = iso(h.addingTimeInterval(-Self.overlapSeconds))
            filter = "startDateTime ge \(from)"
            incremental = true
            guard h < to else {
                throw .usage("nothing to pull: the last complete pull's newest record started at \(hw), which is not before \(toWhat)"
                    + (givenTo == nil ? " (is the clock fixed by COEXIST_NOW?)" : "")
                    + "; give to= after \(hw), or from= and to= for another period")
            }
            if h < oldest {
                warnings.append("the last pull's newest record started at \(hw), more than 30 days before now (\(iso(now))): Graph keeps call records for 30 days, so records that started before \(iso(oldest)) are gone")
            }
        } else {
            // No earlier pull: as far back as Graph keeps.
            from = iso(oldest)
            filter = "startDateTime ge \(from)"
            incremental = false
            guard oldest < to else {
                throw .usage("to \(iso(to)) is more than 30 days before now (\(iso(now))): Graph keeps call records for 30 days, so the period from \(from) (the default from) is empty")
            }
        }
        self.to = iso(to)
        filter += " and startDateTime lt \(self.to)"
        if to > now {
            warnings.append("to \(self.to) is after now (\(iso(now))): calls after now have no records yet; a later pull without from fetches them")
        }
    }
}
