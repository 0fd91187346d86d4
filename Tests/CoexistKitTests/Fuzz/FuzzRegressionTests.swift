import Testing
@testable import CoexistKit

/// Inputs the fuzz targets (Tests/Fuzz, scripts/fuzz) found to crash, hang or exhaust memory, kept so that
/// they stay fixed.
@Suite struct FuzzRegressionTests {
    /// FuzzLua, seed huge_strings.lua: `calls:where{building = ("x"):rep(16 * 1024 * 1024)}` took minutes
    /// (the closest-name search compared 16 MB with every building) and printed the 16 MB in its warning.
    @Test func hugeValueNamingNoBuildingWarnsShortlyAndQuickly() throws {
        let store = FilterOperatorTests.fixture.store
        let huge = String(repeating: "x", count: 4 << 20)
        let clock = ContinuousClock()
        var warnings: [String] = []
        let took = try clock.measure {
            warnings = try CallQuery().filter("building", .eq, .string(huge)).unknownValues(on: store)
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("no building is 'xxxx") == true)
        #expect(warnings.first?.contains("(4194304 bytes)") == true)
        #expect((warnings.first?.utf8.count ?? .max) < 200)
        #expect(took < .seconds(2))
    }
}
