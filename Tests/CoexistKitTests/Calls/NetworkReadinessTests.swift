import Testing
@testable import CoexistKit

/// The verdicts of network readiness and the month arithmetic behind its default period.
@Suite struct NetworkReadinessTests {
    @Test func aRateIsMissedOnlyBeyondSamplingNoise() {
        func v(_ c: Int, _ n: Int, _ t: Double, _ m: Int) -> NetworkReadiness.Verdict { NetworkReadiness.rateVerdict(c, n, target: t, minStreams: m) }
        #expect(v(20, 1000, 2.0, 100) == .meets)        // exactly the target
        #expect(v(21, 1000, 2.0, 100) == .borderline)   // 2.1 %: a stream over, within noise
        #expect(v(40, 1000, 2.0, 100) == .misses)       // 4 %: well beyond it
        #expect(v(300, 10_000, 2.0, 100) == .misses)    // 3 % over 10,000
        #expect(v(10, 99, 2.0, 100) == .tooFewStreams)  // 10 % but over 99 streams
        #expect(v(0, 0, 2.0, 100) == .noData)
    }

    @Test func monthsAreReadStrictly() {
        #expect(CalendarMonth(label: "2026-10")?.description == "2026-10")
        #expect(CalendarMonth(label: "2026-13") == nil)
        #expect(CalendarMonth(label: "2026-00") == nil)
        #expect(CalendarMonth(label: "2026-1") == nil)
        #expect(CalendarMonth(label: "October") == nil)
        #expect(CalendarMonth(year: 2026, month: 12)!.next.description == "2027-01")
        #expect(CalendarMonth(year: 2026, month: 1)!.previous.description == "2025-12")
    }

    /// The default period is the last month that has ended and holds streams, not simply last month.
    @Test func theDefaultMonthIsTheLastFullOneWithData() throws {
        var s = CallStore()
        for (day, n) in [("2026-08-20", 3), ("2026-11-02", 2)] {
            for i in 0..<n {
                try s.append(StreamRecord(callId: "\(day)-\(i)", start: Int64(PlanDay(iso: day)!.epochSeconds), modality: .audio))
            }
        }
        #expect(try s.lastFullMonthWithData(today: PlanDay(year: 2026, month: 11, day: 15))?.description == "2026-08")
        #expect(try s.lastFullMonthWithData(today: PlanDay(year: 2026, month: 8, day: 31)) == nil)
    }
}
