/// What every chart draws: values in order, each with its label (a period, a building, a day of a
/// simulation), nil where there is no data. Charts take series rather than review figures or result
/// sets so the review, the simulation and the plan can all draw with them.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    /// "%" for rates, "" for plain numbers; shown after values and axis labels.
    public var unit: String
    public var labels: [String]
    public var values: [Double?]
    /// Decimal places for the values drawn beside bars: 0 for counts, the table's decimals for rates, so a chart
    /// says "38" where its table says 38 (never "38.0"); nil keeps the short axis form ("2.35", "81.2").
    public var decimals: Int?

    /// `labels` and `values` pair up by position; a shorter label list leaves the last points unlabelled.
    public init(name: String, unit: String = "", labels: [String], values: [Double?], decimals: Int? = nil) {
        self.decimals = decimals
        self.name = name
        self.unit = unit
        self.labels = labels
        self.values = values
    }

    /// The label of point `index`, or "" when there is none.
    public func label(_ index: Int) -> String { index < labels.count ? labels[index] : "" }

    /// A value as the chart writes it beside its bar or point.
    public func valueText(_ value: Double) -> String {
        guard let decimals else { return ValueFormatter.short(value, unit: unit) }
        let text = ValueFormatter.humanDouble(value, decimals: decimals)
        return unit.isEmpty ? text : "\(text) \(unit)"
    }

    /// The decimals a chart of `column` shows: none for an int column, else the column's own or `.numbers`.
    public static func decimals(of column: Column, numbers: Int? = RenderOptions.defaultNumbers) -> Int? {
        column.type == .int ? 0 : column.decimals ?? numbers
    }

    /// Lowest and highest known value, nil when no point has data.
    var range: (lo: Double, hi: Double)? {
        let known = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = known.min(), let hi = known.max() else { return nil }
        return (lo, hi)
    }
}

extension ChartSeries {
    /// A series from two columns of a result set: labels from column `label` as the human modes print them,
    /// values from column `value` (nil where a row has no number). The name is the result's title, else
    /// the value column's name.
    public init(_ rs: ResultSet, label: Int, value: Int, unit: String = "") {
        var labels: [String] = [], values: [Double?] = []
        labels.reserveCapacity(rs.rows.count)
        values.reserveCapacity(rs.rows.count)
        for row in rs.rows {
            let cell = label < row.count ? row[label] : .null
            labels.append(ValueFormatter.human(cell, column: rs.columns[label], nullValue: "(none)"))
            switch value < row.count ? row[value] : .null {
            case .int(let i): values.append(Double(i))
            case .double(let d): values.append(d)
            default: values.append(nil)
            }
        }
        self.init(name: rs.title ?? rs.columns[value].name, unit: unit, labels: labels, values: values,
                  decimals: ChartSeries.decimals(of: rs.columns[value]))
    }
}
