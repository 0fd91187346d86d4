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
            if trend { row.append(.string(TerminalChart.sparkline(Array(f.trend.drop { $0 == nil })))) }
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
    /// The axis starts at the first period with data: months before the data began are not a trend.
    /// Nil when the figure has no data at all, which gets no chart.
    static func trend(_ f: ReviewFigure, periods: [String]) -> ChartSeries? {
        guard let first = f.trend.firstIndex(where: { $0 != nil }) else { return nil }
        let labels = Array(periods.suffix(f.trend.count))
        let skip = first + max(0, labels.count - f.trend.count)
        return ChartSeries(name: f.name, unit: "", labels: Array(labels.dropFirst(skip)), values: Array(f.trend[first...]))
    }

    /// The review's periods from the first one in which any figure has data.
    static func periodsWithData(_ r: ReviewReport) -> [String] {
        let trends = r.allFigures.map(\.figure.trend).filter { !$0.isEmpty }
        let longest = trends.map(\.count).max() ?? 0
        guard longest > 0 else { return r.periods }
        let first = trends.compactMap { t in t.firstIndex { $0 != nil }.map { $0 + longest - t.count } }.min() ?? 0
        return Array(r.periods.suffix(longest).dropFirst(first))
    }

    /// What a missing value in a breakdown's text column is called, the same in every table and chart of
    /// every format: "(no building)" for a building, as CQD lists streams from subnets no building claims.
    static func missingText(_ column: Column) -> String {
        "(no " + column.name.replacingOccurrences(of: "_", with: " ") + ")"
    }

    /// A breakdown with its missing text cells spelled out, so Markdown, HTML, the terminal and the bars
    /// all name them alike (the renderers' own NULL text differs by format).
    static func spelled(_ t: ResultSet) -> ResultSet {
        var out = t
        for (c, column) in t.columns.enumerated() where column.type == .string {
            for r in out.rows.indices where c < out.rows[r].count && out.rows[r][c] == .null {
                out.rows[r][c] = .string(missingText(column))
            }
        }
        return out
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
            labels.append(ValueFormatter.human(row[0], column: t.columns[0], nullValue: missingText(t.columns[0])))
            values.append(value)
        }
        return values.isEmpty ? nil : ChartSeries(name: t.title ?? "Breakdown", labels: labels, values: values,
                                                  decimals: ChartSeries.decimals(of: t.columns[1]))
    }
}
