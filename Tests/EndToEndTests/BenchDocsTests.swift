import Foundation
import Testing

/// scripts/bench is documented in two places, its own header and the README's Performance list; a group added
/// to the script and missing from either is a figure nobody knows how to print.
@Suite struct BenchDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    /// The groups the script's argument loop accepts (`all|startup|calls|...) only=$a ;;`).
    static func groups() throws -> [String] {
        let script = try text("scripts/bench")
        let line = try #require(script.split(separator: "\n").first { $0.contains(") only=$a") })
        let pattern = line.trimmingCharacters(in: .whitespaces).split(separator: ")").first.map(String.init) ?? ""
        return pattern.split(separator: "|").map(String.init).filter { $0 != "all" }
    }

    @Test func everyGroupIsInTheHeaderTheUsageAndTheReadme() throws {
        let groups = try Self.groups()
        #expect(groups.count >= 7, "groups read from scripts/bench: \(groups)")
        let script = try Self.text("scripts/bench")
        let readme = try Self.text("README.md")
        let from = try #require(readme.range(of: "## Performance"))
        let after = readme[from.upperBound...]
        let performance = after[..<(after.range(of: "\n## ")?.lowerBound ?? after.endIndex)]
        let usage = try #require(script.split(separator: "\n").first { $0.contains("usage: scripts/bench") })
        for g in groups {
            #expect(script.contains("#   scripts/bench \(g) "), "scripts/bench's header does not describe '\(g)'")
            #expect(usage.contains("|\(g)|") || usage.contains("|\(g)]"), "scripts/bench's usage line lacks '\(g)'")
            #expect(performance.contains("- `\(g)`:"), "README's Performance section does not list '\(g)'")
        }
    }

    @Test func anUnknownGroupIsRefusedWithTheUsage() throws {
        let p = Process()
        p.executableURL = Self.root.appendingPathComponent("scripts/bench")
        p.arguments = ["workspaces"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 2)
        #expect(said.contains("usage: scripts/bench"))
    }
}
