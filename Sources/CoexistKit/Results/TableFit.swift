/// How a boxed table fits a width, as DuckDB's shell fits its boxes to the terminal: first the wide text
/// columns are cut (with an ellipsis) down to a common cap, no narrower than `textFloor` or their header
/// (a column whose name is cut cannot be read at all); then the columns that still do not fit are hidden
/// from the right, keeping at least the first, and the caller says so.
struct TableFit {
    /// Cells per column after cutting (hidden columns keep theirs, unused).
    let widths: [Int]
    /// The columns drawn, in order.
    let visible: [Int]

    /// Text columns are not cut narrower than this (or their natural width).
    static let textFloor = 8

    var hidden: [Int] { Array(Set(widths.indices).subtracting(visible)).sorted() }

    /// The width of a box with these cells: "│ " + cells joined by " │ " + " │".
    static func boxWidth(_ widths: [Int], _ columns: [Int]) -> Int {
        columns.reduce(0) { $0 + widths[$1] } + 3 * columns.count + 1
    }

    /// `shrinkable` marks the columns whose cells may be cut (free text whose width no `.width` fixed).
    init(widths natural: [Int], shrinkable: [Bool], headerWidths: [Int] = [], maxWidth: Int) {
        var widths = natural
        let all = Array(natural.indices)
        guard maxWidth > 0, Self.boxWidth(widths, all) > maxWidth else {
            self.widths = widths
            visible = all
            return
        }
        let floors = all.map { min(natural[$0], max(Self.textFloor, $0 < headerWidths.count ? headerWidths[$0] : 0)) }
        let cuttable = all.filter { shrinkable[$0] && natural[$0] > floors[$0] }
        if !cuttable.isEmpty {
            func capped(_ cap: Int) -> [Int] {
                var w = natural
                for i in cuttable { w[i] = max(floors[i], min(w[i], cap)) }
                return w
            }
            // The largest cap that fits, found by bisection; the floor when nothing does.
            var low = Self.textFloor, high = cuttable.map { natural[$0] }.max()!
            while low < high {
                let mid = (low + high + 1) / 2
                if Self.boxWidth(capped(mid), all) <= maxWidth { low = mid } else { high = mid - 1 }
            }
            widths = capped(low)
        }
        var shown = all
        while shown.count > 1 && Self.boxWidth(widths, shown) > maxWidth { shown.removeLast() }
        self.widths = widths
        visible = shown
    }
}
