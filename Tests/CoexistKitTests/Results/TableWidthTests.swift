import Testing
@testable import CoexistKit

/// Tables fit a width as DuckDB's shell fits the terminal: long text cut with an ellipsis, then columns
/// hidden with a line that names them, a single row in line mode; `.width` fixes columns; ASCII borders.
@Suite struct TableWidthTests {
    /// Three short columns and two long text ones, as calls:fields() has.
    let wide = ResultSet(columns: [Column("name", .string), Column("streams", .int), Column("meaning", .string),
                                   Column("values", .string), Column("unit", .string)],
                         rows: [[.string("jitter_ms"), .int(12), .string(String(repeating: "inter-arrival jitter ", count: 4)),
                                 .string(String(repeating: "a, b, c, ", count: 8)), .string("ms")],
                                [.string("modality"), .int(3), .string("audio, video, vbss or appsharing"), .null, .null]])

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func wideTextIsCutWithAnEllipsisToFitTheWidth() {
        let text = ResultRenderer.render(wide, RenderOptions(maxWidth: 100))
        let box = lines(text).filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("└") || $0.hasPrefix("├") }
        #expect(!box.isEmpty)
        #expect(box.allSatisfy { DisplayWidth.of($0) <= 100 }, "\(text)")
        #expect(text.contains("…"))
        // Every column is still there, so nothing is said to be hidden.
        #expect(text.contains("unit") && !text.contains("hidden"), "\(text)")
        // Without a limit nothing is cut.
        #expect(!ResultRenderer.render(wide, RenderOptions()).contains("…"))
    }

    @Test func columnsThatStillDoNotFitAreHiddenAndNamed() {
        let text = ResultRenderer.render(wide, RenderOptions(maxWidth: 40))
        #expect(lines(text).filter { $0.hasPrefix("│") }.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(text)")
        let footer = lines(text).last ?? ""
        #expect(footer.hasPrefix("2 columns hidden (values, unit): "), "\(text)")
        #expect(footer.contains(".mode line") && footer.contains(".maxwidth 0"))
        // The first column is cut to the floor of eight cells, never hidden.
        #expect(text.contains("│ jitter_… │"), "\(text)")
    }

    @Test func columnNamesAreNeverCutOnlyHidden() {
        let columns = (1...6).map { Column("allow_private_setting_\($0)", .string) }
        let row = (1...6).map { _ in ResultValue.string(String(repeating: "value ", count: 6)) }
        let text = ResultRenderer.render(ResultSet(columns: columns, rows: [row, row]), RenderOptions(maxWidth: 80))
        let header = lines(text)[1]
        #expect(header.contains("allow_private_setting_1") && header.contains("allow_private_setting_2"), "\(text)")
        #expect(!header.contains("…"))
        #expect(DisplayWidth.of(header) <= 80)
        #expect(header.contains("allow_private_setting_3"))
        #expect(lines(text).last?.hasPrefix("3 columns hidden (allow_private_setting_4, allow_private_setting_5, ") == true, "\(text)")
    }

    @Test func aSingleRowTooWideIsPrintedAsLines() {
        var one = wide
        one.rows.removeLast()
        let text = ResultRenderer.render(one, RenderOptions(maxWidth: 60))
        #expect(text.contains("   name = jitter_ms\n"), "\(text)")
        #expect(text.contains("values = a, b, c,"))
        #expect(!text.contains("│"))
    }

    @Test func fixedWidthsCutAndPadTheirColumns() {
        let text = ResultRenderer.render(wide, RenderOptions(columnWidths: [4, 0, 10]))
        #expect(text.contains("│ jit… │"), "\(text)")
        #expect(text.contains("│ inter-arr… │"), "\(text)")
        // The fourth column has no fixed width and keeps every character.
        #expect(text.contains(String(repeating: "a, b, c, ", count: 7)))
    }

    @Test func asciiBordersForPipesAndFiles() {
        let text = ResultRenderer.render(RenderFixtures.sites, RenderOptions(unicode: false))
        #expect(text.hasPrefix("+------+-------+------+\n| site | calls | mos  |\n+------+-------+------+\n"), "\(text)")
        #expect(!text.contains("│") && !text.contains("─"))
        // box and ascii force their characters whatever the default.
        #expect(ResultRenderer.render(RenderFixtures.sites, RenderOptions(mode: .box, unicode: false)).hasPrefix("┌"))
        #expect(ResultRenderer.render(RenderFixtures.sites, RenderOptions(mode: .ascii)).hasPrefix("+"))
    }

    @Test func tsvEscapesTabsNewlinesAndBackslashes() {
        let rs = ResultSet(columns: [Column("a", .string), Column("b", .int)],
                           rows: [[.string("x\ty\nz\\w"), .int(1)], [.null, .int(2)]])
        #expect(ResultRenderer.render(rs, RenderOptions(mode: .tsv)) == "a\tb\nx\\ty\\nz\\\\w\t1\n\t2\n")
        #expect(ResultRenderer.render(rs, RenderOptions(mode: .tsv, headers: false)) == "x\\ty\\nz\\\\w\t1\n\t2\n")
    }

    @Test func listingsShowEveryRowAndEmptyCells() {
        let fields = CallField.describe()
        #expect(fields.isListing && fields.rows.count > 40)
        let text = ResultRenderer.render(fields, RenderOptions(maxRows: 10, nullValue: "NULL"))
        #expect(!text.contains("NULL") && !text.contains("·"), "elided or NULL in \(text.prefix(400))")
        #expect(text.contains("\(fields.rows.count) rows\n") && !text.contains("shown"))
        #expect(ModeCapabilities.table().isListing && ModeCapabilities.policyTable().isListing)
    }
}
