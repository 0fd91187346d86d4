extension CallStore {
    /// The last month that has ended by `today` and holds streams: what a review covers by default. nil when
    /// no stream started before this month.
    public func lastFullMonthWithData(today: PlanDay) throws -> CalendarMonth? {
        let current = CalendarMonth(containing: today)
        let months = try summary(CallQuery().between(nil, current.first.epochSeconds), by: ["month"], measures: ["streams"])
        return months.rows.compactMap { row -> CalendarMonth? in
            guard case .date(let d) = row[0] else { return nil }
            return CalendarMonth(containing: PlanDay(epochSeconds: d))
        }.max()
    }
}
