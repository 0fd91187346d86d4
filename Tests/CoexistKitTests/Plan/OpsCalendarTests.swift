import Testing
@testable import CoexistKit

/// The operations calendar over a month boundary and a leap day, and the review switching to weekly during a rollout.
@Suite struct OpsCalendarTests {
    func days(_ cal: OpsCalendar, _ cadence: OpsCadence, _ from: Day, _ to: Day) -> [String] {
        let task = OpsTask(category: "t", activity: "t", cadence: cadence, role: "Tenant Admin")
        return cal.expand([task], from: from, to: to).map(\.day.iso)
    }

    @Test func dailyAndWeeklyCrossAMonthBoundaryAndALeapDay() {
        let cal = OpsCalendar(anchor: Day(year: 2028, month: 1, day: 3), rolloutMoves: [])
        #expect(days(cal, .daily, Day(year: 2028, month: 2, day: 27), Day(year: 2028, month: 3, day: 1))
                == ["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"])
        // 2028-02-28 is a Monday; the next is 6 March.
        #expect(days(cal, .weekly, Day(year: 2028, month: 2, day: 20), Day(year: 2028, month: 3, day: 12))
                == ["2028-02-21", "2028-02-28", "2028-03-06"])
        // Biweekly from the anchor's Monday (3 January 2028).
        #expect(days(cal, .biweekly, Day(year: 2028, month: 1, day: 1), Day(year: 2028, month: 2, day: 15))
                == ["2028-01-03", "2028-01-17", "2028-01-31", "2028-02-14"])
        #expect(days(cal, .asNeeded, Day(year: 2028, month: 1, day: 1), Day(year: 2028, month: 12, day: 31)).isEmpty)
    }

    @Test func monthlyOnTheAnchorsDayFallsOnAMonthsLastDayWhenShorter() {
        let cal = OpsCalendar(anchor: Day(year: 2027, month: 12, day: 31), rolloutMoves: [])
        #expect(days(cal, .monthly, Day(year: 2028, month: 1, day: 1), Day(year: 2028, month: 5, day: 1))
                == ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"])
        #expect(days(cal, .monthly, Day(year: 2027, month: 2, day: 1), Day(year: 2027, month: 3, day: 1)) == ["2027-02-28"])
    }

    @Test func theReviewIsWeeklyWhileARolloutIsUnderWayAndMonthlyAfter() {
        let move = Day(year: 2027, month: 2, day: 15)
        let quiet = OpsCalendar(anchor: Day(year: 2027, month: 1, day: 1), rolloutMoves: [])
        let from = Day(year: 2027, month: 1, day: 1), to = Day(year: 2027, month: 4, day: 30)
        #expect(days(quiet, .review, from, to) == ["2027-01-01", "2027-02-01", "2027-03-01", "2027-04-01"])
        let rollout = OpsCalendar(anchor: Day(year: 2027, month: 1, day: 1), rolloutMoves: [move, move.adding(days: 14)])
        // Weekly from 8 February (a week before the first move) to 15 March (two weeks after the last), monthly outside.
        #expect(days(rollout, .review, from, to) == ["2027-01-01", "2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22",
                                                     "2027-03-01", "2027-03-08", "2027-03-15", "2027-04-01"])
    }

    @Test func theCalendarTableNamesTheRolesTeamAndMarksTheRollout() throws {
        let w = Workspace.empty(today: Day(year: 2027, month: 2, day: 1))
        try w.apply(.plan(PlanEdit(start: w.today, .role(name: "Quality Champion", team: "QoE team", contact: nil, signedOff: true))), who: "qc")
        let rs = w.plan.calendarTable(from: Day(year: 2027, month: 2, day: 8), to: Day(year: 2027, month: 2, day: 8),
                                      rolloutMoves: [Day(year: 2027, month: 2, day: 10)], today: w.today)
        let review = try #require(rs.rows.first { $0[3] == .string("Perform Quality of Experience Reviews") })
        #expect(review[4] == .string("weekly (rollout)") && review[6] == .string("QoE team") && review[7] == .bool(true))
        try w.apply(.plan(PlanEdit(start: w.today, .opsRole(activity: "perform quality of experience reviews", role: "Network Operations"))), who: "qc")
        #expect(w.plan.operationsTasks.first { $0.check == "qer" }?.role == "Network Operations")
    }
}
