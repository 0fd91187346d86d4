import Testing
@testable import CoexistLua
import CoexistKit

/// A query alone at the prompt previews its first streams in time order, whatever order they were imported in.
@Suite struct PreviewOrderTests {
    func previewStarts(_ lua: CallsLua, _ code: String) throws -> [ResultValue] {
        guard case .values(let values) = lua.engine.evaluate(code), case .resultSet(let box)? = values.first else {
            Issue.record("\(code) did not show a table")
            return []
        }
        let column = try #require(box.resultSet.columnIndex("start"))
        return box.resultSet.rows.map { $0[column] }
    }

    @Test func thePreviewIsTheEarliestStreamsInOrder() throws {
        let lua = try CallsLua(streams: 2_000)
        let store = lua.store
        // The random store is in no particular order, so the first rows stored are not the first in time.
        let starts = (0..<store.count).map { Double(store.start[$0]) }
        #expect(starts != starts.sorted(), "the fixture is already in time order; the test would prove nothing")
        let shown = try previewStarts(lua, "calls")
        #expect(shown.count == CallsRun.previewRows)
        #expect(shown == starts.sorted().prefix(CallsRun.previewRows).map { .date($0) })
    }

    @Test func aFilteredPreviewIsInTimeOrderToo() throws {
        let lua = try CallsLua(streams: 2_000)
        let shown = try previewStarts(lua, #"calls:where{modality="audio"}"#)
        let seconds = shown.compactMap { value -> Double? in if case .date(let d) = value { return d } else { return nil } }
        #expect(seconds.count == shown.count && !seconds.isEmpty)
        #expect(seconds == seconds.sorted())
    }
}
