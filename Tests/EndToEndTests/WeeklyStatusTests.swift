import Foundation
import Testing

/// scripts/examples/weekly-status.lua on the demo tenant, run as the README's cron line runs it.
@Suite struct WeeklyStatusTests {
    var repository: String {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }

    @Test func onTheDemoItPrintsMarkdownAndExitsOneForAGoalOffTrack() throws {
        // README: cd /srv/coexist && coexist scripts/examples/weekly-status.lua > status.md || mail ...
        let run = try PipedRun(["--norc", "scripts/examples/weekly-status.lua"], home: try TestHome(), directory: repository, timeout: 60)
        #expect(run.status == 1, "\(run.stderr)")
        for heading in ["# Upgrade status, week of 2026-11-01", "## Plan progress", "## Goals", "## Review: top findings",
                        "## Operations next week", "## Open risks"] {
            #expect(run.stdout.contains("\n" + heading + "\n") || run.stdout.hasPrefix(heading + "\n"), "\(heading)")
        }
        // The certified-device goal is the guide's 80 %; the demo's last 28 days sit at 75.0 %.
        let certified = try #require(run.stdoutLines.first { $0.hasPrefix("| certified audio devices") })
        #expect(certified.contains("75.0") && certified.contains(">= 80") && certified.contains("off track"), "\(certified)")
        #expect(run.stdoutLines.contains { $0.hasPrefix("| Pilot ") })
        #expect(run.stdoutLines.contains { $0.contains("| Perform Quality of Experience Reviews") || $0.contains("| Measure usage") })
        #expect(run.stderr.contains("goal(s) off track") && run.stderr.contains("certified audio devices"), "\(run.stderr)")
        #expect(!run.stdout.contains("NULL"))
    }

    @Test func itExitsZeroWhenEveryGoalIsMetOrOnTrack() throws {
        let run = try PipedRun(["--norc", "-e", #"plan:goal{template="overall drops"}"#, "scripts/examples/weekly-status.lua"],
                               home: try TestHome(), directory: repository, timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutLines.contains { $0.hasPrefix("| overall drops") && $0.contains("| met ") })
        #expect(!run.stdout.contains("certified audio devices"))
    }

    @Test func theReadmePlanExampleRuns() throws {
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "### The upgrade plan and its operations"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```lua\n")), end = try #require(rest[start.upperBound...].range(of: "```"))
        let home = try TestHome()
        let script = try home.write(String(rest[start.upperBound..<end.lowerBound]), to: "plan-example.lua")
        let run = try PipedRun(["--norc", script], home: home, timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        // And the cron line names the script that exists.
        #expect(readme.contains("coexist scripts/examples/weekly-status.lua > status.md ||"))
        #expect(FileManager.default.fileExists(atPath: repository + "/scripts/examples/weekly-status.lua"))
    }
}
