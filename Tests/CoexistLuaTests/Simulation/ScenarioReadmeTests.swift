import Testing
import Foundation
import CoexistKit
@testable import CoexistLua

/// The README's scenario examples, run on the shell's demo tenant: the comparison and the sweep print
/// exactly what the README shows, and the first example runs (its page written to a temporary file).
@Suite(.serialized) struct ScenarioReadmeTests {
    static func section() throws -> String {
        var path = #filePath
        for _ in 0..<4 { path = String(path[..<path.lastIndex(of: "/")!]) }
        let readme = try String(contentsOfFile: path + "/README.md", encoding: .utf8)
        guard let from = readme.range(of: "### What-if scenarios"), let to = readme.range(of: "## Performance", range: from.upperBound..<readme.endIndex) else {
            throw SimulationSession.Failed(description: "README has no What-if scenarios section")
        }
        return String(readme[from.upperBound..<to.lowerBound])
    }

    /// The fenced blocks of a kind, in order.
    static func blocks(_ text: String, _ kind: String) -> [String] {
        var out: [String] = [], current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + kind { current = []; continue }
            if current != nil, line == "```" { out.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(String(line))
        }
        return out
    }

    @Test func theReadmeExamplesPrintWhatTheReadmeShows() throws {
        let text = try Self.section()
        let code = Self.blocks(text, "lua"), shown = Self.blocks(text, "text")
        #expect(code.count == 3 && shown.count == 2)
        // The README shows a UTF-8 terminal's output.
        let saved = (getenv("LC_ALL").map { String(cString: $0) }, getenv("NO_COLOR").map { String(cString: $0) })
        setenv("LC_ALL", "C.UTF-8", 1)
        unsetenv("NO_COLOR")
        defer {
            if let v = saved.0 { setenv("LC_ALL", v, 1) } else { unsetenv("LC_ALL") }
            if let v = saved.1 { setenv("NO_COLOR", v, 1) }
        }
        let s = try SimulationSession(.demo())
        // A terminal draws tables with box characters; the session writes to a file, which would be ASCII.
        s.lua.renderOptions.mode = .box
        for (lua, expected) in zip(code.dropFirst(), shown) {
            let printed = try s.output(lua)
            #expect(printed == expected + "\n")
        }
        // Last, as it schedules the sample's moves on the tenant the others ran on.
        let page = "/tmp/coexist-readme-\(getpid()).html"
        _ = try s.output(code[0].replacingOccurrences(of: "\"plan.html\"", with: "'\(page)'"))
        #expect(FileManager.default.fileExists(atPath: page))
        unlink(page)
        #expect(s.workspace.journal.entries.count == 6, "s:apply() schedules the sample's six moves")
    }
}
