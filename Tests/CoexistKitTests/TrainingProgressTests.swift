import Foundation
import Testing
@testable import CoexistKit

@Suite struct TrainingProgressTests {
    func directory() -> String {
        "\(FileManager.default.temporaryDirectory.path)/coexist-progress-\(UUID().uuidString)/coexist/training"
    }

    @Test func progressRoundTripsThroughItsFile() throws {
        let store = TrainingProgressStore(directory: directory())
        #expect(store.load("routing") == nil)
        try store.save(TrainingProgress(step: 4, skipped: [2, 3]), for: "routing")
        #expect(store.load("routing") == TrainingProgress(step: 4, skipped: [2, 3]))
        store.clear("routing")
        #expect(store.load("routing") == nil)
    }

    @Test func aFileThatDoesNotParseIsNoProgress() throws {
        let store = TrainingProgressStore(directory: directory())
        try store.save(TrainingProgress(step: 2), for: "qer")
        try "step=zero\n".write(toFile: store.path(for: "qer"), atomically: true, encoding: .utf8)
        #expect(store.load("qer") == nil)
    }

    @Test func theStoreLivesUnderXDGStateHome() {
        let store = TrainingProgressStore.standard { ["XDG_STATE_HOME": "/s", "HOME": "/h"][$0] }
        #expect(store.path(for: "qer") == "/s/coexist/training/qer.progress")
        let fallback = TrainingProgressStore.standard { ["HOME": "/h"][$0] }
        #expect(fallback.directory == "/h/.local/state/coexist/training")
    }
}
