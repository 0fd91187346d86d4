import Testing
@testable import CoexistKit

/// The raw counts behind the percentages must be filled even when their percentage is not asked for.
@Suite("count measures")
struct CountMeasureTests {
    @Test("certified, audio_with_device and poor_rated alone match a naive count")
    func countsAlone() throws {
        let s = QueryTests.store
        let r = try s.summary(measures: ["certified", "audio_with_device", "poor_rated"])
        let audio = (0..<s.count).filter { s.value(.modality, at: $0) == .string("audio") }
        let withDevice = audio.filter { s.value(.certified, at: $0) != .null }
        let certified = withDevice.filter { s.value(.certified, at: $0) == .bool(true) }
        let poorRated = (0..<s.count).filter { [.int(1), .int(2)].contains(s.value(.rating, at: $0)) }
        #expect(withDevice.count > 0 && poorRated.count > 0)
        let expected: [[ResultValue]] = [[.int(certified.count), .int(withDevice.count), .int(poorRated.count)]]
        #expect(r.rows == expected)
    }
}
