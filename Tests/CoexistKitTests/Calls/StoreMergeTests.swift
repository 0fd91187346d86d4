import Testing
@testable import CoexistKit

@Suite("merging call stores")
struct StoreMergeTests {
    func store(_ prefix: String, reasons: Int, rows: Int) throws -> CallStore {
        var s = CallStore()
        for i in 0..<rows {
            try s.append(StreamRecord(callId: "\(prefix)-call-\(i / 3)", start: 1_790_000_000 + Int64(i), modality: .audio,
                                      firstUser: "user\(i % 7)@contoso.com", subnet: "10.0.\(i % 5).0",
                                      captureDevice: "dev \(i % 4)", failureReason: "\(prefix) reason \(i % reasons)"))
        }
        return s
    }

    @Test("codes are remapped: every value reads the same after the merge")
    func remaps() throws {
        var a = try store("a", reasons: 10, rows: 100)
        let b = try store("b", reasons: 10, rows: 100)
        let before = a
        try a.append(contentsOf: b)
        #expect(a.count == 200)
        for f in [CallField.callId, .firstUser, .subnet, .captureDevice, .failureReason, .start] {
            for i in 0..<100 {
                #expect(a.value(f, at: i) == before.value(f, at: i))
                #expect(a.value(f, at: 100 + i) == b.value(f, at: i))
            }
        }
        #expect(a.users.count == 8)   // "" and the 7 users both stores share
    }

    @Test("a merge that would pass a dictionary's limit is refused and changes nothing")
    func limits() throws {
        var a = try store("a", reasons: 200, rows: 200)
        let b = try store("b", reasons: 100, rows: 100)
        let before = a
        #expect(throws: CallStoreLimitError.self) { try a.append(contentsOf: b) }
        #expect(a.count == before.count)
        #expect(a.failureReasons == before.failureReasons)
        #expect(a.callIds == before.callIds)
        #expect(a.users == before.users)
        #expect(a.call == before.call)
    }
}
