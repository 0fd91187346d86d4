import Foundation
import Testing
@testable import CoexistKit

/// Goals measured against hand-built call records: drop_pct is set exactly by how many streams of each week dropped.
@Suite struct GoalReadingTests {
    let today = Day(year: 2027, month: 1, day: 10)

    /// 100 audio streams in each of the eight weeks ending `today`; `dropped[0]` is the oldest week's count, and -1
    /// a week with no streams at all.
    func store(dropped: [Int]) throws -> CallStore {
        var s = CallStore()
        for (i, k) in dropped.enumerated() {
            let weeksBack = dropped.count - 1 - i
            let day = today.adding(days: -7 * weeksBack - 3)
            for n in 0..<(k < 0 ? 0 : 100) {
                try s.append(StreamRecord(callId: "w\(i)-\(n)", start: Int64(day.epochSeconds) + 43_200, modality: .audio,
                                          dropped: n < k))
            }
        }
        return s
    }

    func read(_ dropped: [Int], by: Day?) throws -> GoalReading {
        try store(dropped: dropped).readGoal(CallQuery(), figure: "drop_pct", target: GoalTarget("<= 2")!, by: by, today: today)
    }

    @Test func aGoalWhoseValueMeetsItsTargetIsMet() throws {
        let r = try read([3, 3, 2, 1, 1, 1, 1, 1], by: nil)
        #expect(r.value == 1)
        #expect(r.weekly == [3, 3, 2, 1, 1, 1, 1, 1])
        #expect(r.status == .met)
    }

    @Test func aFallingTrendThatReachesTheTargetByItsDateIsOnTrack() throws {
        // Last four weeks 6, 5, 4, 3: 4.5 % now; one point a week down reaches 2 % in a week or so.
        let r = try read([10, 9, 8, 7, 6, 5, 4, 3], by: today.adding(days: 21))
        #expect(r.value == 4.5)
        #expect(r.status == .onTrack)
    }

    @Test func theSameTrendWithTooLittleTimeLeftIsOffTrack() throws {
        #expect(try read([10, 9, 8, 7, 6, 5, 4, 3], by: today.adding(days: 3)).status == .offTrack)
    }

    @Test func aFlatOrRisingTrendIsOffTrackAndSoIsAPassedDate() throws {
        #expect(try read([5, 5, 5, 5, 5, 5, 5, 5], by: today.adding(days: 90)).status == .offTrack)
        #expect(try read([1, 2, 3, 4, 5, 6, 7, 8], by: today.adding(days: 90)).status == .offTrack)
        #expect(try read([10, 9, 8, 7, 6, 5, 4, 3], by: today.adding(days: -1)).status == .offTrack)
    }

    @Test func noRecordsIsNoDataAndAMissingWeekStaysMissing() throws {
        #expect(try read([], by: nil).status == .noData)
        let s = try store(dropped: [1, 1, -1, 0, 1, 1, 1, 1])
        let r = try s.readGoal(CallQuery(), figure: "drop_pct", target: GoalTarget("<= 2")!, by: nil, today: today)
        #expect(r.weekly[2] == nil && r.weekly[3] == 0)
        #expect(r.sparkline.count == 8)
    }

    @Test func targetsSaySide() {
        #expect(GoalTarget("<= 2") == GoalTarget(atMost: true, value: 2))
        #expect(GoalTarget(">=90") == GoalTarget(atMost: false, value: 90))
        #expect(GoalTarget("2") == nil && GoalTarget("< 2") == nil && GoalTarget("<= two") == nil)
        #expect(GoalTarget(">= 80")!.isMet(by: 80) && !GoalTarget(">= 80")!.isMet(by: 79.9))
    }

    @Test func aStoredQueryReadsTheSameAsTheQuery() throws {
        let s = try store(dropped: [3, 3, 2, 1, 1, 1, 1, 1])
        let q = try CallQuery().filter("modality", .eq, .string("audio")).filter("dropped", .eq, .bool(false))
        let spec = try #require(q.spec)
        let data = try JSONDecoder().decode(CallQuerySpec.self, from: JSONEncoder().encode(spec))
        #expect(data == spec)
        #expect(try s.count(try data.query()) == s.count(q))
        #expect(CallQuery().filter { _ in true }.spec == nil)
    }
}
