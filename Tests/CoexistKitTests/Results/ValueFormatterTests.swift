import Testing
@testable import CoexistKit

@Suite struct ValueFormatterTests {
    private func human(_ value: ResultValue, _ column: Column = Column("x", .double)) -> String {
        ValueFormatter.human(value, column: column, nullValue: "NULL")
    }

    @Test func humanDoublesUseShortestTextWhenShort() {
        #expect(human(.double(4.1)) == "4.1")
        #expect(human(.double(100)) == "100.0")
        #expect(human(.double(-0.5)) == "-0.5")
        #expect(human(.double(12345678.9)) == "12345678.9")
    }

    @Test func humanDoublesRoundLongTextToSixSignificantDigits() {
        #expect(human(.double(12.345678901)) == "12.3457")
        #expect(human(.double(0.031234567)) == "0.0312346")
        #expect(human(.double(0.1 + 0.2)) == "0.3")
        #expect(human(.double(-2.0 / 3.0)) == "-0.666667")
        #expect(human(.double(9.99999999999)) == "10")
    }

    @Test func humanDoublesKeepEveryWholeNumberDigit() {
        #expect(human(.double(123456789.25)) == "123456789")
        #expect(human(.double(1234567.891234)) == "1234568")
    }

    @Test func humanDoublesUseExponentsOnlyWhenTinyOrHuge() {
        #expect(human(.double(1.23456789e-7)) == "1.23457e-07")
        #expect(human(.double(1.234567891234e20)) == "1.23457e+20")
        #expect(human(.double(1e-7)) == "1e-07")
    }

    @Test func humanDoublesHonourColumnDecimals() {
        let two = Column("mos", .double, decimals: 2)
        #expect(human(.double(4.1), two) == "4.10")
        #expect(human(.double(2.675), two) == "2.68")
        #expect(human(.double(-0.001), two) == "0.00")
        #expect(human(.double(99.999), two) == "100.00")
        #expect(human(.int(3), two) == "3.00")
        #expect(human(.double(2.5), Column("n", .double, decimals: 0)) == "3")
        #expect(human(.double(1234.5), Column("n", .double, decimals: 0)) == "1235")
    }

    @Test func nonFiniteDoubles() {
        #expect(human(.double(.nan)) == "NaN")
        #expect(human(.double(.infinity)) == "inf")
        #expect(human(.double(-.infinity)) == "-inf")
        #expect(ValueFormatter.machine(.double(.nan)) == "NaN")
    }

    @Test func intsBoolsAndNulls() {
        #expect(human(.int(1_234_567), Column("n", .int)) == "1234567")
        #expect(human(.bool(true)) == "true")
        #expect(ValueFormatter.human(.null, column: Column("x", .int), nullValue: "∅") == "∅")
        #expect(ValueFormatter.machine(.null) == nil)
    }

    @Test func humanDatesDropMidnight() {
        #expect(human(.date(RenderFixtures.morning)) == "2026-10-01 08:30:00")
        #expect(human(.date(RenderFixtures.midnight)) == "2026-10-01")
        #expect(human(.date(RenderFixtures.morning + 0.25)) == "2026-10-01 08:30:00.250")
    }

    @Test func machineDatesAreISO8601UTC() {
        #expect(ValueFormatter.machine(.date(RenderFixtures.morning)) == "2026-10-01T08:30:00Z")
        #expect(ValueFormatter.machine(.date(RenderFixtures.midnight)) == "2026-10-01T00:00:00Z")
        #expect(ValueFormatter.machine(.date(0)) == "1970-01-01T00:00:00Z")
        #expect(ValueFormatter.machine(.date(-1)) == "1969-12-31T23:59:59Z")
        #expect(ValueFormatter.machine(.date(951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(ValueFormatter.machine(.date(.nan)) == nil)
    }

    @Test func machineDoublesRoundTripWithoutExponentsInRange() {
        #expect(ValueFormatter.machine(.double(0.1 + 0.2)) == "0.30000000000000004")
        #expect(ValueFormatter.machine(.double(1e-5)) == "0.00001")
        #expect(ValueFormatter.machine(.double(-1.5e-6)) == "-0.0000015")
        #expect(ValueFormatter.machine(.double(1e14)) == "100000000000000.0")
        #expect(ValueFormatter.machine(.double(1e-7)) == "1e-07")
        #expect(ValueFormatter.machine(.double(1e16)) == "1e+16")
        for value in [1e-5, 2.5e-6, 0.1 + 0.2, 123.456, 1e-7] {
            #expect(Double(ValueFormatter.machineDouble(value)) == value)
        }
    }

    @Test func controlCharactersBecomeVisible() {
        #expect(ValueFormatter.escapingControls("a\nb\tc\r") == "a\\nb\\tc\\r")
        #expect(ValueFormatter.escapingControls("\u{1B}[31mred") == "\\x1B[31mred")
        #expect(ValueFormatter.escapingControls("a\nb\tc", keepLayout: true) == "a\nb\tc")
        #expect(ValueFormatter.escapingControls("東京") == "東京")
    }
}
