/// The review's tables as result sets, so the terminal, Markdown and HTML reports draw them through the
/// renderer family like any query result instead of by hand.
enum ReviewTables {
    /// A figure's status in colour: green meets, red misses, amber when it cannot be judged, dim without a target.
    static let statusTones: [String: CellTone] = [
        FigureStatus.meets.rawValue: .good, FigureStatus.misses.rawValue: .bad,
        FigureStatus.noData.rawValue: .warning, FigureStatus.tooFewStreams.rawValue: .warning,
        FigureStatus.noTarget.rawValue: .muted,
    ]

    /// One row per figure: name, value, target, status, change and, with `trend`, a sparkline of the trend.
    /// `headings` names the columns in the output's own style ("figure" in a terminal, "Figure" in a document).
    static func figures(_ figures: [ReviewFigure], headings: [String], trend: Bool) -> ResultSet {
        var columns = [Column(headings[0], .string), Column(headings[1], .string, alignment: .right),
                       Column(headings[2], .string, alignment: .right), Column(headings[3], .string, tones: statusTones),
                       Column(headings[4], .string, alignment: .right)]
        if trend { columns.append(Column(headings[5], .string)) }
        let rows: [[ResultValue]] = figures.map { f in
            var row: [ResultValue] = [
                .string(f.name), .string(ReviewFormat.optional(f.value, unit: f.unit)),
                .string(f.target.map { "\(f.direction.rawValue) " + ReviewFormat.number($0, unit: f.unit) } ?? ""),
                .string(f.status.rawValue), .string(ReviewFormat.change(f.change)),
            ]
            if trend { row.append(.string(TerminalChart.sparkline(f.trend))) }
            return row
        }
        return ResultSet(columns: columns, rows: rows)
    }

    /// The findings by impact, numbered, with the detail after the title.
    static func findings(_ r: ReviewReport) -> ResultSet {
        ResultSet(columns: [Column("#", .int), Column("Area", .string), Column("Finding", .string),
                            Column("Streams affected", .int), Column("Remedy", .string)],
                  rows: r.orderedFindings.enumerated().map { i, f in
                      [.int(i + 1), .string(f.area), .string(f.detail.isEmpty ? f.title : "\(f.title): \(f.detail)"),
                       .int(f.streamsAffected), .string(f.remedy)]
                  })
    }

    /// A figure's trend as a chart series over the review's periods (the last ones, when there are more).
    static func trend(_ f: ReviewFigure, periods: [String]) -> ChartSeries {
        ChartSeries(name: f.name, unit: "", labels: Array(periods.suffix(f.trend.count)), values: f.trend)
    }

    /// A breakdown whose second column is numeric, as bars: the first column labels, the second the values.
    static func bars(_ t: ResultSet, limit: Int) -> ChartSeries? {
        guard t.columns.count >= 2, t.columns[1].type == .double || t.columns[1].type == .int else { return nil }
        var labels: [String] = [], values: [Double?] = []
        for row in t.rows.prefix(limit) where row.count >= 2 {
            let value: Double
            switch row[1] {
            case .double(let d): value = d
            case .int(let i): value = Double(i)
            default: continue
            }
            labels.append(ValueFormatter.human(row[0], column: t.columns[0], nullValue: "(none)"))
            values.append(value)
        }
        return values.isEmpty ? nil : ChartSeries(name: t.title ?? "Breakdown", labels: labels, values: values)
    }
}
