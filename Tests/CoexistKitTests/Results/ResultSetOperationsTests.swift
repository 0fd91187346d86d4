import Testing
@testable import CoexistKit

/// The result-set verbs in CoexistKit: each returns a new set, refuses unknown columns naming the nearest one,
/// and treats NULL as missing data (sorted last, never joined).
@Suite struct ResultSetOperationsTests {
    static let weeks = ResultSet(columns: [Column("week", .string), Column("building", .string), Column("poor", .int),
                                           Column("rate", .double)],
                                 rows: [[.string("W1"), .string("Oslo"), .int(4), .double(0.5)],
                                        [.string("W1"), .string("Bergen"), .int(9), .double(1.25)],
                                        [.string("W2"), .string("Oslo"), .int(2), .null],
                                        [.string("W2"), .string("Bergen"), .int(9), .double(3)],
                                        [.string("W2"), .string("Oslo"), .int(1), .double(0.75)]],
                                 title: "poor streams")

    func column(_ rs: ResultSet, _ name: String) -> [ResultValue] { rs.rows.map { $0[rs.columnIndex(name)!] } }

    @Test func sortTakesSeveralKeysKeepsTiesInOrderAndPutsNullLast() throws {
        let byPoor = try Self.weeks.sorted(by: [SortKey("poor", descending: true), SortKey("building")])
        #expect(column(byPoor, "poor") == [.int(9), .int(9), .int(4), .int(2), .int(1)])
        #expect(column(byPoor, "week") == [.string("W1"), .string("W2"), .string("W1"), .string("W2"), .string("W2")])
        #expect(byPoor.title == "poor streams")
        for descending in [false, true] {
            let byRate = try Self.weeks.sorted(by: [SortKey("rate", descending: descending)])
            #expect(column(byRate, "rate").last == .null)
        }
        #expect(column(try Self.weeks.sorted(by: [SortKey("rate")]), "rate").prefix(2) == [.double(0.5), .double(0.75)])
    }

    @Test func unknownColumnsAreRefusedWithTheClosestSpelling() {
        #expect(throws: ResultSetError.unknownColumn(operation: "sort", name: "bulding", suggestion: "building")) {
            try Self.weeks.sorted(by: [SortKey("bulding")])
        }
        #expect(throws: ResultSetError.unknownColumn(operation: "select", name: "wek", suggestion: "week")) {
            try Self.weeks.selecting(["building", "wek"])
        }
        #expect(throws: ResultSetError.unknownColumn(operation: "pivot", name: "rat", suggestion: "rate")) {
            try Self.weeks.pivot(rows: ["building"], cols: "week", value: "rat")
        }
        #expect(throws: ResultSetError.unknownColumn(operation: "where", name: "pool", suggestion: "poor")) {
            try Self.weeks.filtered(equal: [("pool", [.int(9)])])
        }
    }

    @Test func whereHeadAndSelectKeepTheRowsAsked() throws {
        let oslo = try Self.weeks.filtered(equal: [("building", [.string("Oslo")]), ("poor", [.double(4), .int(1)])])
        #expect(column(oslo, "poor") == [.int(4), .int(1)])
        #expect(try Self.weeks.head(2).count == 2)
        #expect(try Self.weeks.head(0).count == 0)
        #expect(try Self.weeks.head(99).count == 5)
        #expect(throws: ResultSetError.self) { try Self.weeks.head(-1) }
        let picked = try Self.weeks.selecting(["poor", "week"])
        #expect(picked.columns.map(\.name) == ["poor", "week"])
        #expect(picked.rows[0] == [.int(4), .string("W1")])
        #expect(throws: ResultSetError.duplicateColumn(operation: "select", name: "poor")) { try Self.weeks.selecting(["poor", "poor"]) }
    }

    @Test func addAppendsAColumnAndRefusesATakenName() throws {
        let added = try Self.weeks.adding(Column("double", .int), values: Self.weeks.rows.map { row in
            if case .int(let n) = row[2] { return .int(2 * n) } else { return .null }
        })
        #expect(column(added, "double") == [.int(8), .int(18), .int(4), .int(18), .int(2)])
        #expect(throws: ResultSetError.duplicateColumn(operation: "add", name: "poor")) {
            try Self.weeks.adding(Column("poor", .int), values: Array(repeating: .null, count: 5))
        }
    }

    @Test func pivotMakesOneColumnPerValueInFirstSeenOrder() throws {
        let wide = try Self.weeks.pivot(rows: ["building"], cols: "week", value: "poor")
        #expect(wide.columns.map(\.name) == ["building", "W1", "W2"])
        #expect(wide.rows == [[.string("Oslo"), .int(4), .int(3)], [.string("Bergen"), .int(9), .int(9)]])
        let counts = try Self.weeks.pivot(rows: ["building"], cols: "week", value: "rate", aggregate: .count)
        // The NULL rate is missing, not a zero: Oslo had two rates in W2, one of them missing.
        #expect(counts.rows[0] == [.string("Oslo"), .int(1), .int(1)])
        let means = try Self.weeks.pivot(rows: ["week"], cols: "building", value: "rate", aggregate: .mean)
        #expect(means.rows[1] == [.string("W2"), .double(0.75), .double(3)])
        #expect(throws: ResultSetError.self) { try Self.weeks.pivot(rows: ["week"], cols: "week", value: "poor") }
        #expect(throws: ResultSetError.self) { try Self.weeks.pivot(rows: ["week"], cols: "building", value: "building") }
    }

    @Test func joinMatchesKeysByValueAndKeepsTheLeftOrder() throws {
        let sites = ResultSet(columns: [Column("building", .string), Column("city", .string), Column("poor", .int)],
                              rows: [[.string("Bergen"), .string("Bergen"), .int(0)], [.null, .string("Nowhere"), .int(0)]])
        let inner = try Self.weeks.joined(sites, on: ["building"])
        #expect(inner.columns.map(\.name) == ["week", "building", "poor", "rate", "city", "poor_2"])
        #expect(inner.count == 2)
        #expect(column(inner, "city") == [.string("Bergen"), .string("Bergen")])
        let left = try Self.weeks.joined(sites, on: ["building"], kind: .left)
        #expect(left.count == 5)
        #expect(column(left, "city") == [.null, .string("Bergen"), .null, .string("Bergen"), .null])
        #expect(throws: ResultSetError.self) { try Self.weeks.joined(sites, on: ["week"]) }
        let numbers = ResultSet(columns: [Column("n", .double), Column("label", .string)], rows: [[.double(4), .string("four")]])
        #expect(column(try Self.weeks.joined(numbers.renamed("n", to: "poor"), on: ["poor"]), "label") == [.string("four")])
    }

    @Test func formatFixesDecimalsPerColumnAndRefusesOutOfRange() throws {
        let fixed = try Self.weeks.formatted(decimals: [("rate", 3)])
        #expect(ResultRenderer.render(fixed, RenderOptions(mode: .markdown)).contains("| 1.250 |"))
        #expect(throws: ResultSetError.self) { try Self.weeks.formatted(decimals: [("rate", 13)]) }
        #expect(throws: ResultSetError.self) { try Self.weeks.formatted(decimals: [("week", 1)]) }
    }

    @Test func numbersSettingFormatsEveryDoubleColumnThatDoesNotFixItsOwn() {
        let rs = ResultSet(columns: [Column("a", .double), Column("b", .double, decimals: 1)],
                           rows: [[.double(2.345678), .double(12.34)], [.int(3), .double(50)]])
        let two = ResultRenderer.render(rs, RenderOptions(mode: .markdown))
        #expect(two.contains("| 2.35 | 12.3 |"))
        #expect(two.contains("| 3.00 | 50.0 |"))
        let auto = ResultRenderer.render(rs, RenderOptions(mode: .markdown, numbers: nil))
        #expect(auto.contains("2.345678"))
        let four = ResultRenderer.render(rs, RenderOptions(mode: .line, numbers: 4))
        #expect(four.contains("a = 2.3457"))
        #expect(four.contains("b = 12.3"))
    }
}

extension ResultSet {
    func renamed(_ old: String, to new: String) -> ResultSet {
        var copy = self
        copy.columns[columnIndex(old)!].name = new
        return copy
    }
}
