@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua
@testable import CoexistShell

/// Completion that knows where the cursor is: the values a string argument takes (and nothing else), file
/// names where a path goes, the members of what a chain of calls returns, and the keys of proxy tables.
@Suite struct ContextCompletionTests {
    /// A shell as the binary builds it: every binding, the shipped stdlib and prelude, every completion source.
    func shell() throws -> Shell {
        var stdlib = #filePath
        for _ in 0..<3 { stdlib = String(stdlib[..<stdlib.lastIndex(of: "/")!]) }
        let engine = try LuaEngine(LuaEngineOptions(stdlibPath: stdlib + "/stdlib"))
        let workspace = Workspace.demo(users: 300)
        Bindings.install(workspace, in: engine)
        if case .failure(let e) = engine.runPrelude() { throw e }
        let shell = Shell(engine: engine, workspace: workspace)
        shell.completer.add(TenantCompletionSource(workspace))
        shell.completer.add(FileCompletionSource())
        shell.completer.add(CallsCompletionSource(workspace))
        return shell
    }

    func complete(_ shell: Shell, _ line: String) -> [String] { shell.completer.complete(line).candidates }

    @Test func stringsOfferWhatTheArgumentTakesAndNoUserNames() throws {
        let s = try shell()
        #expect(complete(s, "calls:where{modality=\"") == (CallField.modality.values ?? []).sorted())
        #expect(complete(s, "calls:where{modality=\"au") == ["audio"])
        #expect(!complete(s, "calls:where{modality=\"").contains { $0.contains("@") })
        #expect(complete(s, "calls:by(\"buil") == ["building"])
        #expect(complete(s, "calls:top(\"sub") == ["subnet"])
        #expect(complete(s, "calls:summary{\"audio_poor") == ["audio_poor", "audio_poor_pct"].filter { CallMeasure.allNames.contains($0) })
        #expect(complete(s, "print(\"").isEmpty)
        #expect(complete(s, "x = \"").isEmpty)
    }

    @Test func scopesOfferBuildingsCohortsAndDepartments() throws {
        let s = try shell()
        let scopes = complete(s, "qer{scope=\"")
        #expect(scopes.contains("SEA-2"))
        #expect(scopes.contains("Wave 1"))
        #expect(scopes.contains("Sales"))
        #expect(!scopes.contains { $0.contains("@") })
        #expect(complete(s, "users:where{department=\"Sal") == ["Sales"])
    }

    @Test func pathsCompleteAsFileNames() throws {
        let dir = tempPath("complete-files")
        mkdir(dir, 0o755)
        for name in ["streams-oct.csv", "streams-nov.csv", "users.csv"] { fclose(fopen(dir + "/" + name, "w")) }
        let s = try shell()
        #expect(complete(s, "import_calls(\"\(dir)/str") == ["\(dir)/streams-nov.csv", "\(dir)/streams-oct.csv"])
        #expect(complete(s, "import_users('\(dir)/us") == ["\(dir)/users.csv"])
        #expect(complete(s, "qer():save(\"\(dir)/u") == ["\(dir)/users.csv"])
        #expect(complete(s, "calls:to_csv(\"\(dir)/streams-o") == ["\(dir)/streams-oct.csv"])
        #expect(complete(s, ".read \(dir)/us") == ["\(dir)/users.csv"])
        #expect(complete(s, ".output \(dir)/us") == ["\(dir)/users.csv"])
    }

    @Test func aCallsResultCompletesItsMembers() throws {
        let s = try shell()
        #expect(Completer.context(for: "cohort(\"Wave 1\"):mo").kind == .member(base: "cohort(\"Wave 1\")", separator: ":"))
        #expect(complete(s, "cohort(\"Wave 1\"):mo") == ["move"])
        #expect(complete(s, "cohort(\"Wave 1\"):").contains("readiness"))
        #expect(complete(s, "calls:where{modality=\"audio\"}:su") == ["summary"])
        #expect(complete(s, "calls:where{modality=\"audio\", network=\"wifi\"}:by(\"building\"):to") == ["to_csv", "top"])
        #expect(complete(s, "calls:where(function(r) return r.jitter_ms > 20 end):po") == ["poor"])
        #expect(complete(s, "calls:by(\"building\"):summary():so") == ["sort"])
        #expect(complete(s, "result{{a=1}}:where{a=1}:pi") == ["pivot"])
        #expect(complete(s, "x = cohort'Pilot':mo") == ["move"])
        // Unknown chains offer nothing rather than guessing.
        #expect(complete(s, "print(1):").isEmpty)
    }

    @Test func proxyTablesCompleteTheirModulesKeys() throws {
        let s = try shell()
        #expect(complete(s, "qer.targets.poor_int").contains("poor_internal"))
        #expect(complete(s, "qer.tar") == ["targets"])
    }
}
