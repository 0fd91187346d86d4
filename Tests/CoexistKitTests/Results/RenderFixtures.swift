@testable import CoexistKit

/// Small result sets shared by the renderer tests.
enum RenderFixtures {
    /// 2026-10-01 08:30:00 UTC.
    static let morning = 1_790_843_400.0
    /// 2026-10-01 00:00:00 UTC.
    static let midnight = 1_790_812_800.0

    static let sites = ResultSet(
        columns: [Column("site", .string), Column("calls", .int), Column("mos", .double, decimals: 2)],
        rows: [
            [.string("Oslo"), .int(12), .double(4.1)],
            [.string("東京"), .int(7), .null],
            [.string("Zoë"), .int(-3), .double(3.456)],
        ]
    )

    /// Rows numbered 0..<count so tests can tell which ones survived elision.
    static func numbered(_ count: Int) -> ResultSet {
        ResultSet(columns: [Column("n", .int)], rows: (0..<count).map { [.int($0)] })
    }

    static func options(_ mode: OutputMode, headers: Bool = true, maxRows: Int = 40, nullValue: String = "NULL", color: Bool = false) -> RenderOptions {
        RenderOptions(mode: mode, headers: headers, maxRows: maxRows, nullValue: nullValue, color: color)
    }
}
